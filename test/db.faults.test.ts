import request from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrate } from '../src/db/migrate.js';
import { FEED_TOKEN, MERCHANT_KEY } from './support/app.js';
import { buildOrder } from './support/factories.js';
import { createPrivatePostgres, type PrivatePostgres } from './support/private-postgres.js';
import { spawnService, type Service } from './support/service.js';
import { expectFeedContract } from './support/feed.js';

/**
 * The service against a PostgreSQL server this file owns, which it stops and freezes mid-crawl.
 * Runs with the PostgreSQL project only: it needs the server binaries, not the shared server.
 */

const CONNECT_TIMEOUT_MS = 1_000;
const STATEMENT_TIMEOUT_MS = 2_000;
/** Every answer during an outage must come within this: the pool's bounds plus a wide margin. */
const ANSWER_BOUND_MS = CONNECT_TIMEOUT_MS + STATEMENT_TIMEOUT_MS + 4_000;
const ORDERS = 60;
const PER_PAGE = 10;

let postgres: PrivatePostgres;

beforeAll(async () => {
  if (inject('provider') !== 'postgresql') return;
  postgres = await createPrivatePostgres();
  await migrate({ provider: 'postgresql', url: postgres.url });
});
afterAll(() => postgres?.destroy());

async function startService(): Promise<{ service: Service; base: string }> {
  const service = await spawnService({
    DATABASE_URL: postgres.url,
    DATABASE_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
    DATABASE_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
  });
  const base = `http://127.0.0.1:${service.port}`;
  const orders = Array.from({ length: ORDERS }, (_, i) => buildOrder({ id: `fault-${i}` }));
  await request(base).put('/api/orders').set('Authorization', MERCHANT_KEY).send({ orders }).expect(200);
  return { service, base };
}

/** Built here rather than by `feed`, for the timeout that bounds every answer during an outage. */
const page = async (base: string, n: number) =>
  expectFeedContract(
    'orders',
    await request(base)
      .post('/convertedin/orders')
      .timeout(ANSWER_BOUND_MS)
      .field('token', FEED_TOKEN)
      .field('page', String(n))
      .field('per_page', String(PER_PAGE)),
  );

/** Page `n`, which must be served. */
async function served(base: string, n: number) {
  const res = await page(base, n);
  expect(res.status).toBe(200);
  return res;
}

/** Every route that touches the database, and the two probes, during the outage. */
async function duringOutage(base: string) {
  const [feed, list, push, ready, health] = await Promise.all([
    page(base, 3),
    request(base).get('/api/orders').timeout(ANSWER_BOUND_MS).set('Authorization', MERCHANT_KEY),
    request(base)
      .put('/api/orders')
      .timeout(ANSWER_BOUND_MS)
      .set('Authorization', MERCHANT_KEY)
      .send({ orders: [buildOrder()] }),
    request(base).get('/ready').timeout(ANSWER_BOUND_MS),
    request(base).get('/health').timeout(ANSWER_BOUND_MS),
  ]);
  return { feed, list, push, ready, health };
}

/** Retries page `n` until it is served again, without restarting the service. */
async function untilServed(base: string, n: number) {
  for (let attempt = 0; attempt < 60; attempt++) {
    const res = await page(base, n);
    if (res.status === 200) return res;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`page ${n} was not served again`);
}

function expectUnavailable(outage: Awaited<ReturnType<typeof duringOutage>>) {
  for (const res of [outage.feed, outage.list, outage.push, outage.ready]) {
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
  }
  expect(outage.feed.body).toEqual({ message: expect.any(String) });
  expect(outage.health.status).toBe(200);
}

describe.runIf(inject('provider') === 'postgresql')('PostgreSQL faults mid-crawl', () => {
  it('When PostgreSQL stops mid-crawl, then requests get a prompt 503 with Retry-After and the crawl resumes once it is back', async () => {
    const { service, base } = await startService();
    const seen: unknown[] = [];
    for (const n of [1, 2]) seen.push(...(await served(base, n)).body.data.map((o: { id: unknown }) => o.id));

    postgres.stop();
    const outage = await duringOutage(base);
    postgres.start();
    const resumed = await untilServed(base, 3);
    seen.push(...resumed.body.data.map((o: { id: unknown }) => o.id));
    for (let n = 4; n <= resumed.body.last_page; n++) {
      seen.push(...(await served(base, n)).body.data.map((o: { id: unknown }) => o.id));
    }
    const ready = await request(base).get('/ready');

    expectUnavailable(outage);
    expect(service.child.exitCode).toBeNull();
    expect(ready.status).toBe(200);
    expect(seen).toEqual(Array.from({ length: ORDERS }, (_, i) => `fault-${i}`));
  }, 90_000);

  it('When PostgreSQL freezes and stops answering, then requests still get 503 within the timeouts and recover when it resumes', async () => {
    const { service, base } = await startService();
    await served(base, 1);

    postgres.freeze();
    let outage;
    try {
      outage = await duringOutage(base);
    } finally {
      postgres.thaw();
    }
    const resumed = await untilServed(base, 2);

    expectUnavailable(outage);
    expect(service.child.exitCode).toBeNull();
    expect(resumed.body.data).toHaveLength(PER_PAGE);
  }, 90_000);
});
