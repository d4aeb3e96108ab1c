import { describe, expect, it } from 'vitest';
import { arrangePush, merchant, pushBulk, testApp } from './support/app.js';
import { buildCategory, buildProduct, buildStore, type ProductInput } from './support/factories.js';
import { feed } from './support/feed.js';

const ids = (res: { body: { data: Array<{ id: unknown }> } }) => res.body.data.map((p) => p.id);

describe('POST /convertedin/products', () => {
  it('When a product was pushed, then the feed serves exactly the contract fields', async () => {
    const { app } = await testApp({ STORE_TIMEZONE: 'Africa/Cairo' });
    await arrangePush(app, 'categories', [buildCategory({ id: 55 })]);
    await arrangePush(app, 'products', [
      buildProduct({
        id: 4001,
        category_id: 55,
        title: 'Linen shirt',
        handle: 'linen-shirt',
        full_permalink: 'https://shop.example/products/linen-shirt',
        app_links: { ios: 'nilethreads://product/4001', android: null },
        image: 'https://cdn.shop.example/linen.jpg',
        content: '<p>Cool linen.</p>',
        type: 'Shirts',
        vendor: 'Delta Mills',
        price: '598.94',
        compare_at_price: 650,
        quantity: 3,
        published_at: '2024-02-01T07:00:00Z',
        tags: ' summer, linen ,,summer',
        images: [{ path: 'https://cdn.shop.example/linen-1.jpg', width: 1200, height: 900 }],
      }),
    ]);

    const res = await feed(app, 'products');

    expect(res.body.data).toEqual([
      {
        id: 4001,
        category_id: '55',
        title: 'Linen shirt',
        handle: 'linen-shirt',
        full_permalink: 'https://shop.example/products/linen-shirt',
        app_links: { ios: 'nilethreads://product/4001', android: null },
        image: 'https://cdn.shop.example/linen.jpg',
        content: '<p>Cool linen.</p>',
        type: 'Shirts',
        vendor: 'Delta Mills',
        price: 598.94,
        compare_at_price: 650,
        quantity: 3,
        stock_status: 'instock',
        published_at: '2024-02-01 09:00:00',
        tags: 'summer, linen',
        images: [{ path: 'https://cdn.shop.example/linen-1.jpg', width: 1200, height: 900 }],
      },
    ]);
  });

  it('When a product names no vendor, then the vendor is the store name, or empty before a store exists', async () => {
    const { app } = await testApp();
    await arrangePush(app, 'products', [buildProduct({ vendor: null })]);
    const before = await feed(app, 'products');

    await merchant(app).put('/api/store', buildStore({ name: 'Nile Threads' }));
    const after = await feed(app, 'products');

    expect([before.body.data[0].vendor, after.body.data[0].vendor]).toEqual(['', 'Nile Threads']);
  });

  it('When a product is inactive, then published_at is null, and it comes back when reactivated', async () => {
    const { app } = await testApp();
    const product = buildProduct({ published_at: '2023-05-05 05:05:05' });
    await arrangePush(app, 'products', [{ ...product, active: false }]);
    const inactive = await feed(app, 'products');

    await arrangePush(app, 'products', [{ ...product, active: 'true' }]);
    const active = await feed(app, 'products');

    expect([inactive.body.data[0].published_at, active.body.data[0].published_at]).toEqual([
      null,
      '2023-05-05 05:05:05',
    ]);
  });

  it('When an active product has no published_at, then it is the time it was first stored, kept on later pushes', async () => {
    const { app } = await testApp();
    const product = buildProduct({ published_at: undefined });
    const start = Date.now();
    await arrangePush(app, 'products', [product]);
    const first = (await feed(app, 'products')).body.data[0].published_at as string;

    const again = await pushBulk(app, 'products', [product]);
    const second = (await feed(app, 'products')).body.data[0].published_at as string;

    const stored = Date.parse(`${first.replace(' ', 'T')}Z`);
    expect(stored).toBeGreaterThanOrEqual(Math.floor(start / 1000) * 1000);
    expect(stored).toBeLessThanOrEqual(Date.now());
    expect(second).toBe(first);
    expect(again.body).toEqual({ Modified: 0 });
  });

  it.each<[string, Partial<ProductInput>, number | null, string]>([
    ['only a positive quantity', { quantity: 4, stock_status: undefined }, 4, 'instock'],
    ['only a zero quantity', { quantity: 0, stock_status: undefined }, 0, 'outofstock'],
    ['only a stock status', { quantity: undefined, stock_status: 'instock' }, null, 'instock'],
    ['both, as sent', { quantity: 0, stock_status: 'instock' }, 0, 'instock'],
  ])(
    'When the shop sends %s, then the feed sends quantity and stock_status',
    async (_case, stock, quantity, status) => {
      const { app } = await testApp();
      await arrangePush(app, 'products', [buildProduct(stock)]);

      const res = await feed(app, 'products');

      expect(res.body.data[0]).toMatchObject({ quantity, stock_status: status });
    },
  );

  it('When tags come as an array and image is left out, then tags are one string and image is the first of images', async () => {
    const { app } = await testApp();
    await arrangePush(app, 'products', [
      buildProduct({
        image: undefined,
        tags: ['Eid', 'gift ', 'Eid'],
        images: [
          { path: 'https://cdn.shop.example/a.jpg' },
          { path: 'https://cdn.shop.example/b.jpg', width: 10, height: 20 },
        ],
      }),
    ]);

    const res = await feed(app, 'products');

    expect(res.body.data[0]).toMatchObject({
      tags: 'Eid, gift',
      image: 'https://cdn.shop.example/a.jpg',
      images: [
        { path: 'https://cdn.shop.example/a.jpg', width: null, height: null },
        { path: 'https://cdn.shop.example/b.jpg', width: 10, height: 20 },
      ],
    });
  });

  it('When collection_id names a category, then its products and those of all its subcategories are served', async () => {
    const { app } = await testApp();
    await arrangePush(app, 'categories', [
      buildCategory({ id: 'grandchild', parent_id: 'child' }),
      buildCategory({ id: 'child', parent_id: 'top' }),
      buildCategory({ id: 'top' }),
      buildCategory({ id: 'other' }),
    ]);
    await arrangePush(app, 'products', [
      buildProduct({ id: 1, category_id: 'top' }),
      buildProduct({ id: 2, category_id: 'other' }),
      buildProduct({ id: 3, category_id: 'grandchild' }),
      buildProduct({ id: 4, category_id: null }),
      buildProduct({ id: 5, category_id: 'child' }),
    ]);

    const top = await feed(app, 'products', { collection_id: 'top' });
    const child = await feed(app, 'products', { collectionid: 'child', per_page: 1, page: 2 });
    const all = await feed(app, 'products');

    expect(ids(top)).toEqual([1, 3, 5]);
    expect(top.body.total).toBe(3);
    expect(ids(child)).toEqual([5]);
    expect(child.body).toMatchObject({ total: 2, last_page: 2 });
    expect(ids(all)).toEqual([1, 2, 3, 4, 5]);
  });

  it('When collection_id names no category, then an empty page rather than an error', async () => {
    const { app } = await testApp();
    await arrangePush(app, 'products', [buildProduct()]);

    const res = await feed(app, 'products', { collection_id: 'nope' }, 'urlencoded');

    expect(res.status).toBe(200);
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

  it('When products are paged, then from, to and last_page follow the envelope arithmetic', async () => {
    const { app } = await testApp();
    await arrangePush(
      app,
      'products',
      Array.from({ length: 5 }, () => buildProduct()),
    );

    const res = await feed(app, 'products', { page: 2, per_page: 2 });

    expect(res.body).toMatchObject({ current_page: 2, from: 3, to: 4, last_page: 3, per_page: 2, total: 5 });
  });
});
