import { z } from 'zod';
import type { AppDeps } from '../app.js';
import { entityRoutes, type ListFilter, type MerchantEntity } from '../http/entity-routes.js';
import type { Route } from '../http/routes.js';
import { FINANCIAL_STATUSES, orderDocumentSchema, orderToDocument, type OrderDocument } from './order.document.js';
import { deleteOrder } from './orders.delete.js';
import { orderWithRelations } from './orders.feed.js';
import { upsertOrders } from './orders.upsert.js';

const where = (filter: ListFilter) => ({
  createdAt: filter.createdAt,
  updatedAt: filter.updatedAt,
  ...(filter.financialStatus !== undefined && { financialStatus: filter.financialStatus }),
});

/** The merchant side of orders: how the shop's backend pushes and reads them. */
export function ordersEntity(timeZone: string): MerchantEntity<OrderDocument> {
  return {
    entity: 'orders',
    singular: 'order',
    schema: orderDocumentSchema,
    fields: orderDocumentSchema,
    filters: z.object({
      financial_status: z
        .enum(FINANCIAL_STATUSES, { error: `financial_status must be one of ${FINANCIAL_STATUSES.join(', ')}` })
        .optional(),
    }),
    find: async (client, key) => {
      const row = await client.order.findUnique({ where: { key }, include: orderWithRelations });
      return row && orderToDocument(row, timeZone);
    },
    list: async (db, filter, page) => {
      const rows = await db.read.order.findMany({
        where: where(filter),
        orderBy: { seq: 'asc' },
        ...page,
        include: orderWithRelations,
      });
      return rows.map((row) => orderToDocument(row, timeZone));
    },
    count: (db, filter) => db.read.order.count({ where: where(filter) }),
    upsert: (tx, docs) => upsertOrders(tx, docs, timeZone),
    remove: (tx, key) => deleteOrder(tx, key),
  };
}

export const ordersRoutes = (deps: AppDeps): Route[] => entityRoutes(ordersEntity(deps.config.storeTimeZone), deps);
