import { connect } from 'node:net';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { FEED_TOKEN, MERCHANT_KEY, arrangePush, testApp } from './support/app.js';
import { buildCategory, buildProduct } from './support/factories.js';
import { expectFeedContract, feed } from './support/feed.js';
import { captureLogs } from './support/logs.js';

describe('Feed requests that are the client’s fault', () => {
  it.each(['multipart/mixed', 'multipart/related', 'multipart/alternative', 'multipart/x-anything'])(
    'When a feed body is %s rather than form-data, then it is a 415 and no error is logged',
    async (type) => {
      const logs = captureLogs('info');
      const { app } = await testApp({ LOG_LEVEL: 'info' }, { logger: logs.logger });

      const res = await request(app)
        .post('/convertedin/orders')
        .set('Content-Type', `${type}; boundary=x`)
        .send(`--x\r\nContent-Type: text/plain\r\n\r\n${FEED_TOKEN}\r\n--x--\r\n`);

      expect(res.status).toBe(415);
      expect(res.body).toEqual({
        message: 'The feed takes a form (multipart/form-data or application/x-www-form-urlencoded) or JSON.',
      });
      await logs.find((line) => line.msg === 'request');
      expect(logs.lines().filter((line) => line.level === 'error')).toEqual([]);
    },
  );

  it('When a client aborts mid-upload, then the request is not logged as a server error', async () => {
    const logs = captureLogs('info');
    const { app } = await testApp({ LOG_LEVEL: 'info' }, { logger: logs.logger });
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
      await once(socket, 'connect');
      socket.write(
        'POST /convertedin/orders HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=x\r\n' +
          'Content-Length: 10000\r\n\r\n--x\r\nContent-Disposition: form-data; name="token"\r\n\r\nfeed-',
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      socket.destroy();

      const line = await logs.find((l) => l.msg === 'request');
      expect(line.status).not.toBe(500);
      expect(line.level).not.toBe('error');
      expect(logs.lines().filter((l) => l.level === 'error')).toEqual([]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it.each([
    ['a NUL character', 'cat\u0000x'],
    ['a lone high surrogate', 'cat\ud800x'],
    ['a lone low surrogate', '\udc00'],
  ])('When collection_id holds %s, then it is a 422 naming the field on every encoding', async (_, id) => {
    const { app } = await testApp();
    await arrangePush(app, 'categories', [buildCategory({ id: 'cat' })]);
    await arrangePush(app, 'products', [buildProduct({ id: 'p', category_id: 'cat' })]);

    const statuses = [];
    for (const encoding of ['json', 'urlencoded', 'multipart'] as const) {
      const res = await feed(app, 'products', { collection_id: id }, encoding);
      statuses.push(res.status);
      if (res.status === 422) expect(res.body.errors).toHaveProperty('collection_id');
    }

    // Multipart and urlencoded bodies cannot carry a lone surrogate: it arrives as U+FFFD, a real
    // character naming no category, and the page is simply empty.
    expect(statuses[0]).toBe(422);
    for (const status of statuses) expect([200, 422]).toContain(status);
  });

  it('When the feed token itself holds a NUL character, then it is a 401, not a 422 that reveals the rule', async () => {
    const { app } = await testApp();

    const res = expectFeedContract(
      'orders',
      await request(app)
        .post('/convertedin/orders')
        .send({ token: `${FEED_TOKEN}\u0000` }),
    );

    expect(res.status).toBe(401);
  });
});

describe('A database that was never migrated', () => {
  it('When MIGRATE_ON_START=false left the database empty, then the feed, /api and /ready all answer 503', async () => {
    const { app, db, provider } = await testApp({ MIGRATE_ON_START: 'false' });
    if (provider === 'postgresql') {
      await db.write.$executeRawUnsafe('DROP SCHEMA public CASCADE');
      await db.write.$executeRawUnsafe('CREATE SCHEMA public');
    } else {
      const tables: Array<{ name: string }> = await db.write.$queryRawUnsafe(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
      );
      await db.write.$executeRawUnsafe('PRAGMA foreign_keys = OFF');
      for (const { name } of tables) await db.write.$executeRawUnsafe(`DROP TABLE "${name}"`);
    }

    const orders = await feed(app, 'orders');
    const store = await feed(app, 'storeinfo');
    const api = await request(app).get('/api/orders').set('Authorization', MERCHANT_KEY);
    const ready = await request(app).get('/ready');

    for (const res of [orders, store, api, ready]) {
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
    }
    expect(orders.body).toEqual({ message: 'The database is not migrated yet. Please retry shortly.' });
    expect(api.body).toEqual(orders.body);
  });
});
