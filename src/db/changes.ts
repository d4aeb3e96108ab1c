import type { ShopId } from '../shared/ids.js';
import type { Db, Tx } from './client.js';
import { inTransaction } from './transaction.js';

export const ENTITIES = ['orders', 'customers', 'products', 'categories'] as const;
export type Entity = (typeof ENTITIES)[number];
/**
 * `recounted`: not written, but a customer whose orders_count or total_spent an order moved. It
 * is announced as an update, yet not counted as one where writes are reported (the import's
 * summary), since the customer's own document did not change.
 */
export type ChangeKind = 'created' | 'updated' | 'deleted' | 'recounted';
export const CHANGE_KINDS = ['created', 'updated', 'deleted', 'recounted'] as const;

/**
 * What one write did to shop data, by entity, kind and the shop's own ids (with their JSON
 * type, so a delete can later be announced as `{"id": 90001}` rather than `{"id": "90001"}`).
 * Every per-entity write function returns one.
 */
export class ChangeSet {
  private readonly byEntity = new Map<Entity, Record<ChangeKind, ShopId[]>>();

  add(entity: Entity, kind: ChangeKind, ids: Iterable<ShopId>): this {
    let kinds = this.byEntity.get(entity);
    if (!kinds) this.byEntity.set(entity, (kinds = { created: [], updated: [], deleted: [], recounted: [] }));
    kinds[kind].push(...ids);
    return this;
  }

  merge(other: ChangeSet): this {
    for (const [entity, kinds] of other.byEntity) {
      for (const kind of CHANGE_KINDS) this.add(entity, kind, kinds[kind]);
    }
    return this;
  }

  ids(entity: Entity, kind: ChangeKind): readonly ShopId[] {
    return this.byEntity.get(entity)?.[kind] ?? [];
  }

  count(entity: Entity, ...kinds: ChangeKind[]): number {
    return kinds.reduce((sum, kind) => sum + this.ids(entity, kind).length, 0);
  }
}

/**
 * Writes one event per change, in the transaction that made the change: if the change
 * commits, its event exists; if it rolls back, so does the event. `commitChanges` calls it for
 * every write, so no write path can skip it. The webhooks side implements it (createOutbox).
 */
export interface Outbox {
  readonly enabled: boolean;
  record(tx: Tx, changes: ChangeSet): Promise<void>;
}

/** With no webhook URL configured nothing is recorded, so nothing piles up waiting. */
export const NO_OUTBOX: Outbox = { enabled: false, record: async () => undefined };

/**
 * The one way shop data is written: `work` runs in a single transaction (retried from the start
 * on a write conflict) and reports what it changed, and the database's outbox records an event
 * per change in that same transaction, so no write path can skip it.
 */
export function commitChanges(db: Db, work: (tx: Tx) => Promise<ChangeSet>): Promise<ChangeSet> {
  return inTransaction(db, async (tx) => {
    const changes = await work(tx);
    await db.outbox.record(tx, changes);
    return changes;
  });
}
