import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { MERCHANT_KEY, arrangePush, pushBulk, testApp } from './support/app.js';
import { buildCustomer, withInvalidFields } from './support/factories.js';
import { feed } from './support/feed.js';

describe('PUT /api/customers', () => {
  it('When customers are pushed, then they are created, and a re-push modifies nothing', async () => {
    const { app } = await testApp();
    const customers = [buildCustomer(), buildCustomer({ id: 'C-2' })];

    const first = await pushBulk(app, 'customers', customers);
    const again = await pushBulk(app, 'customers', customers);
    const count = await request(app).get('/api/customers?count=true').set('Authorization', MERCHANT_KEY);

    expect([first.body, again.body, count.body]).toEqual([{ Modified: 2 }, { Modified: 0 }, { count: 2 }]);
  });

  it('When a customer is pushed with some fields, then those change and the rest stay', async () => {
    const { app } = await testApp();
    const customer = buildCustomer({ id: 5, first_name: 'Layla', phone: '+20100' });
    await arrangePush(app, 'customers', [customer]);

    const res = await pushBulk(app, 'customers', [
      { id: 5, email: customer.email, currency: 'EGP', last_name: 'Mahmoud', phone: null },
    ]);
    const page = await feed(app, 'customers');

    expect(res.body).toEqual({ Modified: 1 });
    expect(page.body.data[0]).toMatchObject({
      id: 5,
      first_name: 'Layla',
      last_name: 'Mahmoud',
      phone: null,
      registered_at: '2023-01-15 09:30:00',
    });
  });

  it('When customers are listed, then their documents come back as pushed', async () => {
    const { app } = await testApp();
    const customer = buildCustomer({ id: 'L-1', addresses: [{ type: 'shipping', city: 'Giza' }] });
    await arrangePush(app, 'customers', [customer]);

    const res = await request(app).get('/api/customers').set('Authorization', MERCHANT_KEY);

    expect(res.body).toEqual([
      {
        id: 'L-1',
        email: customer.email,
        first_name: 'Nour',
        last_name: 'Hassan',
        phone: '+201000000000',
        currency: 'EGP',
        registered_at: '2023-01-15 09:30:00',
        gender: 'female',
        addresses: [{ type: 'shipping', city: 'Giza' }],
      },
    ]);
  });

  it('When documents are bad, then 422 names each field by path and nothing is written', async () => {
    const { app, db } = await testApp();

    const res = await pushBulk(app, 'customers', [
      buildCustomer(),
      withInvalidFields(buildCustomer({ email: undefined }), { gender: 'other' }),
      buildCustomer({ currency: 'EG', registered_at: 'yesterday' }),
    ]);

    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual({
      'customers[1].email': [expect.any(String)],
      'customers[1].gender': [expect.any(String)],
      'customers[2].currency': [expect.any(String)],
      'customers[2].registered_at': [expect.any(String)],
    });
    expect(await db.read.customer.count()).toBe(0);
  });

  it('When prototype-polluting keys are sent, then they are dropped and nothing else is touched', async () => {
    const { app } = await testApp();
    const body = `{"customers":[{"id":1,"email":"p@example.com","currency":"EGP","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}]}`;

    const res = await request(app)
      .put('/api/customers')
      .set('Authorization', MERCHANT_KEY)
      .set('Content-Type', 'application/json')
      .send(body);

    expect(res.status).toBe(200);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
