import type { Db } from '../db/client.js';
import { readCustomerFeedItem } from '../customers/customers.feed.js';
import { orderToFeed, orderWithRelations } from '../orders/order.document.js';
import { shopIdToJson } from '../shared/ids.js';
import { categoryTrees } from '../categories/categories.feed.js';
import { productToFeed, productWithCategory } from '../products/product.document.js';
import { readStore } from '../store/store.js';
import type { WebhookEntity } from './outbox.js';

type Render = (db: Db, key: string, timeZone: string) => Promise<object | undefined>;

/** Each entity in its feed shape, read when the event is sent so the receiver gets the latest. */
const renderers: Record<WebhookEntity, Render> = {
  orders: async (db, key, timeZone) => {
    const row = await db.read.order.findUnique({ where: { key }, include: orderWithRelations });
    return row ? orderToFeed(row, timeZone) : undefined;
  },
  customers: (db, key, timeZone) => readCustomerFeedItem(db, key, timeZone),
  products: async (db, key, timeZone) => {
    const [row, store] = await Promise.all([
      db.read.product.findUnique({ where: { key }, include: productWithCategory }),
      readStore(db.read),
    ]);
    return row ? productToFeed(row, store?.name ?? '', timeZone) : undefined;
  },
  collections: async (db, key, timeZone) => {
    const row = await db.read.category.findUnique({ where: { key } });
    return row ? (await categoryTrees(db, [row], timeZone))[0] : undefined;
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
  return renderers[event.entity as WebhookEntity](db, event.entityKey, timeZone);
}
