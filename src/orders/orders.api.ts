import { Router } from 'express';
import type { AppDeps } from '../app.js';
import { inTransaction } from '../db/transaction.js';
import { methodNotAllowed } from '../http/errors.js';
import { listQuerySchema, parseBulk } from '../http/merchant.js';
import { parseOr422 } from '../http/validation.js';
import { orderDocumentSchema, orderToDocument } from './order.document.js';
import { orderWithRelations } from './orders.feed.js';
import { upsertOrders } from './orders.upsert.js';

/** The merchant side of orders: how the shop's backend pushes and reads them. */
export function ordersApi({ db, config }: AppDeps): Router {
  const router = Router();
  router
    .route('/api/orders')
    .put(async (req, res) => {
      const docs = parseBulk('orders', orderDocumentSchema, req.body);
      const modified = await inTransaction(db, (tx) => upsertOrders(tx, docs, config.storeTimeZone));
      res.json({ Modified: modified });
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
