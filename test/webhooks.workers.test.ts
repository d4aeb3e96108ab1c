import { describe, expect, inject, it } from 'vitest';
import { openDb } from '../src/db/client.js';
import { inTransaction } from '../src/db/transaction.js';
import { upsertOrders } from '../src/orders/orders.upsert.js';
import { orderDocumentSchema } from '../src/orders/order.document.js';
import { WebhookWorker } from '../src/webhooks/worker.js';
import { pushBulk, testApp } from './support/app.js';
import { buildOrder } from './support/factories.js';
import { Receiver } from './support/receiver.js';

describe('Webhook outbox and workers', () => {
  it('When the transaction that made a change rolls back, then neither the change nor its event exists', async () => {
    const { db, config } = await testApp({ CONVERTEDIN_WEBHOOK_URL: 'http://127.0.0.1:9/hooks', SHOP_DOMAIN: 'shop' });
    const docs = [orderDocumentSchema.parse(buildOrder())];

    const attempt = inTransaction(db, async (tx) => {
      const changes = await upsertOrders(tx, docs, config.storeTimeZone);
      await db.outbox.record(tx, changes);
      throw new Error('failure after the write, before commit');
    });

    await expect(attempt).rejects.toThrow('failure after the write');
    expect([await db.read.order.count(), await db.read.webhookEvent.count()]).toEqual([0, 0]);
  });

  // Several instances share a PostgreSQL database. (Two SQLite writers in one process would block
  // each other's event loop on the file lock, so the SQLite run has nothing to show here.)
  it.runIf(inject('provider') === 'postgresql')(
    'When two workers share one PostgreSQL database, then every event is delivered and none twice at the same time',
    async () => {
      const receiver = new Receiver();
      await receiver.start();
      try {
        const { app, db, config } = await testApp({
          CONVERTEDIN_WEBHOOK_URL: receiver.url,
          SHOP_DOMAIN: 'shop',
          WEBHOOK_TIMEOUT_MS: '5000',
        });
        receiver.respond = () => ({ status: 200, delayMs: 20 });
        const orders = Array.from({ length: 60 }, () => buildOrder());
        await pushBulk(app, 'orders', orders);
        // A second instance: its own connections to the same database.
        const otherDb = await openDb(config.database);
        try {
          const workers = [
            new WebhookWorker({ db, config, batchSize: 5 }),
            new WebhookWorker({ db: otherDb, config, batchSize: 5 }),
          ];
          const drain = async (worker: WebhookWorker) => {
            while ((await worker.runOnce()) > 0);
          };
          for (let round = 0; round < 3; round++) await Promise.all(workers.map(drain));
        } finally {
          await otherDb.close();
        }

        expect(receiver.maxConcurrentPerEvent).toBe(1);
        expect(receiver.received).toHaveLength(120);
        expect(receiver.uniqueEventIds().size).toBe(120);
        expect(await db.read.webhookEvent.count({ where: { status: 'delivered' } })).toBe(120);
      } finally {
        await receiver.stop();
      }
    },
  );
});
