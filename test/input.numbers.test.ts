import { describe, expect, it } from 'vitest';
import { arrangePush, merchant, pushBulk, testApp } from './support/app.js';
import { buildCategory, buildOrder, buildProduct, withInvalidFields, type OrderInput } from './support/factories.js';
import { feed } from './support/feed.js';

const invalid = (errors: Record<string, string[]>) => ({ message: 'The given data was invalid.', errors });

describe('Numbers and flags sent as strings', () => {
  it('When an order sends its numbers and flags as strings, then they are read as numbers and flags', async () => {
    const { app } = await testApp();
    const order = buildOrder({
      id: 1,
      total_price: '12.5',
      taxes_included: '1',
      line_items: [{ product_id: 9, quantity: '2', price: '6.25', grams: ' 200 ' }],
      fulfillments: [{ status: 'complete', items: [{ sku: 'A', quantity: '2.00' }] }],
    });

    const res = await pushBulk(app, 'orders', [order]);
    const page = await feed(app, 'orders');
    const stored = await merchant(app).get('/api/orders/1?fields=line_items,fulfillments');

    expect(res.body).toEqual({ Modified: 1 });
    expect(page.body.data[0]).toMatchObject({
      total_price: 12.5,
      taxes_included: 1,
      line_items: [{ product_id: 9, quantity: 2, price: 6.25 }],
    });
    expect(stored.body).toEqual({
      line_items: [
        { product_id: 9, quantity: 2, price: 6.25, grams: 200, sku: null, title: null, vendor: null, properties: null },
      ],
      fulfillments: [{ status: 'complete', items: [{ sku: 'A', quantity: 2 }] }],
    });
  });

  it.each<[OrderInput['taxes_included'], number]>([
    [0, 0],
    [1, 1],
    ['0', 0],
    ['1', 1],
    [true, 1],
    [false, 0],
    ['true', 1],
    ['false', 0],
  ])('When taxes_included is %j, then the feed says %s', async (sent, served) => {
    const { app } = await testApp();
    await arrangePush(app, 'orders', [buildOrder({ taxes_included: sent })]);

    const page = await feed(app, 'orders');

    expect(page.body.data[0].taxes_included).toBe(served);
  });

  it('When a product and a category send numbers and flags as strings, then the feeds read them so', async () => {
    const { app } = await testApp();
    const category = buildCategory({ id: 'c', available: '0' });
    const product = buildProduct({
      id: 'p',
      quantity: '12',
      active: 'false',
      images: [{ path: 'https://cdn.shop.example/p.jpg', width: '800', height: 600 }],
    });
    await arrangePush(app, 'categories', [category]);

    const res = await pushBulk(app, 'products', [product]);
    const products = await feed(app, 'products');
    const categories = await feed(app, 'categories');

    expect(res.body).toEqual({ Modified: 1 });
    expect(products.body.data[0]).toMatchObject({
      quantity: 12,
      published_at: null,
      images: [{ path: 'https://cdn.shop.example/p.jpg', width: 800, height: 600 }],
    });
    expect(categories.body.data[0]).toMatchObject({ id: 'c', available: false });
  });

  it('When a number or a flag is neither, then 422 names each field with what it must be', async () => {
    const { app } = await testApp();
    const order = withInvalidFields(
      buildOrder({
        line_items: [
          { product_id: 1, quantity: '2.5', price: 1 },
          { product_id: 2, quantity: 'two', price: 1, grams: '-1' },
        ],
      }),
      { taxes_included: 'yes' },
    );
    const product = withInvalidFields(buildProduct({ quantity: '1e3' }), { active: 2 });

    const orders = await pushBulk(app, 'orders', [order]);
    const products = await pushBulk(app, 'products', [product]);

    expect(orders.status).toBe(422);
    expect(orders.body).toEqual(
      invalid({
        'orders[0].taxes_included': ['must be 0, 1, true or false'],
        'orders[0].line_items[0].quantity': ['must be an integer'],
        'orders[0].line_items[1].quantity': ['must be an integer'],
        'orders[0].line_items[1].grams': ['must not be negative'],
      }),
    );
    expect(products.status).toBe(422);
    expect(products.body).toEqual(
      invalid({
        'products[0].quantity': ['must be an integer'],
        'products[0].active': ['must be 0, 1, true or false'],
      }),
    );
  });

  it('When query flags and numbers are sent as 1/0 or true/false, then they are read the same way', async () => {
    const { app } = await testApp();
    await arrangePush(app, 'orders', [buildOrder(), buildOrder()]);

    const counted = await merchant(app).get('/api/orders?count=1');
    const listed = await merchant(app).get('/api/orders?count=0&limit=1&fields=id');
    const bad = await merchant(app).get('/api/orders?count=yes&limit=1.5');

    expect(counted.body).toEqual({ count: 2 });
    expect(listed.body).toHaveLength(1);
    expect(bad.status).toBe(422);
    expect(bad.body).toEqual(invalid({ count: ['must be 0, 1, true or false'], limit: ['must be an integer'] }));
  });
});
