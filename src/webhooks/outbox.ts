import { randomUUID } from 'node:crypto';
import type { Tx } from '../db/client.js';
import type { Changes } from '../customers/customers.upsert.js';
import type { WebhookSettings } from './settings.js';

/** convertedin's names for the entities (categories are "collections" there). */
export type WebhookEntity = 'orders' | 'customers' | 'products' | 'collections';
export type WebhookAction = 'create' | 'update' | 'delete';

export interface EntityChanges extends Partial<Changes> {
  entity: WebhookEntity;
  deleted?: Changes['created'];
}

/**
 * Writes one event per change, in the caller's transaction: if the change commits, its event
 * exists; if it rolls back, so does the event. With no webhook URL configured nothing is
 * recorded, so nothing piles up waiting for a destination that will never come.
 */
export interface Outbox {
  readonly enabled: boolean;
  record(tx: Tx, ...changes: EntityChanges[]): Promise<void>;
}

export function createOutbox(settings: Pick<WebhookSettings, 'url' | 'maxAgeMs'>): Outbox {
  const enabled = settings.url !== undefined;
  return {
    enabled,
    async record(tx, ...changes) {
      if (!enabled) return;
      const now = new Date();
      const data = changes.flatMap(({ entity, created = [], updated = [], deleted = [] }) =>
        (
          [
            ['create', created],
            ['update', updated],
            ['delete', deleted],
          ] as const
        ).flatMap(([action, ids]) =>
          ids.map((id) => ({
            eventId: randomUUID(),
            entity,
            action,
            entityKey: id.key,
            keyIsNumber: id.isNumber,
            nextAttemptAt: now,
            giveUpAt: new Date(now.getTime() + settings.maxAgeMs),
          })),
        ),
      );
      // createMany keeps the array's order in the autoincrement ids, which is delivery order.
      if (data.length > 0) await tx.webhookEvent.createMany({ data });
    },
  };
}
