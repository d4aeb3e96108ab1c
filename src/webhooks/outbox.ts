import { randomUUID } from 'node:crypto';
import { NO_OUTBOX, type Entity, type Outbox } from '../db/changes.js';
import type { Tx } from '../db/client.js';
import { chunks } from '../shared/chunks.js';
import type { WebhookSettings } from '../webhook-settings.js';

/** convertedin's names for the entities (categories are "collections" there). */
export type WebhookEntity = 'orders' | 'customers' | 'products' | 'collections';

const WEBHOOK_ENTITY: Record<Entity, WebhookEntity> = {
  orders: 'orders',
  customers: 'customers',
  products: 'products',
  categories: 'collections',
};

const ACTIONS = [
  ['created', 'create'],
  ['updated', 'update'],
  ['deleted', 'delete'],
  // After the rest, so it follows its order's event; a customer never has both (order.aggregates.ts).
  ['recounted', 'update'],
] as const;

export function createOutbox(settings: Pick<WebhookSettings, 'url' | 'maxAgeMs'>): Outbox {
  if (settings.url === undefined) return NO_OUTBOX;
  return {
    enabled: true,
    async record(tx, changes) {
      const now = new Date();
      const giveUpAt = new Date(now.getTime() + settings.maxAgeMs);
      const data = (Object.keys(WEBHOOK_ENTITY) as Entity[]).flatMap((entity) =>
        ACTIONS.flatMap(([kind, action]) =>
          changes.ids(entity, kind).map((id) => ({
            eventId: randomUUID(),
            entity: WEBHOOK_ENTITY[entity],
            action,
            entityKey: id.key,
            keyIsNumber: id.isNumber,
            nextAttemptAt: now,
            giveUpAt,
          })),
        ),
      );
      await coalesce(tx, data, now);
      // One multi-row insert keeps the list's order in the ids, which is delivery order.
      if (data.length > 0) await tx.webhookEvent.createMany({ data });
    },
  };
}

/**
 * An update or delete makes the entity's pending updates redundant: every delivery renders the
 * entity as it is when sent, so the newest event alone says it all. Those not in flight are
 * settled as `coalesced`, without a request; the create stays first, and the delete last. Keys
 * are sorted so concurrent writers lock the rows in one order.
 */
async function coalesce(tx: Tx, events: Array<{ entity: string; action: string; entityKey: string }>, now: Date) {
  const keys = new Map<string, Set<string>>();
  for (const e of events) {
    if (e.action === 'create') continue;
    let set = keys.get(e.entity);
    if (!set) keys.set(e.entity, (set = new Set()));
    set.add(e.entityKey);
  }
  for (const [entity, set] of keys) {
    for (const part of chunks([...set].sort())) {
      await tx.webhookEvent.updateMany({
        where: {
          entity,
          entityKey: { in: part },
          action: 'update',
          status: 'pending',
          OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }],
        },
        data: { status: 'coalesced', lastError: 'coalesced: a newer event of this entity stands for it' },
      });
    }
  }
}
