import { Router } from 'express';
import type { AppDeps } from '../app.js';
import { inTransaction } from '../db/transaction.js';
import { methodNotAllowed } from '../http/errors.js';
import { listQuerySchema, parseBulk } from '../http/merchant.js';
import { parseOr422 } from '../http/validation.js';
import { orderDocumentSchema, orderToDocument } from './order.document.js';
import { orderWithRelations } from './orders.feed.js';
import { upsertOrders } from './orders.upsert.js';
import { createOutbox } from '../webhooks/outbox.js';

/** The merchant side of orders: how the shop's backend pushes and reads them. */
export function ordersApi({ db, config }: AppDeps): Router {
  const router = Router();
  const outbox = createOutbox(config.webhooks);
  router
    .route('/api/orders')
    .put(async (req, res) => {
      const docs = parseBulk('orders', orderDocumentSchema, req.body);
      const changes = await inTransaction(db, async (tx) => {
        const result = await upsertOrders(tx, docs, config.storeTimeZone);
        await outbox.record(tx, { entity: 'customers', ...result.customers }, { entity: 'orders', ...result.orders });
        return result.orders;
      });
      res.json({ Modified: changes.created.length + changes.updated.length });
    })
    .get(async (req, res) => {
      const query = parseOr422(listQuerySchema, req.query);
      if (query.count) {
        res.json({ count: await db.read.order.count() });
        return;
      }
      const rows = await db.read.order.findMany({
        orderBy: { seq: 'asc' },
        skip: (query.page - 1) * query.limit,
        take: query.limit,
        include: orderWithRelations,
      });
      res.json(rows.map((row) => orderToDocument(row, config.storeTimeZone)));
    })
    .all(methodNotAllowed(['GET', 'PUT']));
  return router;
}
