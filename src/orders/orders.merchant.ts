import { z } from 'zod';
import type { ListFilter, MerchantEntity } from '../db/entity.js';
import { listCount, listPageArgs } from '../paging/list-page.js';
import {
  FINANCIAL_STATUSES,
  orderDocumentSchema,
  orderFieldsSchema,
  orderToDocument,
  orderWithRelations,
  type OrderDocument,
} from './order.document.js';
import { deleteOrder } from './orders.delete.js';
import { upsertOrders } from './orders.upsert.js';

const filters = z.object({
  financial_status: z
    .enum(FINANCIAL_STATUSES, { error: `financial_status must be one of ${FINANCIAL_STATUSES.join(', ')}` })
    .optional(),
});

const where = (filter: ListFilter, extra: Partial<z.output<typeof filters>>) => ({
  createdAt: filter.createdAt,
  updatedAt: filter.updatedAt,
  ...(extra.financial_status !== undefined && { financialStatus: extra.financial_status }),
});

/** The merchant side of orders: how the shop's backend pushes and reads them. */
export function ordersEntity(timeZone: string): MerchantEntity<OrderDocument, typeof filters> {
  return {
    entity: 'orders',
    singular: 'order',
    schema: orderDocumentSchema,
    fields: orderFieldsSchema,
    filters,
    find: async (client, key) => {
      const row = await client.order.findUnique({ where: { key }, include: orderWithRelations });
      return row && orderToDocument(row, timeZone);
    },
    list: async (db, filter, extra, page) => {
      const rows = await db.read.order.findMany({
        ...(await listPageArgs(db, 'orders', where(filter, extra), page)),
        orderBy: { seq: 'asc' },
        include: orderWithRelations,
      });
      return rows.map((row) => orderToDocument(row, timeZone));
    },
    count: (db, filter, extra) => {
      const conditions = where(filter, extra);
      return listCount(db, 'orders', conditions, () => db.read.order.count({ where: conditions }));
    },
    upsert: (tx, docs) => upsertOrders(tx, docs, timeZone),
    remove: (tx, key) => deleteOrder(tx, key),
  };
}
