import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { FEED_TOKEN, testApp } from './support/app.js';
import { expectFeedContract, feed } from './support/feed.js';

describe('POST /convertedin/* token', () => {
  it.each(['multipart', 'urlencoded', 'json'] as const)(
    'When the token comes in a %s body, then the page is served',
    async (encoding) => {
      const { app } = await testApp();

      const res = await feed(app, 'orders', {}, encoding);

      expect(res.status).toBe(200);
    },
  );

  it.each([
    ['missing', {}],
    ['wrong', { token: 'not-the-token' }],
    ['longer than the real one', { token: `${FEED_TOKEN}-and-more` }],
    ['empty', { token: '' }],
  ])('When the token is %s, then 401 with a message and nothing else', async (_case, body) => {
    const { app } = await testApp();

    // Raw JSON bodies: `feed` always sends the right token, and these leave it out or get it wrong.
    const res = expectFeedContract('orders', await request(app).post('/convertedin/orders').send(body));

    expect(res.status).toBe(401);
    expect(res.body).toEqual({ message: expect.any(String) });
  });

  it('When the token is sent in the query string only, then it is not accepted', async () => {
    const { app } = await testApp();

    const res = expectFeedContract(
      'customers',
      await request(app).post(`/convertedin/customers?token=${FEED_TOKEN}`).send({}),
    );

    expect(res.status).toBe(401);
  });

  it('When the token is not a string, then 401 rather than an error', async () => {
    const { app } = await testApp();

    const res = expectFeedContract(
      'orders',
      await request(app)
        .post('/convertedin/orders')
        .send({ token: ['a', 'b'] }),
    );

    expect(res.status).toBe(401);
  });

  it('When two tokens are configured for rotation, then both are accepted', async () => {
    const { app } = await testApp({ CONVERTEDIN_TOKEN: 'old-token-aaaaaaaa, new-token-bbbbbbbb' });

    const old = await feed(app, 'orders', { token: 'old-token-aaaaaaaa' });
    const fresh = await feed(app, 'orders', { token: 'new-token-bbbbbbbb' });
    const other = await feed(app, 'orders', { token: FEED_TOKEN });

    expect([old.status, fresh.status, other.status]).toEqual([200, 200, 401]);
  });

  it('When both the token and page are bad, then 401 comes first', async () => {
    const { app } = await testApp();

    const res = await feed(app, 'orders', { token: 'wrong', page: 'x' });

    expect(res.status).toBe(401);
  });
});
