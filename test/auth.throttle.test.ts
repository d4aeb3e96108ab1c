import request from 'supertest';
import type { Express } from 'express';
import { describe, expect, it } from 'vitest';
import { FEED_TOKEN, MERCHANT_KEY, arrangePush, testApp } from './support/app.js';
import { buildOrder } from './support/factories.js';
import { expectFeedContract } from './support/feed.js';

/** Low thresholds so a test reaches them quickly; behind a proxy on loopback, so each test client has an address. */
const THROTTLE = {
  TRUST_PROXY: 'loopback',
  AUTH_SLOWDOWN_AFTER: '2',
  AUTH_SLOWDOWN_MS: '150',
  AUTH_BLOCK_AFTER: '4',
  AUTH_FAILURE_WINDOW_SECONDS: '60',
};

const ATTACKER = '203.0.113.7';

/** The feed from a client address of the test's choosing, which `feed` cannot set. */
async function feedAs(app: Express, address: string, token: string, fields: Record<string, string> = {}) {
  const req = request(app).post('/convertedin/orders').set('X-Forwarded-For', address).field('token', token);
  for (const [name, value] of Object.entries(fields)) req.field(name, value);
  return expectFeedContract('orders', await req);
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

describe('Failed authentication throttling', () => {
  it('When one address keeps sending wrong tokens, then it is slowed, then refused with 429 and Retry-After', async () => {
    const { app } = await testApp(THROTTLE);

    const attempts = [];
    for (let i = 0; i < 4; i++) attempts.push(await timed(() => feedAs(app, ATTACKER, `guess-${i}`)));
    const refused = await feedAs(app, ATTACKER, 'guess-5');
    const evenWithTheToken = await feedAs(app, ATTACKER, FEED_TOKEN);

    expect(attempts.map(([res]) => res.status)).toEqual([401, 401, 401, 401]);
    // The first two failures are answered at once; the third and fourth wait AUTH_SLOWDOWN_MS.
    for (const [, ms] of attempts.slice(2)) expect(ms).toBeGreaterThanOrEqual(145);
    for (const res of [refused, evenWithTheToken]) {
      expect(res.status).toBe(429);
      expect(res.body).toEqual({ message: expect.any(String) });
      expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
    }
  });

  it('When an attacker is refused, then a crawler with the right token walks hundreds of pages unthrottled and other addresses are unaffected', async () => {
    const { app } = await testApp(THROTTLE);
    await arrangePush(
      app,
      'orders',
      Array.from({ length: 300 }, () => buildOrder()),
    );
    for (let i = 0; i < 5; i++) await feedAs(app, ATTACKER, `guess-${i}`);

    const statuses = new Map<number, number>();
    const seen = new Set<unknown>();
    for (let page = 1; page <= 300; page++) {
      const res = await feedAs(app, '198.51.100.4', FEED_TOKEN, { page: String(page), per_page: '1' });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      for (const order of res.body.data ?? []) seen.add((order as { id: unknown }).id);
    }
    const bystander = await feedAs(app, '198.51.100.99', 'one-typo');
    const attacker = await feedAs(app, ATTACKER, FEED_TOKEN);

    expect(Object.fromEntries(statuses)).toEqual({ 200: 300 });
    expect(seen.size).toBe(300);
    expect(bystander.status).toBe(401);
    expect(attacker.status).toBe(429);
  });

  it('When wrong merchant keys are sent, then the address is refused on the merchant API and /metrics too', async () => {
    const { app } = await testApp(THROTTLE);

    const statuses = [];
    for (let i = 0; i < 4; i++) {
      const res = await request(app).get('/api/orders').set('X-Forwarded-For', ATTACKER).set('Authorization', `k${i}`);
      statuses.push(res.status);
    }
    const api = await request(app)
      .get('/api/orders')
      .set('X-Forwarded-For', ATTACKER)
      .set('Authorization', MERCHANT_KEY);
    const metrics = await request(app)
      .get('/metrics')
      .set('X-Forwarded-For', ATTACKER)
      .set('Authorization', MERCHANT_KEY);
    const feed = await feedAs(app, ATTACKER, FEED_TOKEN);
    const other = await request(app)
      .get('/api/orders')
      .set('X-Forwarded-For', '192.0.2.1')
      .set('Authorization', MERCHANT_KEY);

    expect(statuses).toEqual([401, 401, 401, 401]);
    expect([api.status, metrics.status, feed.status, other.status]).toEqual([429, 429, 429, 200]);
  });

  it('When the window has passed, then the refused address may try again', async () => {
    const { app } = await testApp({ ...THROTTLE, AUTH_SLOWDOWN_MS: '0', AUTH_FAILURE_WINDOW_SECONDS: '1' });
    for (let i = 0; i < 4; i++) await feedAs(app, ATTACKER, `guess-${i}`);
    const refused = await feedAs(app, ATTACKER, FEED_TOKEN);

    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const later = await feedAs(app, ATTACKER, FEED_TOKEN);

    expect([refused.status, later.status]).toEqual([429, 200]);
  });

  it('When TRUST_PROXY is off, then a forged X-Forwarded-For does not let an attacker pass as new addresses', async () => {
    const { app } = await testApp({ ...THROTTLE, TRUST_PROXY: 'false', AUTH_SLOWDOWN_MS: '0' });

    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await feedAs(app, `203.0.113.${i + 10}`, `guess-${i}`)).status);

    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
  });
});
