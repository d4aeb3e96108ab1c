import { describe, expect, it } from 'vitest';
import { arrangePush, merchant, pushBulk, testApp } from './support/app.js';
import { buildCustomer, buildOrder } from './support/factories.js';
import { feed } from './support/feed.js';

const customerRow = async (app: Parameters<typeof feed>[0], id: string) =>
  (await feed(app, 'customers')).body.data.find((c: { id: unknown }) => c.id === id);

describe('DELETE /api/orders/:id and /api/customers/:id', () => {
  it('When an order is deleted, then it leaves the feed and its customer orders_count and total_spent follow', async () => {
    const { app } = await testApp();
    await arrangePush(app, 'orders', [
      buildOrder({ id: 'o1', customer: { id: 'c' }, total_price: '10.25' }),
      buildOrder({ id: 'o2', customer: { id: 'c' }, total_price: '5.5' }),
    ]);
    expect(await customerRow(app, 'c')).toMatchObject({ orders_count: 2, total_spent: 15.75 });

    const res = await merchant(app).delete('/api/orders/o1');
    const orders = await feed(app, 'orders');

    expect(res.body).toEqual({ Deleted: 1 });
    expect(orders.body.data.map((o: { id: unknown }) => o.id)).toEqual(['o2']);
    expect(await customerRow(app, 'c')).toMatchObject({ orders_count: 1, total_spent: 5.5 });
  });

  it('When a customer still has orders, then deleting them is 409, and once the orders are gone it is allowed', async () => {
    // No grace period: a deleted record's slot is purged at once, so total drops straight away.
    const { app } = await testApp({ FEED_DELETE_GRACE_SECONDS: '0' });
    await arrangePush(app, 'customers', [buildCustomer({ id: 'c' })]);
    await arrangePush(app, 'orders', [buildOrder({ id: 'o1', customer: { id: 'c' } })]);

    const refused = await merchant(app).delete('/api/customers/c');
    await merchant(app).delete('/api/orders/o1');
    const allowed = await merchant(app).delete('/api/customers/c');
    const customers = await feed(app, 'customers');

    expect([refused.status, refused.body]).toEqual([
      409,
      { message: 'Customer c still has 1 order. Delete it first.' },
    ]);
    expect([allowed.status, allowed.body]).toEqual([200, { Deleted: 1 }]);
    expect(customers.body.total).toBe(0);
  });

  it('When a deleted order is pushed again, then it is created anew and counted again', async () => {
    const { app } = await testApp();
    const order = buildOrder({ id: 'o1', customer: { id: 'c' }, total_price: '7' });
    await arrangePush(app, 'orders', [order]);
    await merchant(app).delete('/api/orders/o1');

    const res = await pushBulk(app, 'orders', [order]);

    expect(res.body).toEqual({ Modified: 1 });
    expect(await customerRow(app, 'c')).toMatchObject({ orders_count: 1, total_spent: 7 });
  });
});
