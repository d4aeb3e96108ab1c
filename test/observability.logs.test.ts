import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDb } from '../src/db/client.js';
import { FEED_TOKEN, MERCHANT_KEY, arrangePush, testApp } from './support/app.js';
import { buildOrder } from './support/factories.js';
import { captureLogs } from './support/logs.js';
import { expectFeedContract, feed } from './support/feed.js';

describe('Request logs', () => {
  it('When a feed page is served, then one JSON line carries the request id, method, route, status and latency', async () => {
    const logs = captureLogs();
    const { app } = await testApp({ LOG_LEVEL: 'info' }, { logger: logs.logger });

    const res = expectFeedContract(
      'orders',
      await request(app).post('/convertedin/orders?debug=1').field('token', FEED_TOKEN).field('page', '1'),
    );
    const line = await logs.find((l) => l.msg === 'request');

    expect(res.status).toBe(200);
    expect(line).toMatchObject({
      level: 'info',
      reqId: res.headers['x-request-id'],
      method: 'POST',
      route: '/convertedin/orders',
      status: 200,
      ms: expect.any(Number),
      service: 'convertedin-feed',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it('When the caller sends a plain X-Request-Id, then it is kept in the header and the log', async () => {
    const logs = captureLogs();
    const { app } = await testApp({}, { logger: logs.logger });

    const res = await request(app).get('/health').set('X-Request-Id', 'lb-7f3a.91:2');
    const line = await logs.find((l) => l.msg === 'request');

    expect(res.headers['x-request-id']).toBe('lb-7f3a.91:2');
    expect(line.reqId).toBe('lb-7f3a.91:2');
  });

  it.each([
    ['spaces and quotes', 'x" injected="1'],
    ['too long', 'a'.repeat(200)],
    ['a JSON fragment', '{"level":"fatal"}'],
  ])('When the incoming X-Request-Id has %s, then a fresh id replaces it', async (_case, incoming) => {
    const { app } = await testApp();

    const res = await request(app).get('/health').set('X-Request-Id', incoming);

    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('When a path is unknown, then the log names no raw path or query but "unmatched"', async () => {
    const logs = captureLogs();
    const { app } = await testApp({}, { logger: logs.logger });

    await request(app).get('/wp-admin/setup.php?user=root');
    const line = await logs.find((l) => l.msg === 'request');

    expect(line).toMatchObject({ route: 'unmatched', status: 404 });
    expect(logs.text()).not.toContain('wp-admin');
  });

  it('When tokens, keys and form bodies pass through, then none of them reaches the log', async () => {
    const logs = captureLogs('debug');
    const { app } = await testApp({ LOG_LEVEL: 'debug' }, { logger: logs.logger });
    const marker = 'private-note-4471';

    await feed(app, 'orders');
    await feed(app, 'orders', { token: 'guessed-token-9931' });
    expectFeedContract(
      'customers',
      await request(app).post(`/convertedin/customers?token=${FEED_TOKEN}`).type('form').send({ token: FEED_TOKEN }),
    );
    await request(app).get('/api/orders').set('Authorization', `Bearer ${MERCHANT_KEY}`);
    await request(app).get('/api/orders').set('Authorization', 'guessed-key-5518');
    await arrangePush(app, 'orders', [buildOrder({ phone: marker })]);
    await request(app)
      .put('/api/orders')
      .set('Authorization', MERCHANT_KEY)
      .send({ orders: [{ id: marker }] });
    await logs.find((l) => l.msg === 'request' && l.status === 422);

    const text = logs.text();
    expect(logs.lines().filter((l) => l.msg === 'request')).toHaveLength(7);
    for (const secret of [FEED_TOKEN, 'guessed-token-9931', MERCHANT_KEY, 'guessed-key-5518', marker]) {
      expect(text).not.toContain(secret);
    }
  });

  it('When LOG_LEVEL is warn, then successful requests write nothing and database outages still do', async () => {
    const logs = captureLogs('warn');
    const config = loadConfig({
      DATABASE_URL: 'postgresql://nobody@127.0.0.1:9/none',
      CONVERTEDIN_TOKEN: FEED_TOKEN,
      MERCHANT_API_KEY: MERCHANT_KEY,
      LOG_LEVEL: 'warn',
    });
    const db = await openDb(config.database, { connectTimeoutMs: 1000 });
    const app = buildApp({ db, config, logger: logs.logger });
    try {
      await request(app).get('/health');
      const quiet = logs.text();
      const res = await feed(app, 'orders');
      const line = await logs.find((l) => l.msg === 'request');

      expect(quiet).toBe('');
      expect(res.status).toBe(503);
      expect(line).toMatchObject({ level: 'error', status: 503, reqId: res.headers['x-request-id'] });
      expect(logs.lines().map((l) => l.msg)).toEqual(['database unavailable', 'request']);
    } finally {
      await db.close();
    }
  });

  it('When the logger is given an object holding secrets, then redaction hides them', () => {
    const logs = captureLogs();

    logs.logger.info(
      { token: 'tok-1', headers: { authorization: 'Bearer key-2' }, req: { body: { token: 'tok-3' } } },
      'x',
    );

    expect(logs.text()).not.toMatch(/tok-1|key-2|tok-3/);
    expect(logs.lines()[0]).toMatchObject({ token: '[redacted]', headers: { authorization: '[redacted]' } });
  });
});
