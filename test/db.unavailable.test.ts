import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDb } from '../src/db/client.js';
import { FEED_TOKEN, MERCHANT_KEY } from './support/app.js';
import { buildOrder } from './support/factories.js';
import { feed } from './support/feed.js';

describe('Database unreachable', () => {
  it('When PostgreSQL cannot be reached, then requests get 503 with Retry-After and the process stays up', async () => {
    // Port 9 (discard) on loopback has no PostgreSQL behind it: connections are refused at once.
    const config = loadConfig({
      DATABASE_URL: 'postgresql://nobody@127.0.0.1:9/none',
      CONVERTEDIN_TOKEN: FEED_TOKEN,
      MERCHANT_API_KEY: MERCHANT_KEY,
    });
    const db = await openDb(config.database, { connectTimeoutMs: 1000, maxConnections: 2 });
    const app = buildApp({ db, config });
    try {
      const page = await feed(app, 'orders');
      const push = await request(app)
        .put('/api/orders')
        .set('Authorization', MERCHANT_KEY)
        .send({ orders: [buildOrder()] });
      const health = await request(app).get('/health');

      for (const res of [page, push]) {
        expect(res.status).toBe(503);
        expect(res.headers['retry-after']).toBe('5');
        expect(res.body).toEqual({ message: expect.any(String) });
      }
      expect(health.status).toBe(200);
    } finally {
      await db.close();
    }
  });
});
