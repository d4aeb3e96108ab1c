import { describe, expect, it } from 'vitest';
import { merchant, pushBulk, testApp } from './support/app.js';
import { buildCustomer, buildOrder, type OrderInput } from './support/factories.js';
import { feed } from './support/feed.js';

const NO_EMAIL = 'is required: the order has no contact_email and its customer has no email';
const NO_CUSTOMER = 'is required: the order has no contact_email and names no customer to take one from';

/** A cash-on-delivery order: a phone number, no email of its own. */
const phoneOnly = (overrides: Partial<OrderInput> = {}) => {
  const { contact_email: _, ...order } = buildOrder(overrides);
  return order;
};

describe('Orders without a contact email', () => {
  it('When a phone-only order embeds a customer with an email, then the order takes that email', async () => {
    const { app } = await testApp();
    const order = phoneOnly({ id: 1, customer: { id: 'c-1', email: 'nour@example.com', phone: '01000000001' } });

    const res = await pushBulk(app, 'orders', [order]);
    const page = await feed(app, 'orders');
    const stored = await merchant(app).get('/api/orders/1?fields=contact_email,customer');

    expect(res.body).toEqual({ Modified: 1 });
    expect(page.body.data[0]).toMatchObject({ contact_email: 'nour@example.com', customer: { id: 'c-1' } });
    expect(stored.body).toEqual({ contact_email: 'nour@example.com', customer: { id: 'c-1' } });
  });

  it('When a phone-only order names a stored customer, then the order takes the stored email', async () => {
    const { app } = await testApp();
    const customer = await merchant(app).post('/api/customers', buildCustomer({ id: 42, email: 'omar@example.com' }));
    expect(customer.status).toBe(201);

    const res = await pushBulk(app, 'orders', [phoneOnly({ id: 2, contact_email: null, customer: { id: 42 } })]);
    const page = await feed(app, 'orders');

    expect(res.body).toEqual({ Modified: 1 });
    expect(page.body.data[0]).toMatchObject({ id: 2, contact_email: 'omar@example.com', customer: { id: 42 } });
  });

  it('When one order of a batch embeds the customer and a later one only names it, then both take its email', async () => {
    const { app } = await testApp();
    const first = phoneOnly({ id: 3, customer: { id: 'c-3', email: 'laila@example.com' } });
    const second = phoneOnly({ id: 4, customer: { id: 'c-3' } });

    const res = await pushBulk(app, 'orders', [first, second]);
    const page = await feed(app, 'orders');

    expect(res.body).toEqual({ Modified: 2 });
    expect(page.body.data.map((o: { contact_email: string }) => o.contact_email)).toEqual([
      'laila@example.com',
      'laila@example.com',
    ]);
  });

  it('When the order and its customer both lack an email, then 422 says why and nothing is written', async () => {
    const { app } = await testApp();

    const res = await pushBulk(app, 'orders', [buildOrder(), phoneOnly({ customer: { id: 'new-customer' } })]);
    const count = await merchant(app).get('/api/customers?count=true');

    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      message: 'The given data was invalid.',
      errors: { 'orders[1].contact_email': [NO_EMAIL] },
    });
    expect(count.body).toEqual({ count: 0 });
  });

  it('When an order has no email and no customer, then 422 says so alongside any other bad field', async () => {
    const { app } = await testApp();

    const res = await merchant(app).post('/api/orders', phoneOnly({ currency: 'EURO' }));

    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      message: 'The given data was invalid.',
      errors: {
        currency: ['must be an ISO 4217 currency code such as EGP'],
        contact_email: [NO_CUSTOMER],
      },
    });
  });

  it('When a guest order has an email, then it still links to the oldest customer with that email', async () => {
    const { app } = await testApp();
    const customer = await merchant(app).post('/api/customers', buildCustomer({ id: 7, email: 'Guest@Example.com' }));
    expect(customer.status).toBe(201);

    const res = await pushBulk(app, 'orders', [buildOrder({ id: 5, contact_email: 'guest@example.com' })]);
    const page = await feed(app, 'orders');

    expect(res.body).toEqual({ Modified: 1 });
    expect(page.body.data[0]).toMatchObject({ contact_email: 'guest@example.com', customer: { id: 7 } });
  });
});
