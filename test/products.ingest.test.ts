import { describe, expect, it } from 'vitest';
import { arrangePush, merchant, pushBulk, testApp } from './support/app.js';
import { buildCategory, buildProduct, withInvalidFields } from './support/factories.js';

describe('PUT /api/products', () => {
  it('When products are pushed, then they are created, and a re-push modifies nothing', async () => {
    const { app } = await testApp();
    const products = [buildProduct(), buildProduct({ id: 'SKU-2', tags: 'a,b' })];

    const first = await pushBulk(app, 'products', products);
    const again = await pushBulk(app, 'products', products);
    const count = await merchant(app).get('/api/products?count=true');

    expect([first.body, again.body, count.body]).toEqual([{ Modified: 2 }, { Modified: 0 }, { count: 2 }]);
  });

  it('When a product is pushed again with changes, then it is replaced as a whole', async () => {
    const { app } = await testApp();
    const product = buildProduct({ id: 8, compare_at_price: 300, type: 'Shirts' });
    await arrangePush(app, 'products', [product]);

    const res = await pushBulk(app, 'products', [{ ...product, compare_at_price: undefined, type: undefined }]);
    const stored = await merchant(app).get('/api/products/8');

    expect(res.body).toEqual({ Modified: 1 });
    expect(stored.body).toMatchObject({ compare_at_price: null, type: null });
  });

  it.each([
    ['a relative permalink', { full_permalink: '/products/shirt' }, 'products[0].full_permalink'],
    ['a relative image', { image: 'shirt.jpg' }, 'products[0].image'],
    ['an image path without a scheme', { images: [{ path: '//cdn.example/a.jpg' }] }, 'products[0].images[0].path'],
    ['an app link without a scheme', { app_links: { ios: 'product/1' } }, 'products[0].app_links.ios'],
    ['neither quantity nor stock_status', { quantity: null, stock_status: undefined }, 'products[0].stock_status'],
    ['no image at all', { image: undefined, images: [] }, 'products[0].image'],
    ['an unknown stock status', { stock_status: 'backorder' }, 'products[0].stock_status'],
    ['a tag with a comma', { tags: ['a,b'] }, 'products[0].tags[0]'],
    ['tags of another type', { tags: 7 }, 'products[0].tags'],
    ['a negative price', { price: -1 }, 'products[0].price'],
    ['a blank title', { title: '  ' }, 'products[0].title'],
    ['a bad active flag', { active: 'maybe' }, 'products[0].active'],
  ])('When a product has %s, then 422 names only that field', async (_case, override, field) => {
    const { app } = await testApp();

    const res = await pushBulk(app, 'products', [withInvalidFields(buildProduct(), override)]);

    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors)).toEqual([field]);
  });

  it('When a product names a category that does not exist, then 422 and nothing of the batch is written', async () => {
    const { app } = await testApp();
    await arrangePush(app, 'categories', [buildCategory({ id: 'shirts' })]);

    const res = await pushBulk(app, 'products', [
      buildProduct({ category_id: 'shirts' }),
      buildProduct({ category_id: 'hats' }),
    ]);
    const count = await merchant(app).get('/api/products?count=true');

    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors)).toEqual(['products[1].category_id']);
    expect(count.body).toEqual({ count: 0 });
  });

  it('When two bulk upserts of overlapping products run at once, then none is duplicated or lost', async () => {
    const { app } = await testApp();
    await arrangePush(app, 'categories', [buildCategory({ id: 'c' })]);
    const shared = Array.from({ length: 60 }, (_, i) => buildProduct({ id: `shared-${i}`, category_id: 'c' }));
    const a = [...shared, ...Array.from({ length: 20 }, () => buildProduct())];
    const b = [
      ...shared
        .slice()
        .reverse()
        .map((p) => ({ ...p, price: '1.5', title: `B ${String(p.title)}` })),
      ...Array.from({ length: 20 }, () => buildProduct()),
    ];

    const results = await Promise.all([
      pushBulk(app, 'products', a),
      pushBulk(app, 'products', b),
      pushBulk(app, 'products', a),
    ]);
    const count = await merchant(app).get('/api/products?count=true');
    const listed = await merchant(app).get('/api/products?limit=1000&fields=id,price,title');

    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(count.body).toEqual({ count: 100 });
    const listedIds = listed.body.map((p: { id: unknown }) => p.id);
    expect(new Set(listedIds).size).toBe(100);
    // Each shared product is wholly one batch's version, never a mix of the two.
    const byId = new Map(shared.map((p) => [p.id, p]));
    for (const p of listed.body as Array<{ id: string; price: number; title: string }>) {
      const pushed = byId.get(p.id);
      if (!pushed) continue;
      expect([
        [250, pushed.title],
        [1.5, `B ${String(pushed.title)}`],
      ]).toContainEqual([p.price, p.title]);
    }
  });
});
