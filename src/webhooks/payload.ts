import type { Db } from '../db/client.js';
import { customersToFeed } from '../customers/customers.feed.js';
import { orderToFeed } from '../orders/order.document.js';
import { orderWithRelations } from '../orders/orders.feed.js';
import { shopIdToJson } from '../shared/ids.js';
import type { WebhookEntity } from './outbox.js';

type Render = (db: Db, key: string, timeZone: string) => Promise<object | undefined>;

/** Each entity in its feed shape, read when the event is sent so the receiver gets the latest. */
const renderers: Partial<Record<WebhookEntity, Render>> = {
  orders: async (db, key, timeZone) => {
    const row = await db.read.order.findUnique({ where: { key }, include: orderWithRelations });
    return row ? orderToFeed(row, timeZone) : undefined;
  },
  customers: async (db, key, timeZone) => {
    const row = await db.read.customer.findUnique({ where: { key } });
    return row ? (await customersToFeed(db, [row], timeZone))[0] : undefined;
  },
};

export interface EventSubject {
  entity: string;
  action: string;
  entityKey: string;
  keyIsNumber: boolean;
}

/**
 * The JSON body for an event: `{"id"}` for a delete, the entity's feed shape otherwise.
 * Undefined when the entity is gone by now: its own delete event follows and says so.
 */
export async function eventBody(db: Db, event: EventSubject, timeZone: string): Promise<object | undefined> {
  if (event.action === 'delete') return { id: shopIdToJson(event.entityKey, event.keyIsNumber) };
  const render = renderers[event.entity as WebhookEntity];
  if (!render) throw new Error(`no webhook payload for entity ${event.entity}`);
  return render(db, event.entityKey, timeZone);
}
