import { Router } from 'express';
import type { AppDeps } from '../app.js';
import { inTransaction } from '../db/transaction.js';
import { methodNotAllowed } from '../http/errors.js';
import { listQuerySchema, parseBulk } from '../http/merchant.js';
import { parseOr422 } from '../http/validation.js';
import { customerDocumentSchema, customerToDocument } from './customer.document.js';
import { upsertCustomers } from './customers.upsert.js';
import { createOutbox } from '../webhooks/outbox.js';

/** The merchant side of customers. */
export function customersApi({ db, config }: AppDeps): Router {
  const router = Router();
  const outbox = createOutbox(config.webhooks);
  router
    .route('/api/customers')
    .put(async (req, res) => {
      const docs = parseBulk('customers', customerDocumentSchema, req.body);
      const items = docs.map((doc) => ({ id: doc.id, doc, fallback: {} }));
      const changes = await inTransaction(db, async (tx) => {
        const result = await upsertCustomers(tx, items, config.storeTimeZone);
        await outbox.record(tx, { entity: 'customers', ...result });
        return result;
      });
      res.json({ Modified: changes.created.length + changes.updated.length });
    })
    .get(async (req, res) => {
      const query = parseOr422(listQuerySchema, req.query);
      if (query.count) {
        res.json({ count: await db.read.customer.count() });
        return;
      }
      const rows = await db.read.customer.findMany({
        orderBy: { seq: 'asc' },
        skip: (query.page - 1) * query.limit,
        take: query.limit,
      });
      res.json(rows.map((row) => customerToDocument(row, config.storeTimeZone)));
    })
    .all(methodNotAllowed(['GET', 'PUT']));
  return router;
}
