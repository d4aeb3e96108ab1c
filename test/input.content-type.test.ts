import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { FEED_TOKEN, MERCHANT_KEY, arrangePush, merchant, testApp } from './support/app.js';
import { buildOrder } from './support/factories.js';
import { expectFeedContract, feed } from './support/feed.js';

const UNSUPPORTED = { message: 'The request body must be JSON: send it with Content-Type: application/json.' };

describe('Content-Type of merchant bodies', () => {
  it.each([
    ['no Content-Type', undefined],
    ['text/plain', 'text/plain'],
    ['a form type', 'application/x-www-form-urlencoded'],
  ])(
    'When a JSON body comes with %s, then 415 says to send application/json and nothing is written',
    async (_case, type) => {
      const { app } = await testApp();
      const req = request(app).put('/api/orders').set('Authorization', MERCHANT_KEY);
      if (type) req.set('Content-Type', type);

      const res = await req.send(Buffer.from(JSON.stringify({ orders: [buildOrder()] })));
      const count = await merchant(app).get('/api/orders?count=true');

      expect(res.status).toBe(415);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toEqual(UNSUPPORTED);
      expect(count.body).toEqual({ count: 0 });
    },
  );

  it('When the JSON body says application/json with a charset, then it is accepted', async () => {
    const { app } = await testApp();

    const res = await request(app)
      .put('/api/orders')
      .set('Authorization', MERCHANT_KEY)
      .set('Content-Type', 'application/json; charset=utf-8')
      .send(JSON.stringify({ orders: [buildOrder()] }));

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ Modified: 1 });
  });

  it('When a request carries no body and no Content-Type, then it is answered as before', async () => {
    const { app } = await testApp();
    await arrangePush(app, 'orders', [buildOrder({ id: 1 })]);

    const noBody = await request(app).put('/api/orders').set('Authorization', MERCHANT_KEY);
    const deleted = await request(app).delete('/api/orders/1').set('Authorization', MERCHANT_KEY);

    expect(noBody.status).toBe(422);
    expect(noBody.body).toEqual({
      message: 'The given data was invalid.',
      errors: { body: ['is required: send a JSON document with Content-Type: application/json'] },
    });
    expect(deleted.body).toEqual({ Deleted: 1 });
  });
});

describe('Content-Type of feed bodies', () => {
  it.each(['multipart', 'urlencoded', 'json'] as const)(
    'When the feed is sent as %s, then it answers',
    async (encoding) => {
      const { app } = await testApp();
      await arrangePush(app, 'orders', [buildOrder({ id: 1 })]);

      const res = await feed(app, 'orders', { per_page: 5 }, encoding);

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ total: 1, per_page: 5, data: [{ id: 1 }] });
    },
  );

  it('When a feed request has no body, or a text one, then it is a 401 for the missing token as before', async () => {
    const { app } = await testApp();

    const empty = expectFeedContract('orders', await request(app).post('/convertedin/orders'));
    const text = expectFeedContract(
      'orders',
      await request(app).post('/convertedin/orders').set('Content-Type', 'text/plain').send(FEED_TOKEN),
    );

    expect([empty.status, text.status]).toEqual([401, 401]);
    expect(empty.body).toEqual({ message: expect.any(String) });
    expect(text.body).toEqual(empty.body);
  });
});
