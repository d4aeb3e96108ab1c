import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { start, type Running } from '../src/server.js';
import { Metrics } from '../src/observability/metrics.js';
import { FEED_TOKEN, MERCHANT_KEY, arrangePush, pushBulk, testApp, testDatabase } from './support/app.js';
import { buildCustomer, buildOrder } from './support/factories.js';
import { feed } from './support/feed.js';

const running: Running[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.stop();
});

/** The value of one sample line of the Prometheus text format, e.g. `name{a="b"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const scrape = async (app: Parameters<typeof request>[0]) => {
  const res = await request(app).get('/metrics').set('Authorization', MERCHANT_KEY);
  expect(res.status).toBe(200);
  return res.text;
};

describe('GET /metrics', () => {
  it('When it is called without the merchant key, then 401 and no metrics', async () => {
    const { app } = await testApp();

    const res = await request(app).get('/metrics');

    expect(res.status).toBe(401);
    expect(res.text).not.toContain('http_requests_total');
  });

  it('When requests were served, then counts and latency appear by route template and status', async () => {
    const { app } = await testApp();
    await feed(app, 'orders');
    await feed(app, 'orders', { page: 2 });
    await feed(app, 'orders', { token: 'wrong' });
    await request(app).get('/no/such/path?x=1');
    await request(app).get('/api/orders?page=1').set('Authorization', 'wrong-key');

    const res = await request(app).get('/metrics').set('Authorization', MERCHANT_KEY);

    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.text;
    expect(sample(text, 'http_requests_total{method="POST",route="/convertedin/orders",status="200"}')).toBe(2);
    expect(sample(text, 'http_requests_total{method="POST",route="/convertedin/orders",status="401"}')).toBe(1);
    expect(sample(text, 'http_requests_total{method="GET",route="unmatched",status="404"}')).toBe(1);
    expect(sample(text, 'http_requests_total{method="GET",route="/api/*",status="401"}')).toBe(1);
    expect(
      sample(text, 'http_request_duration_seconds_count{method="POST",route="/convertedin/orders",status="200"}'),
    ).toBe(2);
    expect(text).not.toContain('/no/such/path');
  });

  it('When feed pages are served and documents pushed, then both are counted by entity', async () => {
    const { app } = await testApp();
    await arrangePush(app, 'orders', [buildOrder(), buildOrder(), buildOrder()]);
    await arrangePush(app, 'customers', [buildCustomer()]);
    // Refused documents are not counted.
    expect((await pushBulk(app, 'orders', [{ id: 'bad' }])).status).toBe(422);
    await feed(app, 'orders');
    await feed(app, 'customers');
    await feed(app, 'customers', { page: 9 });

    const text = await scrape(app);

    expect(sample(text, 'ingest_documents_total{entity="orders"}')).toBe(3);
    expect(sample(text, 'ingest_documents_total{entity="customers"}')).toBe(1);
    expect(sample(text, 'feed_pages_served_total{entity="orders"}')).toBe(1);
    expect(sample(text, 'feed_pages_served_total{entity="customers"}')).toBe(2);
  });

  it('When the database is PostgreSQL, then its pool is reported; on SQLite there is no pool to report', async () => {
    const { app, provider } = await testApp();
    await feed(app, 'orders');

    const text = await scrape(app);

    if (provider === 'postgresql') {
      expect(sample(text, 'db_pool_connections{state="total"}')).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'db_pool_connections{state="waiting"}')).toBe(0);
    } else {
      expect(text).not.toContain('db_pool_connections');
    }
  });

  it('When a webhook queue registers its probe, then depth and oldest pending age are read at each scrape', async () => {
    const metrics = new Metrics();
    const { app } = await testApp({}, { metrics });
    let depth = 7;
    metrics.trackQueue(async () => ({ depth, oldestPendingSeconds: depth === 0 ? null : 42.5 }));

    const first = await scrape(app);
    depth = 0;
    const second = await scrape(app);

    expect([sample(first, 'webhook_queue_depth'), sample(first, 'webhook_queue_oldest_pending_seconds')]).toEqual([
      7, 42.5,
    ]);
    expect([sample(second, 'webhook_queue_depth'), sample(second, 'webhook_queue_oldest_pending_seconds')]).toEqual([
      0, 0,
    ]);
  });

  it('When the queue probe fails, then the scrape still answers, with the queue unknown (NaN) rather than empty', async () => {
    const metrics = new Metrics();
    const { app } = await testApp({}, { metrics });
    metrics.trackQueue(() => Promise.reject(new Error('database unavailable')));

    const text = await scrape(app);

    expect(sample(text, 'webhook_queue_depth')).toBeNaN();
    expect(sample(text, 'webhook_queue_oldest_pending_seconds')).toBeNaN();
  });

  it('When METRICS_PORT is set, then /metrics moves there without a key and is gone from the main port', async () => {
    const database = await testDatabase();
    const r = await start({
      DATABASE_URL: database.target.url,
      PORT: '0',
      METRICS_PORT: '0',
      CONVERTEDIN_TOKEN: FEED_TOKEN,
      MERCHANT_API_KEY: MERCHANT_KEY,
      LOG_LEVEL: 'silent',
    });
    running.push(r);
    expect((await feed(r.server, 'orders')).status).toBe(200);

    const main = await request(r.server).get('/metrics').set('Authorization', MERCHANT_KEY);
    const separate = await request(r.metricsServer!).get('/metrics');

    expect(main.status).toBe(404);
    expect(separate.status).toBe(200);
    expect(sample(separate.text, 'feed_pages_served_total{entity="orders"}')).toBe(1);
    expect(separate.text).toContain('process_resident_memory_bytes');
    expect((r.metricsServer!.address() as { address: string }).address).toBe('127.0.0.1');
  });
});
