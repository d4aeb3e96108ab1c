import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { start, type Running } from '../src/server.js';
import { FEED_TOKEN, MERCHANT_KEY, testDatabase } from './support/app.js';
import { buildOrder } from './support/factories.js';

const running: Running[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.stop();
});

describe('GET /metrics for webhooks', () => {
  it('When events wait for an unreachable receiver, then the queue depth and oldest age are reported', async () => {
    const database = await testDatabase();
    const r = await start({
      DATABASE_URL: database.target.url,
      PORT: '0',
      LOG_LEVEL: 'silent',
      CONVERTEDIN_TOKEN: FEED_TOKEN,
      MERCHANT_API_KEY: MERCHANT_KEY,
      // Port 9 on loopback refuses connections: every attempt fails and the events stay pending.
      CONVERTEDIN_WEBHOOK_URL: 'http://127.0.0.1:9/hooks',
      SHOP_DOMAIN: 'shop.example.com',
      WEBHOOK_WORKER: 'false',
    });
    running.push(r);
    await request(r.server)
      .put('/api/orders')
      .set('Authorization', MERCHANT_KEY)
      .send({ orders: [buildOrder(), buildOrder()] });

    const res = await request(r.server).get('/metrics').set('Authorization', MERCHANT_KEY);

    expect(res.status).toBe(200);
    expect(res.text).toMatch(/^webhook_queue_depth 4$/m);
    expect(res.text).toMatch(/^webhook_queue_oldest_pending_seconds \d+(\.\d+)?(e-\d+)?$/m);
  });
});
