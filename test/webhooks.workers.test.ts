import { describe, expect, inject, it } from 'vitest';
import { openDb, type Db } from '../src/db/client.js';
import { WebhookWorker } from '../src/webhooks/worker.js';
import { arrangePush, pushBulk, testApp } from './support/app.js';
import { buildOrder } from './support/factories.js';
import { Receiver } from './support/receiver.js';

/**
 * Makes the database refuse to record events. A push records them last, after its orders, so
 * the push is refused after it has written them: only when both share one transaction is
 * neither left behind.
 */
async function refuseEvents(db: Db): Promise<void> {
  const statements =
    db.provider === 'sqlite'
      ? ["CREATE TRIGGER refuse_events AFTER INSERT ON webhook_events BEGIN SELECT RAISE(ABORT, 'refused'); END"]
      : [
          "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$",
          'CREATE TRIGGER refuse_events AFTER INSERT ON webhook_events FOR EACH STATEMENT EXECUTE FUNCTION refuse()',
        ];
  for (const sql of statements) await db.write.$executeRawUnsafe(sql);
}

describe('Webhook outbox and workers', () => {
  it('When the event of a change cannot be recorded, then the change is not written either', async () => {
    const { app, db } = await testApp({ CONVERTEDIN_WEBHOOK_URL: 'http://127.0.0.1:9/hooks', SHOP_DOMAIN: 'shop' });
    await refuseEvents(db);

    const res = await pushBulk(app, 'orders', [buildOrder()]);

    expect(res.status).toBe(500);
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
        await arrangePush(app, 'orders', orders);
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
