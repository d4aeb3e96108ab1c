import { randomUUID } from 'node:crypto';
import { NO_OUTBOX, type Entity, type Outbox } from '../db/changes.js';
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
      // One multi-row insert keeps the list's order in the ids, which is delivery order.
      if (data.length > 0) await tx.webhookEvent.createMany({ data });
    },
  };
}
