import { describe, expect, it } from 'vitest';
import { arrangePush, testApp } from './support/app.js';
import { buildCustomer, buildOrder } from './support/factories.js';
import { feed } from './support/feed.js';

describe('POST /convertedin/orders', () => {
  it('When an order was pushed, then the feed serves exactly the contract fields', async () => {
    const { app } = await testApp();
    const order = buildOrder({
      id: 101905,
      ordered_at: '2020-12-02 14:42:29',
      total_price: 350,
      subtotal_price: '300',
      total_tax: 0,
      taxes_included: true,
      financial_status: 'processing',
      total_discounts: 0,
      phone: '01226699662',
      customer_locale: null,
      contact_email: 'someone@example.com',
      line_items: [{ product_id: 324, quantity: 2, price: 50, sku: 'SKU-1', title: 'Mug', grams: 200 }],
      customer: { id: 207119551, email: 'someone@example.com', first_name: 'Bob' },
      addresses: [{ type: 'shipping', city: 'Cairo' }],
    });
    await arrangePush(app, 'orders', [order]);

    const res = await feed(app, 'orders');

    expect(res.body.data).toEqual([
      {
        id: 101905,
        ordered_at: '2020-12-02 14:42:29',
        total_price: 350,
        subtotal_price: 300,
        total_tax: 0,
        taxes_included: 1,
        currency: 'EGP',
        country_code: 'EG',
        financial_status: 'processing',
        total_discounts: 0,
        phone: '01226699662',
        customer_locale: null,
        contact_email: 'someone@example.com',
        line_items: [{ product_id: 324, quantity: 2, price: 50 }],
        customer: { id: 207119551 },
      },
    ]);
  });

  it('When ids are sent as numbers or strings, then each comes back with its JSON type', async () => {
    const { app } = await testApp();
    await arrangePush(app, 'orders', [
      buildOrder({ id: 90001, line_items: [{ product_id: 'SKU-A', quantity: 1, price: 1 }], customer: { id: 'C-7' } }),
      buildOrder({ id: 'A-1001', line_items: [{ product_id: 77, quantity: 1, price: 1 }], customer: { id: 8 } }),
    ]);

    const res = await feed(app, 'orders');

    expect(
      res.body.data.map((o: { id: unknown; line_items: Array<{ product_id: unknown }>; customer: unknown }) => [
        o.id,
        o.line_items[0]!.product_id,
        o.customer,
      ]),
    ).toEqual([
      [90001, 'SKU-A', { id: 'C-7' }],
      ['A-1001', 77, { id: 8 }],
    ]);
  });

  it('When amounts have up to 3 decimals, then the JSON numbers are the stored decimals exactly', async () => {
    const { app } = await testApp();
    await arrangePush(app, 'orders', [
      buildOrder({
        total_price: '598.94',
        subtotal_price: 597,
        total_tax: '11.94',
        total_discounts: '10.00',
        currency: 'USD',
      }),
      buildOrder({
        total_price: '12.345',
        subtotal_price: '0.1',
        total_tax: 0.2,
        total_discounts: '0.001',
        currency: 'KWD',
      }),
      buildOrder({
        total_price: '999999999999.999',
        subtotal_price: '0',
        line_items: [{ product_id: 1, quantity: 1, price: 0.3 }],
      }),
    ]);

    const res = await feed(app, 'orders');
    const text = res.text;

    expect(text).toContain('"total_price":598.94,');
    expect(text).toContain('"total_tax":11.94,');
    expect(text).toContain('"total_discounts":10,');
    expect(text).toContain('"total_price":12.345,');
    expect(text).toContain('"subtotal_price":0.1,');
    expect(text).toContain('"total_tax":0.2,');
    expect(text).toContain('"total_discounts":0.001,');
    expect(text).toContain('"total_price":999999999999.999,');
    expect(text).toContain('"price":0.3}');
  });

  it.each([
    ['UTC', '2021-06-01 12:00:00', '2021-06-01 12:00:00'],
    ['Africa/Cairo', '2021-06-01T12:00:00Z', '2021-06-01 14:00:00'],
    ['Asia/Kuwait', '2021-01-01T00:30:00+00:00', '2021-01-01 03:30:00'],
    ['America/New_York', '2008-01-10T11:00:00-05:00', '2008-01-10 11:00:00'],
  ])('When STORE_TIMEZONE is %s, then ordered_at is written in it', async (tz, sent, shown) => {
    const { app } = await testApp({ STORE_TIMEZONE: tz });
    await arrangePush(app, 'orders', [buildOrder({ ordered_at: sent })]);

    const res = await feed(app, 'orders');

    expect(res.body.data[0].ordered_at).toBe(shown);
  });

  it('When a local date is pushed, then it is read in the store timezone and shown unchanged', async () => {
    const { app } = await testApp({ STORE_TIMEZONE: 'Africa/Cairo' });
    await arrangePush(app, 'orders', [buildOrder({ ordered_at: '2024-07-15 23:59:59' })]);

    const res = await feed(app, 'orders');

    expect(res.body.data[0].ordered_at).toBe('2024-07-15 23:59:59');
  });

  it('When an order names a customer pushed earlier, then its customer link is that id', async () => {
    const { app } = await testApp();
    const customer = buildCustomer({ id: 'cust-42' });
    await arrangePush(app, 'customers', [customer]);
    await arrangePush(app, 'orders', [buildOrder({ customer: { id: 'cust-42' } })]);

    const orders = await feed(app, 'orders');
    const customers = await feed(app, 'customers');

    expect(orders.body.data[0].customer).toEqual({ id: 'cust-42' });
    expect(customers.body.data.map((c: { id: unknown }) => c.id)).toEqual(['cust-42']);
  });

  it("When a customer's id changes JSON type, then its orders' customer id follows it", async () => {
    const { app } = await testApp();
    await arrangePush(app, 'orders', [
      buildOrder({ id: 1, customer: { id: 42 } }),
      buildOrder({ id: 2, contact_email: 'other@example.com', customer: { id: 43, email: 'other@example.com' } }),
    ]);
    const before = await feed(app, 'orders');
    expect(before.body.data.map((o: { customer: unknown }) => o.customer)).toEqual([{ id: 42 }, { id: 43 }]);

    await arrangePush(app, 'customers', [buildCustomer({ id: '42' })]);
    const orders = await feed(app, 'orders');
    const customers = await feed(app, 'customers');

    expect(orders.body.data.map((o: { customer: unknown }) => o.customer)).toEqual([{ id: '42' }, { id: 43 }]);
    expect(customers.body.data.map((c: { id: unknown }) => c.id)).toEqual(['42', 43]);
  });

  it('When a guest checkout matches a customer by email, then the order links to that customer', async () => {
    const { app } = await testApp();
    await arrangePush(app, 'customers', [buildCustomer({ id: 9, email: 'Mona@Example.com' })]);
    await arrangePush(app, 'orders', [buildOrder({ contact_email: 'mona@example.COM' })]);

    const orders = await feed(app, 'orders');
    const customers = await feed(app, 'customers');

    expect(orders.body.data[0].customer).toEqual({ id: 9 });
    expect(customers.body.total).toBe(1);
  });

  it("When a guest order's email differs only in case from a customer's, then it is that customer's order", async () => {
    const { app } = await testApp();
    await arrangePush(app, 'customers', [buildCustomer({ id: 'mona', email: 'mona@example.com' })]);
    await arrangePush(app, 'orders', [
      buildOrder({ id: 'guest-1', contact_email: 'Mona@Example.COM', financial_status: 'successful', total_price: 80 }),
    ]);

    const orders = await feed(app, 'orders');
    const customers = await feed(app, 'customers');

    expect(orders.body.data.map((o: { id: unknown; customer: unknown }) => [o.id, o.customer])).toEqual([
      ['guest-1', { id: 'mona' }],
    ]);
    expect(customers.body.data).toEqual([
      expect.objectContaining({ id: 'mona', email: 'mona@example.com', orders_count: 1, total_spent: 80 }),
    ]);
  });

  it('When guest checkouts share an unknown email, then one customer is created and both link to it', async () => {
    const { app } = await testApp();
    await arrangePush(app, 'orders', [
      buildOrder({ contact_email: 'new@example.com' }),
      buildOrder({ contact_email: 'NEW@example.com' }),
    ]);
    await arrangePush(app, 'orders', [buildOrder({ contact_email: 'new@example.com' })]);

    const orders = await feed(app, 'orders');
    const customers = await feed(app, 'customers');

    const links = new Set(orders.body.data.map((o: { customer: { id: unknown } }) => o.customer.id));
    expect(links.size).toBe(1);
    expect(customers.body.data.map((c: { id: unknown }) => c.id)).toEqual([...links]);
    expect(customers.body.data[0]).toMatchObject({ email: 'new@example.com', orders_count: 3 });
  });

  it('When the shop sends no phone, then the feed still sends a string', async () => {
    const { app } = await testApp();
    await arrangePush(app, 'orders', [buildOrder({ phone: null })]);

    const res = await feed(app, 'orders');

    expect(res.body.data[0].phone).toBe('');
  });
});
