import { describe, expect, it } from 'vitest';
import { arrangePush, testApp } from './support/app.js';
import { buildCustomer, buildOrder } from './support/factories.js';
import { feed } from './support/feed.js';

async function customerRow(app: Parameters<typeof feed>[0], id: string | number) {
  const res = await feed(app, 'customers', { per_page: 1000 });
  return res.body.data.find((c: { id: unknown }) => c.id === id);
}

describe('POST /convertedin/customers', () => {
  it('When a customer was pushed, then the feed serves exactly the contract fields', async () => {
    const { app } = await testApp({ STORE_TIMEZONE: 'Africa/Cairo' });
    await arrangePush(app, 'customers', [
      buildCustomer({
        id: 207119551,
        email: 'bob.norman@hostmail.com',
        first_name: 'Bob',
        last_name: 'Norman',
        phone: null,
        currency: 'usd',
        registered_at: '2021-10-01T17:01:53-04:00',
        gender: 'male',
      }),
    ]);

    const res = await feed(app, 'customers');

    expect(res.body.data).toEqual([
      {
        id: 207119551,
        email: 'bob.norman@hostmail.com',
        first_name: 'Bob',
        last_name: 'Norman',
        orders_count: 0,
        total_spent: 0,
        currency: 'USD',
        phone: null,
        registered_at: '2021-10-01 23:01:53',
        gender: 'male',
      },
    ]);
  });

  it('When a customer has orders in several statuses, then only successful ones are counted', async () => {
    const { app } = await testApp();
    const id = 'agg-1';
    await arrangePush(app, 'orders', [
      buildOrder({ customer: { id }, financial_status: 'successful', total_price: '0.1' }),
      buildOrder({ customer: { id }, financial_status: 'successful', total_price: '0.2' }),
      buildOrder({ customer: { id }, financial_status: 'refunded', total_price: '1000' }),
      buildOrder({ customer: { id }, financial_status: 'canceled', total_price: '1000' }),
      buildOrder({ customer: { id }, financial_status: 'processing', total_price: '1000' }),
      buildOrder({ customer: { id }, financial_status: null, total_price: '1000' }),
    ]);

    expect(await customerRow(app, id)).toMatchObject({ orders_count: 2, total_spent: 0.3 });
  });

  it('When orders are re-pushed with other statuses, prices and customers, then the aggregates follow', async () => {
    const { app } = await testApp();
    const first = buildOrder({ customer: { id: 'c-1' }, financial_status: 'processing', total_price: '33.333' });
    const second = buildOrder({ customer: { id: 'c-1' }, financial_status: 'successful', total_price: '33.333' });
    await arrangePush(app, 'orders', [first, second]);
    expect(await customerRow(app, 'c-1')).toMatchObject({ orders_count: 1, total_spent: 33.333 });

    await arrangePush(app, 'orders', [{ ...first, financial_status: 'successful' }]);
    expect(await customerRow(app, 'c-1')).toMatchObject({ orders_count: 2, total_spent: 66.666 });

    await arrangePush(app, 'orders', [
      { ...second, total_price: '0.004' },
      { ...second, id: 'third', total_price: '33.333' },
    ]);
    expect(await customerRow(app, 'c-1')).toMatchObject({ orders_count: 3, total_spent: 66.67 });

    await arrangePush(app, 'orders', [{ ...first, financial_status: 'successful', customer: { id: 'c-2' } }]);
    expect(await customerRow(app, 'c-1')).toMatchObject({ orders_count: 2, total_spent: 33.337 });
    expect(await customerRow(app, 'c-2')).toMatchObject({ orders_count: 1, total_spent: 33.333 });

    await arrangePush(app, 'orders', [{ ...first, financial_status: 'successful', customer: { id: 'c-2' } }]);
    expect(await customerRow(app, 'c-2')).toMatchObject({ orders_count: 1, total_spent: 33.333 });
  });

  it('When a customer has no names, then they are empty strings', async () => {
    const { app } = await testApp();
    await arrangePush(app, 'customers', [buildCustomer({ id: 1, first_name: null, last_name: undefined })]);

    expect(await customerRow(app, 1)).toMatchObject({ first_name: '', last_name: '' });
  });

  it('When a customer is first seen embedded in an order, then it takes the order email, currency and date', async () => {
    const { app } = await testApp();
    await arrangePush(app, 'orders', [
      buildOrder({
        customer: { id: 31, first_name: 'سارة' },
        contact_email: 'sara@example.com',
        currency: 'SAR',
        ordered_at: '2022-02-02 08:00:00',
      }),
    ]);

    expect(await customerRow(app, 31)).toMatchObject({
      email: 'sara@example.com',
      first_name: 'سارة',
      currency: 'SAR',
      registered_at: '2022-02-02 08:00:00',
      gender: 'unknown',
    });
  });
});
