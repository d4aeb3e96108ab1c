import { readdirSync } from 'node:fs';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDb } from '../src/db/client.js';
import { statusSchema } from '../src/status/status.routes.js';
import { WebhookWorker } from '../src/webhooks/worker.js';
import { FEED_TOKEN, MERCHANT_KEY, arrangePush, merchant, pushBulk, testApp } from './support/app.js';
import { buildCategory, buildCustomer, buildOrder, buildStore } from './support/factories.js';
import { crawl } from './support/feed.js';
import { Receiver } from './support/receiver.js';

const receivers: Receiver[] = [];
afterEach(async () => {
  for (const r of receivers.splice(0)) await r.stop();
});

/** GET /api/status: asserted to answer 200 with a document that matches its published schema. */
async function status(app: Parameters<typeof merchant>[0]) {
  const res = await merchant(app).get('/api/status');
  expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
  const checked = statusSchema.safeParse(res.body);
  expect(checked.success, checked.error?.message).toBe(true);
  return res.body;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** A receiver that refuses everything, and a worker driven by hand at simulated times. */
async function withWebhooks(url: (receiver: Receiver) => string = (r) => r.url) {
  const receiver = new Receiver();
  receivers.push(receiver);
  await receiver.start();
  receiver.respond = () => ({ status: 400 });
  const t = await testApp({ CONVERTEDIN_WEBHOOK_URL: url(receiver), SHOP_DOMAIN: 'shop.example.com' });
  const worker = new WebhookWorker({ db: t.db, config: t.config });
  const drainAt = async (ms: number) => {
    while ((await worker.runOnce(new Date(Date.now() + ms))) > 0);
  };
  return { ...t, receiver, drainAt };
}

describe('GET /api/status', () => {
  it('When nothing has happened yet, then every entity is empty and stale, and the service is described', async () => {
    const { app, provider } = await testApp({ STORE_TIMEZONE: 'Africa/Cairo', CRAWL_STALE_AFTER_HOURS: '30' });

    const body = await status(app);

    for (const entity of ['orders', 'customers', 'products', 'categories']) {
      expect(body.entities[entity]).toEqual({
        records: 0,
        last_change_at: null,
        last_crawl: null,
        last_finished_crawl: null,
        recent_crawls: [],
        crawls_7d: 0,
        stale: true,
        failing: false,
      });
    }
    expect(body.webhooks).toBeNull();
    expect(body.store).toBeNull();
    expect(body.settings).toEqual({
      time_zone: 'Africa/Cairo',
      feed_max_per_page: 1000,
      webhooks_enabled: false,
      crawl_tracking: true,
      stale_after_hours: 30,
    });
    expect(body.service).toMatchObject({ version: '0.1.0', database: provider, migrations: { pending: [] } });
    // The newest migration folder in the checkout, which the database was just migrated to.
    const folders = readdirSync(`prisma/${provider}/migrations`, { withFileTypes: true }).filter((e) =>
      e.isDirectory(),
    );
    expect(body.service.migrations.latest).toBe(
      folders
        .map((e) => e.name)
        .sort()
        .at(-1),
    );
    expect(body.feed.hours).toHaveLength(48);
  });

  it('When documents are pushed and one push is refused, then records, last change and the hourly counts show it', async () => {
    const { app } = await testApp();
    await arrangePush(app, 'orders', [buildOrder(), buildOrder(), buildOrder()]);
    await arrangePush(app, 'categories', [buildCategory(), buildCategory()]);
    const store = await merchant(app).put('/api/store', buildStore({ name: 'Hana Shop' }));
    expect(store.status).toBe(200);
    const refused = await pushBulk(app, 'customers', [buildCustomer(), { ...buildCustomer(), id: null }]);
    expect(refused.status).toBe(422);

    const body = await status(app);

    expect(body.entities.orders.records).toBe(3);
    expect(body.entities.categories.records).toBe(2);
    expect(Date.now() - Date.parse(body.entities.orders.last_change_at)).toBeLessThan(60_000);
    expect(sum(body.ingestion.accepted.orders)).toBe(3);
    expect(sum(body.ingestion.accepted.categories)).toBe(2);
    expect(sum(body.ingestion.rejected.customers)).toBe(2);
    expect(sum(body.ingestion.accepted.customers)).toBe(0);
    expect(body.store).toMatchObject({ name: 'Hana Shop' });
  });

  it('When convertedin crawls, then the crawl and the hourly feed pages are in the document', async () => {
    const { app } = await testApp();
    await arrangePush(
      app,
      'orders',
      Array.from({ length: 12 }, () => buildOrder()),
    );

    await crawl(app, 'orders', 5);
    const body = await status(app);

    expect(body.entities.orders).toMatchObject({
      records: 12,
      crawls_7d: 1,
      stale: false,
      last_finished_crawl: { pages_served: 3, last_page: 3, per_page: 5, token: 1 },
    });
    expect(sum(body.feed.pages.orders)).toBe(3);
    expect(body.feed.pages.orders.at(-1) + body.feed.pages.orders.at(-2)).toBe(3);
  });

  it('When webhook deliveries fail until dead, then the queue, the last failure and the topics show it', async () => {
    const { app, drainAt } = await withWebhooks();
    await arrangePush(app, 'customers', [buildCustomer({ id: 'dead-1' })]);
    for (let hour = 0; hour < 5; hour++) await drainAt(hour * 3_600_000);
    await arrangePush(app, 'customers', [buildCustomer({ id: 'waiting-1' }), buildCustomer({ id: 'waiting-2' })]);

    const w = (await status(app)).webhooks;

    expect(w).toMatchObject({
      pending: 2,
      dead: 1,
      last_delivery: null,
      last_failure: { topic: 'customers/create', entity_id: 'dead-1', status: 'dead', attempts: 3, last_status: 400 },
      by_topic: [{ topic: 'customers/create', pending: 2, delivered: 0, dead: 1, coalesced: 0 }],
    });
    expect(w.oldest_pending_seconds).toBeGreaterThanOrEqual(0);
    expect(w.oldest_pending_seconds).toBeLessThan(60);
  });

  it('When an event is retried and delivered, then it is the last delivery', async () => {
    const { app, receiver, drainAt } = await withWebhooks();
    await arrangePush(app, 'customers', [buildCustomer({ id: 'dead-2' })]);
    for (let hour = 0; hour < 5; hour++) await drainAt(hour * 3_600_000);
    const [dead] = (await merchant(app).get('/api/webhooks/deliveries?status=dead')).body;
    receiver.respond = () => ({ status: 200 });
    expect((await merchant(app).post(`/api/webhooks/deliveries/${dead.id}/retry`, {})).status).toBe(202);
    await drainAt(6 * 3_600_000);

    const w = (await status(app)).webhooks;

    expect(w).toMatchObject({
      pending: 0,
      dead: 0,
      last_delivery: { id: dead.id, topic: 'customers/create', status: 'delivered', last_status: 200 },
    });
  });

  it('When the receiver answers 410 Gone, then the document says delivery is paused and why', async () => {
    const { app, receiver, drainAt } = await withWebhooks();
    receiver.respond = () => ({ status: 410 });
    await arrangePush(app, 'customers', [buildCustomer({ id: 'gone-1' })]);
    expect((await status(app)).webhooks).toMatchObject({ paused: false, pause_reason: null });

    await drainAt(0);
    const w = (await status(app)).webhooks;

    expect(w).toMatchObject({ paused: true, pending: 1 });
    expect(w.pause_reason).toMatch(/410/);
  });

  it('When an order changes again before its update is sent, then the collapsed event is counted by topic', async () => {
    const { app, receiver, drainAt } = await withWebhooks();
    receiver.respond = () => ({ status: 200 });
    const order = buildOrder({ id: 'co-1', customer: { id: 'co-c' } });
    await arrangePush(app, 'orders', [order]);
    await drainAt(0);
    await arrangePush(app, 'orders', [{ ...order, phone: '01000000001' }]);
    await arrangePush(app, 'orders', [{ ...order, phone: '01000000002' }]);
    await drainAt(0);

    const topics = (await status(app)).webhooks.by_topic;

    expect(topics).toContainEqual({ topic: 'orders/update', pending: 0, delivered: 1, dead: 0, coalesced: 1 });
  });

  it('When the webhook URL carries credentials, then neither they nor any token or key appear in the document', async () => {
    const { app } = await withWebhooks((r) => `http://hook-user:hook-password@127.0.0.1:${r.port}/hooks?sig=hook-sig`);
    await arrangePush(app, 'orders', [buildOrder()]);
    await crawl(app, 'orders', 10);

    const text = JSON.stringify(await status(app));

    expect(JSON.parse(text).webhooks.target).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/hooks$/);
    for (const secret of ['hook-user', 'hook-password', 'hook-sig', FEED_TOKEN, MERCHANT_KEY]) {
      expect(text).not.toContain(secret);
    }
  });

  it('When the key is missing or wrong, then 401; when it keeps being wrong, then the throttle answers 429', async () => {
    const { app } = await testApp({ AUTH_SLOWDOWN_AFTER: '0', AUTH_SLOWDOWN_MS: '0', AUTH_BLOCK_AFTER: '2' });

    const none = await request(app).get('/api/status');
    const wrong = await request(app).get('/api/status').set('Authorization', 'wrong-key-0000');
    const blocked = await request(app).get('/api/status').set('Authorization', MERCHANT_KEY);

    expect([none.status, none.body]).toEqual([401, { message: expect.stringMatching(/API key/) }]);
    expect(wrong.status).toBe(401);
    expect([blocked.status, blocked.headers['retry-after']]).toEqual([429, expect.stringMatching(/^\d+$/)]);
  });

  it('When the database cannot be reached, then 503 with Retry-After, and the process stays up', async () => {
    // Port 9 (discard) on loopback has no PostgreSQL behind it: connections are refused at once.
    const config = loadConfig({
      DATABASE_URL: 'postgresql://nobody@127.0.0.1:9/none',
      CONVERTEDIN_TOKEN: FEED_TOKEN,
      MERCHANT_API_KEY: MERCHANT_KEY,
      LOG_LEVEL: 'silent',
    });
    const db = await openDb(config.database, { connectTimeoutMs: 1000, maxConnections: 2 });
    try {
      const app = buildApp({ db, config });

      const res = await merchant(app).get('/api/status');

      expect([res.status, res.headers['retry-after'], res.body]).toEqual([503, '5', { message: expect.any(String) }]);
      expect((await request(app).get('/health')).status).toBe(200);
    } finally {
      await db.close();
    }
  });

  it('When an unknown query parameter is sent, then 422 names it', async () => {
    const { app } = await testApp();

    const res = await merchant(app).get('/api/status?verbose=1');

    expect(res.status).toBe(422);
    expect(res.body.errors).toHaveProperty('verbose');
  });

  it('When crawl tracking is off, then the feed records no crawl but documents are still counted', async () => {
    const { app } = await testApp({ CRAWL_TRACKING: 'false' });
    await arrangePush(app, 'orders', [buildOrder()]);
    await crawl(app, 'orders', 10);

    const body = await status(app);

    expect(body.settings.crawl_tracking).toBe(false);
    expect(body.entities.orders).toMatchObject({ last_crawl: null, crawls_7d: 0 });
    expect(sum(body.feed.pages.orders)).toBe(0);
    expect(sum(body.ingestion.accepted.orders)).toBe(1);
  });
});
