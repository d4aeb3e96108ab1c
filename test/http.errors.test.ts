import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { FEED_TOKEN, MERCHANT_KEY, testApp } from './support/app.js';
import { expectFeedContract, feed } from './support/feed.js';

describe('HTTP errors and safety', () => {
  it('When a path is unknown, then 404 as JSON', async () => {
    const { app } = await testApp();

    const res = await request(app).get('/nowhere');

    expect(res.status).toBe(404);
    expect(res.body).toEqual({ message: expect.any(String) });
  });

  it.each([
    ['GET', '/convertedin/orders', 'POST'],
    ['PUT', '/convertedin/customers', 'POST'],
    ['DELETE', '/api/orders', 'GET, PUT, POST'],
    ['PATCH', '/api/products/1', 'GET, PUT, DELETE'],
    ['POST', '/api/store', 'GET, PUT'],
    ['POST', '/health', 'GET'],
  ])('When %s %s, then 405 with Allow: %s', async (method, path, allow) => {
    // Methods the feed does not serve, beside merchant routes: not a feed call, so not through `feed`.
    const { app } = await testApp();

    const res = await request(app)[method.toLowerCase() as 'get'](path).set('Authorization', MERCHANT_KEY);

    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe(allow);
    expect(res.body).toEqual({ message: expect.any(String) });
  });

  it('When the service answers, then helmet headers are set and X-Powered-By is not', async () => {
    const { app } = await testApp();

    const res = await request(app).get('/health');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('When a feed body is larger than allowed, then 413', async () => {
    const { app } = await testApp();

    const res = await feed(app, 'orders', { padding: 'x'.repeat(20_000) }, 'json');

    expect(res.status).toBe(413);
    expect(res.body).toEqual({ message: expect.any(String) });
  });

  it('When a multipart feed form carries a file, then 400', async () => {
    const { app } = await testApp();

    const res = expectFeedContract(
      'orders',
      await request(app)
        .post('/convertedin/orders')
        .field('token', FEED_TOKEN)
        .attach('file', Buffer.from('hello'), 'a.txt'),
    );

    expect(res.status).toBe(400);
    expect(res.body).toEqual({ message: expect.any(String) });
  });

  it('When a multipart form has too many fields, then 413', async () => {
    const { app } = await testApp();
    const fields = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${i}`, 'x']));

    const res = await feed(app, 'orders', fields);

    expect(res.status).toBe(413);
  });

  it('When a multipart body is malformed, then 400 and the process keeps serving', async () => {
    const { app } = await testApp();

    const res = expectFeedContract(
      'orders',
      await request(app)
        .post('/convertedin/orders')
        .set('Content-Type', 'multipart/form-data; boundary=xyz')
        .send('--xyz\r\nContent-Disposition: form-data; name="token"\r\n\r\nabc'),
    );
    const after = await request(app).get('/health');

    expect(res.status).toBe(400);
    expect(after.status).toBe(200);
  });

  it('When a merchant body is larger than allowed, then 413', async () => {
    const { app } = await testApp();

    const res = await request(app)
      .put('/api/orders')
      .set('Authorization', MERCHANT_KEY)
      .set('Content-Type', 'application/json')
      .send(`{"orders":["${'x'.repeat(21 * 1024 * 1024)}"]}`);

    expect(res.status).toBe(413);
  });

  it('When an error is returned, then it names no library, SQL or stack', async () => {
    const { app } = await testApp();

    const responses = await Promise.all([
      request(app)
        .put('/api/orders')
        .set('Authorization', MERCHANT_KEY)
        .set('Content-Type', 'application/json')
        .send('{bad'),
      request(app)
        .post('/convertedin/orders')
        .set('Content-Type', 'multipart/form-data; boundary=q')
        .send('garbage')
        .then((res) => expectFeedContract('orders', res)),
      request(app)
        .put('/api/customers')
        .set('Authorization', MERCHANT_KEY)
        .send({ customers: [{ id: {} }] }),
    ]);

    for (const res of responses) {
      expect(res.text).not.toMatch(/prisma|sqlite|postgres|select |insert |at .*\.(js|ts):\d+|multer|busboy|express/i);
    }
  });
});
