import { inTransaction } from '../db/transaction.js';
import type { AppDeps } from '../http/deps.js';
import { notFound, validationFailed } from '../http/errors.js';
import type { Route } from '../http/routes.js';
import { parseOr422 } from '../http/validation.js';
import { storeDocumentSchema, storeToDocument } from '../store/store.document.js';
import { readStore, saveStore } from '../store/store.js';

/** The merchant side of the store record that convertedin reads as storeinfo. */
export function storeRoutes({ db, config }: AppDeps) {
  const timeZone = config.storeTimeZone;
  const common = { tag: 'merchant: store', auth: 'merchant-key' as const, database: true };
  return {
    read: (path: string): Route => ({
      ...common,
      path,
      method: 'get',
      operationId: 'getStore',
      summary: 'Read the store',
      responses: {
        200: { description: 'the store', schema: storeDocumentSchema },
        404: { description: 'no store pushed yet' },
      },
      handlers: [
        async (_req, res) => {
          const row = await readStore(db.read);
          if (!row) throw notFound(`No store has been pushed yet: PUT ${path} first.`);
          res.json(storeToDocument(row, timeZone));
        },
      ],
    }),
    replace: (path: string): Route => ({
      ...common,
      path,
      method: 'put',
      operationId: 'replaceStore',
      summary: 'Create or replace the store',
      body: { schema: storeDocumentSchema },
      responses: {
        200: { description: 'the store as stored', schema: storeDocumentSchema },
        422: { description: 'a bad field' },
      },
      handlers: [
        async (req, res) => {
          const doc = parseOr422(storeDocumentSchema, req.body);
          // Feed dates are written in STORE_TIMEZONE; a store claiming another zone would mislead convertedin.
          if (doc.time_zone !== undefined && doc.time_zone !== timeZone) {
            throw validationFailed({
              time_zone: [`must be ${timeZone}, the STORE_TIMEZONE every feed date is written in (change it there)`],
            });
          }
          const row = await inTransaction(db, (tx) => saveStore(tx, doc));
          res.json(storeToDocument(row, timeZone));
        },
      ],
    }),
  };
}
