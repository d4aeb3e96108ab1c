import type { Express } from 'express';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { openDb } from '../src/db/client.js';
import { start } from '../src/server.js';
import { FEED_TOKEN, MERCHANT_KEY, arrangePush, merchant, testApp, testDatabase } from './support/app.js';
import { buildOrder, buildProduct } from './support/factories.js';
import { feed, type App } from './support/feed.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()!();
});

/** GET /api/status, asserted to answer 200. */
async function status(app: Express) {
  const res = await merchant(app).get('/api/status');
  expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
  return res.body;
}

/** Pages of one entity in the order given, each asserted to answer 200. */
async function pages(app: App, entity: string, order: number[], fields: Record<string, string | number> = {}) {
  for (const page of order) {
    const res = await feed(app, entity, { page, per_page: 10, ...fields });
    expect(res.status).toBe(200);
  }
}

const finishedCrawl = (fields: object = {}) => ({
  token: 1,
  per_page: 10,
  state: 'finished',
  finished: true,
  finished_at: expect.any(String),
  duration_seconds: expect.any(Number),
  refused: { 401: 0, 422: 0, 429: 0, 503: 0 },
  ...fields,
});

describe('Crawl tracking', () => {
  it('When convertedin walks every page in order, then one finished crawl is recorded with its pages', async () => {
    const { app } = await testApp();
    await arrangePush(
      app,
      'orders',
      Array.from({ length: 25 }, () => buildOrder()),
    );

    await pages(app, 'orders', [1, 2, 3]);
    const body = await status(app);

    const expected = finishedCrawl({ pages_served: 3, highest_page: 3, last_page: 3 });
    expect(body.entities.orders).toMatchObject({
      records: 25,
      last_crawl: expected,
      last_finished_crawl: expected,
      crawls_7d: 1,
      stale: false,
      failing: false,
    });
    expect(body.entities.customers).toMatchObject({ last_crawl: null, crawls_7d: 0, stale: true });
  });

  it('When pages come out of order, then the crawl finishes only once every page was served', async () => {
    const { app } = await testApp();
    await arrangePush(
      app,
      'products',
      Array.from({ length: 40 }, () => buildProduct()),
    );

    await pages(app, 'products', [1, 4, 2]);
    const halfway = (await status(app)).entities.products;
    await pages(app, 'products', [3]);
    const done = (await status(app)).entities.products;

    expect(halfway.last_crawl).toMatchObject({ state: 'running', finished: false, pages_served: 3, highest_page: 4 });
    expect(halfway.last_finished_crawl).toBeNull();
    expect(done.last_crawl).toMatchObject(finishedCrawl({ pages_served: 4, highest_page: 4, last_page: 4 }));
    expect(done.crawls_7d).toBe(1);
  });

  it('When a page is fetched twice, then it counts once and does not stand in for a missing page', async () => {
    const { app } = await testApp();
    await arrangePush(
      app,
      'orders',
      Array.from({ length: 30 }, () => buildOrder()),
    );

    await pages(app, 'orders', [1, 2, 2]);
    const before = (await status(app)).entities.orders.last_crawl;
    await pages(app, 'orders', [3, 3]);
    const after = (await status(app)).entities.orders.last_crawl;

    expect(before).toMatchObject({ pages_served: 2, last_page: 3, finished: false });
    expect(after).toMatchObject({ pages_served: 3, finished: true });
  });

  it('When a crawl stops halfway and convertedin starts again from page 1, then the first is abandoned', async () => {
    const { app } = await testApp();
    await arrangePush(
      app,
      'orders',
      Array.from({ length: 50 }, () => buildOrder()),
    );

    await pages(app, 'orders', [1, 2]);
    await pages(app, 'orders', [1, 2, 3, 4, 5]);
    const orders = (await status(app)).entities.orders;

    expect(orders.crawls_7d).toBe(2);
    expect(orders.recent_crawls).toEqual([
      expect.objectContaining(finishedCrawl({ pages_served: 5, last_page: 5 })),
      expect.objectContaining({ state: 'abandoned', finished: false, pages_served: 2, highest_page: 2, last_page: 5 }),
    ]);
    expect(orders.last_finished_crawl).toMatchObject({ pages_served: 5 });
  });

  it('When two tokens crawl one entity at the same time, then each has its own crawl', async () => {
    const other = 'second-feed-token-for-tests';
    const { app } = await testApp({ CONVERTEDIN_TOKEN: `${FEED_TOKEN},${other}` });
    await arrangePush(
      app,
      'orders',
      Array.from({ length: 30 }, () => buildOrder()),
    );

    for (const page of [1, 2, 3]) {
      await pages(app, 'orders', [page]);
      await pages(app, 'orders', [4 - page], { token: other });
    }
    await pages(app, 'orders', [1], { token: other });
    const orders = (await status(app)).entities.orders;

    expect(orders.crawls_7d).toBe(3);
    const byToken = orders.recent_crawls.map((c: { token: number; state: string; pages_served: number }) => [
      c.token,
      c.state,
      c.pages_served,
    ]);
    // Token 2 walked 3, 2, 1, then began again at page 1.
    expect(byToken).toEqual([
      [2, 'running', 1],
      [2, 'finished', 3],
      [1, 'finished', 3],
    ]);
    expect(JSON.stringify(orders)).not.toContain(other);
  });

  it('When a wrong token is sent, then its refusals are counted and the entity is failing, without the token', async () => {
    const { app } = await testApp({ AUTH_SLOWDOWN_AFTER: '100', AUTH_BLOCK_AFTER: '200' });
    for (let i = 0; i < 3; i++) {
      const res = await feed(app, 'customers', { token: 'not-the-token-123', page: 1 });
      expect(res.status).toBe(401);
    }
    const bad = await feed(app, 'customers', { page: 'x' });
    expect(bad.status).toBe(422);

    const body = await status(app);

    expect(body.entities.customers.recent_crawls).toEqual([
      expect.objectContaining({ token: 1, per_page: 100, refused: { 401: 0, 422: 1, 429: 0, 503: 0 } }),
      expect.objectContaining({ token: null, pages_served: 0, refused: { 401: 3, 422: 0, 429: 0, 503: 0 } }),
    ]);
    expect(body.entities.customers).toMatchObject({ failing: true, stale: true });
    expect(body.feed.refused.customers.reduce((a: number, b: number) => a + b, 0)).toBe(4);
    expect(JSON.stringify(body)).not.toContain('not-the-token-123');
  });

  it('When an address is blocked, then its 429s are counted against the crawl of its valid token', async () => {
    const { app } = await testApp({
      TRUST_PROXY: 'loopback',
      AUTH_SLOWDOWN_AFTER: '0',
      AUTH_SLOWDOWN_MS: '0',
      AUTH_BLOCK_AFTER: '1',
    });
    const from = (token: string) =>
      request(app)
        .post('/convertedin/orders')
        .set('X-Forwarded-For', '203.0.113.9')
        .type('form')
        .send({ token, page: '1', per_page: '10' });
    expect((await from('wrong-token-000')).status).toBe(401);

    expect((await from(FEED_TOKEN)).status).toBe(429);
    const orders = (await status(app)).entities.orders;

    expect(orders.recent_crawls).toEqual([
      expect.objectContaining({ token: 1, per_page: 10, pages_served: 0, refused: { 401: 0, 422: 0, 429: 1, 503: 0 } }),
      expect.objectContaining({ token: null, refused: { 401: 1, 422: 0, 429: 0, 503: 0 } }),
    ]);
  });

  it('When two instances share the database and split a crawl between them, then it is one finished crawl', async () => {
    const first = await testApp();
    const db = await openDb(first.config.database);
    closers.push(() => db.close());
    const second = buildApp({ db, config: first.config });
    await arrangePush(
      first.app,
      'orders',
      Array.from({ length: 40 }, () => buildOrder()),
    );

    await pages(first.app, 'orders', [1, 3]);
    await pages(second, 'orders', [2]);
    // The second instance writes first, so the first must find and join the crawl it created.
    await status(second);
    await pages(second, 'orders', [4]);
    await status(first.app);
    await status(second);
    const seenByFirst = await status(first.app);
    const seenBySecond = await status(second);

    expect(seenByFirst.entities.orders.crawls_7d).toBe(1);
    expect(seenByFirst.entities.orders.last_crawl).toMatchObject(
      finishedCrawl({ pages_served: 4, highest_page: 4, last_page: 4 }),
    );
    expect(seenBySecond.entities.orders).toEqual(seenByFirst.entities.orders);
    expect(seenBySecond.feed.pages.orders.reduce((a: number, b: number) => a + b, 0)).toBe(4);
  });

  it('When the running service serves a crawl, then it writes it within seconds by itself, and the rest as it stops', async () => {
    const database = await testDatabase();
    const service = await start({
      DATABASE_URL: database.target.url,
      PORT: '0',
      CONVERTEDIN_TOKEN: FEED_TOKEN,
      MERCHANT_API_KEY: MERCHANT_KEY,
      LOG_LEVEL: 'silent',
    });
    let stopped = false;
    closers.push(async () => {
      if (!stopped) await service.stop();
    });
    const db = await openDb(database.target);
    closers.push(() => db.close());
    const reader = buildApp({ db, config: service.config });
    await arrangePush(
      service.server,
      'orders',
      Array.from({ length: 30 }, () => buildOrder()),
    );

    await pages(service.server, 'orders', [1, 2]);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const meanwhile = (await status(reader)).entities.orders.last_crawl;
    await pages(service.server, 'orders', [3]);
    await service.stop();
    stopped = true;
    const after = (await status(reader)).entities.orders.last_crawl;

    expect(meanwhile).toMatchObject({ pages_served: 2, finished: false });
    expect(after).toMatchObject({ pages_served: 3, finished: true });
  });
});
