import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { FEED_TOKEN, arrangePush, merchant, testApp } from './support/app.js';
import { buildCategory, buildOrder } from './support/factories.js';
import { expectFeedContract } from './support/feed.js';

const LIST = 'page, limit, count, fields, createdBefore, createdAfter, updatedBefore, updatedAfter, updatedMin';

describe('Unknown query parameters', () => {
  it('When a count names an unknown filter, then 422 names it instead of counting everything', async () => {
    const { app } = await testApp();
    await arrangePush(app, 'orders', [buildOrder()]);

    const res = await merchant(app).get('/api/orders?count=true&updated_at_min=2099-01-01');

    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      message: 'The given data was invalid.',
      errors: {
        updated_at_min: [`is not a known parameter; this route takes ${LIST}, financial_status`],
      },
    });
  });

  it.each([
    ['get', '/api/customers?colour=red', 'colour', LIST],
    ['get', '/api/products/1?fields=id&limit=1', 'limit', 'fields'],
    ['delete', '/api/categories/1?cascades=true', 'cascades', 'cascade'],
    ['get', '/api/store?x=1', 'x', null],
    ['put', '/api/orders?dry_run=1', 'dry_run', null],
    ['get', '/api/webhooks/deliveries?state=dead', 'state', `${LIST}, status, entity, action, entity_id`],
  ])('When %s %s is called, then 422 names %s', async (method, path, name, known) => {
    const { app } = await testApp();
    await arrangePush(app, 'categories', [buildCategory({ id: 1 })]);

    const res = await merchant(app)[method as 'get'](path).send({ orders: [] });

    expect(res.status).toBe(422);
    const hint = known === null ? 'this route takes no query parameters' : `this route takes ${known}`;
    expect(res.body).toEqual({
      message: 'The given data was invalid.',
      errors: { [name]: [`is not a known parameter; ${hint}`] },
    });
    expect((await merchant(app).get('/api/categories?count=true')).body).toEqual({ count: 1 });
  });

  it.each(['__proto__', 'constructor'])(
    'When a parameter is named %s, then 422 names it like any other, instead of a 500',
    async (name) => {
      const { app } = await testApp();

      const res = await merchant(app).get(`/api/orders?${name}=1`);

      expect(res.status).toBe(422);
      expect(Object.keys(res.body.errors)).toEqual([name]);
      expect(res.body.errors[name]).toEqual([`is not a known parameter; this route takes ${LIST}, financial_status`]);
    },
  );

  it('When the feed is called with a query string, then it is ignored as before', async () => {
    const { app } = await testApp();
    await arrangePush(app, 'orders', [buildOrder({ id: 1 })]);

    const page = expectFeedContract(
      'orders',
      await request(app).post('/convertedin/orders?utm_source=x&page=9').field('token', FEED_TOKEN),
    );

    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ current_page: 1, total: 1, data: [{ id: 1 }] });
  });
});
