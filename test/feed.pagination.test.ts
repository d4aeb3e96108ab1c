import { describe, expect, it } from 'vitest';
import { arrangePush, testApp } from './support/app.js';
import { buildCustomer, buildOrder } from './support/factories.js';
import { feed } from './support/feed.js';

async function appWithOrders(count: number, env: Record<string, string> = {}) {
  const t = await testApp(env);
  const orders = Array.from({ length: count }, () => buildOrder());
  await arrangePush(t.app, 'orders', orders);
  return { ...t, orders };
}

describe.each(['orders', 'customers'])('POST /convertedin/%s pagination', (entity) => {
  it('When page and per_page are left out, then page 1 of 100 is served', async () => {
    const { app } = await appWithOrders(3);

    const res = await feed(app, entity);

    expect(res.body).toMatchObject({ current_page: 1, per_page: 100, from: 1, to: 3, last_page: 1, total: 3 });
    expect(res.body.data).toHaveLength(3);
  });

  it('When par_page is sent instead of per_page, then it is honoured', async () => {
    const { app } = await appWithOrders(5);

    const res = await feed(app, entity, { par_page: 2, page: 2 });

    expect(res.body).toMatchObject({ current_page: 2, per_page: 2, from: 3, to: 4, last_page: 3, total: 5 });
  });

  it('When pages are walked, then from, to and last_page follow Laravel arithmetic', async () => {
    const { app } = await appWithOrders(7);

    const pages = await Promise.all([1, 2, 3].map((page) => feed(app, entity, { page, per_page: 3 })));

    expect(pages.map((p) => [p.body.from, p.body.to, p.body.data.length])).toEqual([
      [1, 3, 3],
      [4, 6, 3],
      [7, 7, 1],
    ]);
    expect(pages.every((p) => p.body.last_page === 3 && p.body.total === 7)).toBe(true);
  });

  it('When the page is past the end, then 200 with empty data and null from/to', async () => {
    const { app } = await appWithOrders(2);

    const res = await feed(app, entity, { page: 5, per_page: 10 });

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ current_page: 5, data: [], from: null, to: null, last_page: 1, per_page: 10, total: 2 });
  });

  it('When there are no records, then last_page is 1', async () => {
    const { app } = await testApp();

    const res = await feed(app, entity);

    expect(res.body).toEqual({
      current_page: 1,
      data: [],
      from: null,
      to: null,
      last_page: 1,
      per_page: 100,
      total: 0,
    });
  });

  it.each([
    ['page', 'abc'],
    ['page', '0'],
    ['page', '-1'],
    ['page', '1.5'],
    ['per_page', '0'],
    ['per_page', '1001'],
    ['per_page', 'ten'],
    ['par_page', '5000'],
  ])('When %s is %s, then 422 names that field', async (field, value) => {
    const { app } = await testApp();

    const res = await feed(app, entity, { [field]: value });

    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors)).toEqual([field]);
  });

  it('When FEED_MAX_PER_PAGE lowers the cap, then per_page above it is refused', async () => {
    const { app } = await testApp({ FEED_MAX_PER_PAGE: '50' });

    const over = await feed(app, entity, { per_page: 51 });
    const at = await feed(app, entity, { per_page: 50 });

    expect([over.status, at.status]).toEqual([422, 200]);
  });

  it('When records exist, then they come in ascending creation order', async () => {
    const t = await testApp();
    const customers = [
      buildCustomer({ id: 'z-last-id' }),
      buildCustomer({ id: 5 }),
      buildCustomer({ id: 'a-first-id' }),
    ];
    await arrangePush(t.app, 'customers', customers);
    await arrangePush(
      t.app,
      'orders',
      customers.map((c) => buildOrder({ id: `order-for-${c.id}`, customer: { id: c.id } })),
    );

    const res = await feed(t.app, entity);

    const expected = entity === 'orders' ? customers.map((c) => `order-for-${c.id}`) : customers.map((c) => c.id);
    expect(res.body.data.map((item: { id: unknown }) => item.id)).toEqual(expected);
  });
});
