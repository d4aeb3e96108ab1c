import { describe, expect, it } from 'vitest';
import { merchant, pushBulk, testApp } from './support/app.js';
import { buildOrder, withInvalidFields } from './support/factories.js';

const invalid = (errors: Record<string, string[]>) => ({ message: 'The given data was invalid.', errors });

describe('Missing fields', () => {
  it('When orders leave out required fields, nested ones included, then each one is named as required', async () => {
    const { app } = await testApp();
    const { line_items: _, ...withoutLineItems } = buildOrder({ id: 1 });
    const docs = [
      { id: 1, customer: { id: 'c-1' } },
      withInvalidFields(buildOrder(), { line_items: [{}], customer: {} }),
      withoutLineItems,
    ];

    const res = await pushBulk(app, 'orders', docs);

    expect(res.status).toBe(422);
    expect(res.body).toEqual(
      invalid({
        'orders[0].ordered_at': ['is required'],
        'orders[0].total_price': ['is required'],
        'orders[0].subtotal_price': ['is required'],
        'orders[0].currency': ['is required'],
        'orders[0].country_code': ['is required'],
        'orders[0].line_items': ['is required'],
        'orders[1].line_items[0].product_id': ['is required'],
        'orders[1].line_items[0].quantity': ['is required'],
        'orders[1].line_items[0].price': ['is required'],
        'orders[1].customer.id': ['is required'],
        'orders[2].line_items': ['is required'],
      }),
    );
  });

  it.each([
    ['customers', { id: 'c-1', email: null }, { email: ['is required'], currency: ['is required'] }],
    [
      'products',
      { quantity: 1, image: 'https://cdn.shop.example/1.jpg' },
      {
        id: ['is required'],
        title: ['is required'],
        handle: ['is required'],
        full_permalink: ['is required'],
        price: ['is required'],
      },
    ],
    ['categories', { parent_id: null }, { id: ['is required'], title: ['is required'], handle: ['is required'] }],
  ])('When a %s document leaves out required fields, then each is named as required', async (entity, doc, errors) => {
    const { app } = await testApp();

    const res = await merchant(app).post(`/api/${entity}`, doc);

    expect(res.status).toBe(422);
    expect(res.body).toEqual(invalid(errors));
  });

  it('When the store leaves out fields and sends a bad one, then missing ones are required and the bad one says why', async () => {
    const { app } = await testApp();

    const res = await merchant(app).put('/api/store', { currency: 'EURO' });

    expect(res.status).toBe(422);
    expect(res.body).toEqual(
      invalid({
        name: ['is required'],
        currency: ['must be an ISO 4217 currency code such as EGP'],
        email: ['is required'],
        country: ['is required'],
      }),
    );
  });
});
