import { describe, expect, it } from 'vitest';
import { arrangePush, merchant, pushBulk, testApp } from './support/app.js';
import { buildCategory, buildProduct } from './support/factories.js';
import { feed } from './support/feed.js';

describe('PUT /api/categories', () => {
  it('When categories are pushed, then they are created, and a re-push modifies nothing', async () => {
    const { app } = await testApp();
    const categories = [buildCategory({ id: 'kid', parent_id: 'top' }), buildCategory({ id: 'top' })];

    const first = await pushBulk(app, 'categories', categories);
    const again = await pushBulk(app, 'categories', categories);

    expect([first.body, again.body]).toEqual([{ Modified: 2 }, { Modified: 0 }]);
  });

  it('When a parent exists nowhere, then 422 names parent_id and nothing is written', async () => {
    const { app } = await testApp();

    const res = await pushBulk(app, 'categories', [buildCategory({ id: 'a' }), buildCategory({ parent_id: 'ghost' })]);
    const count = await merchant(app).get('/api/categories?count=true');

    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors)).toEqual(['categories[1].parent_id']);
    expect(count.body).toEqual({ count: 0 });
  });

  it.each([
    ['its own parent', [{ id: 'x', parent_id: 'x' }], ['categories[0].parent_id']],
    [
      'a cycle within the batch',
      [
        { id: 'p', parent_id: 'q' },
        { id: 'q', parent_id: 'p' },
      ],
      ['categories[0].parent_id', 'categories[1].parent_id'],
    ],
  ])('When a category is %s, then 422', async (_case, docs, fields) => {
    const { app } = await testApp();

    const res = await pushBulk(
      app,
      'categories',
      docs.map((doc) => buildCategory(doc)),
    );

    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors).sort()).toEqual(fields);
  });

  it('When a stored category would move below its own descendant, then 422 and the tree is unchanged', async () => {
    const { app } = await testApp();
    const top = buildCategory({ id: 'top' });
    await arrangePush(app, 'categories', [
      top,
      buildCategory({ id: 'mid', parent_id: 'top' }),
      buildCategory({ id: 'low', parent_id: 'mid' }),
    ]);

    const res = await pushBulk(app, 'categories', [{ ...top, parent_id: 'low' }]);
    const tree = await feed(app, 'categories');

    expect(res.status).toBe(422);
    expect(res.body.errors['categories[0].parent_id'][0]).toMatch(/own ancestor/);
    expect(tree.body.data.map((c: { id: unknown }) => c.id)).toEqual(['top']);
  });

  it('When a category moves to another parent, then the tree follows', async () => {
    const { app } = await testApp();
    const kid = buildCategory({ id: 'kid', parent_id: 'a' });
    await arrangePush(app, 'categories', [buildCategory({ id: 'a' }), buildCategory({ id: 'b' }), kid]);

    await arrangePush(app, 'categories', [{ ...kid, parent_id: 'b' }]);
    const tree = await feed(app, 'categories');

    const children = Object.fromEntries(
      tree.body.data.map((c: { id: string; subcategories: Array<{ id: string }> }) => [
        c.id,
        c.subcategories.map((s) => s.id),
      ]),
    );
    expect(children).toEqual({ a: [], b: ['kid'] });
  });

  it('When two batches that would together make a cycle are sent at once, then one of them is refused', async () => {
    const { app } = await testApp();
    await arrangePush(app, 'categories', [buildCategory({ id: 'p' }), buildCategory({ id: 'q' })]);

    const results = await Promise.all([
      pushBulk(app, 'categories', [buildCategory({ id: 'p', parent_id: 'q' })]),
      pushBulk(app, 'categories', [buildCategory({ id: 'q', parent_id: 'p' })]),
    ]);
    const tree = await feed(app, 'categories');

    expect(results.map((r) => r.status).sort()).toEqual([200, 422]);
    expect(tree.body.total).toBe(1);
  });

  it('When two bulk upserts of overlapping categories run at once, then none is duplicated and the tree holds', async () => {
    const { app } = await testApp();
    const roots = Array.from({ length: 10 }, (_, i) => buildCategory({ id: `r${i}` }));
    const kids = Array.from({ length: 40 }, (_, i) => buildCategory({ id: `k${i}`, parent_id: `r${i % 10}` }));
    const a = [...kids, ...roots];
    const b = [...roots, ...kids.slice().reverse(), buildCategory({ id: 'extra', parent_id: 'k0' })];

    const results = await Promise.all([
      pushBulk(app, 'categories', a),
      pushBulk(app, 'categories', b),
      pushBulk(app, 'categories', a),
    ]);
    const count = await merchant(app).get('/api/categories?count=true');
    const tree = await feed(app, 'categories');

    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(count.body).toEqual({ count: 51 });
    expect(tree.body.total).toBe(10);
    const sizes = tree.body.data.map((r: { subcategories: unknown[] }) => r.subcategories.length);
    expect(sizes).toEqual(Array(10).fill(4));
  });
});

describe('DELETE /api/categories/:id', () => {
  it('When a category has subcategories or products, then 409 and nothing is deleted', async () => {
    const { app } = await testApp();
    await arrangePush(app, 'categories', [
      buildCategory({ id: 'a' }),
      buildCategory({ id: 'a1', parent_id: 'a' }),
      buildCategory({ id: 'b' }),
    ]);
    await arrangePush(app, 'products', [buildProduct({ category_id: 'b' })]);

    const withChild = await merchant(app).delete('/api/categories/a');
    const withProduct = await merchant(app).delete('/api/categories/b');
    const count = await merchant(app).get('/api/categories?count=true');

    expect([withChild.status, withProduct.status]).toEqual([409, 409]);
    expect(withChild.body).toEqual({
      message: 'Category a still has 1 subcategory. Move or delete it first, or send cascade=true to delete it too.',
    });
    expect(count.body).toEqual({ count: 3 });
  });

  it('When cascade=true, then the subtree and its products are deleted and the rest stays', async () => {
    const { app } = await testApp();
    await arrangePush(app, 'categories', [
      buildCategory({ id: 'a' }),
      buildCategory({ id: 'a1', parent_id: 'a' }),
      buildCategory({ id: 'a11', parent_id: 'a1' }),
      buildCategory({ id: 'b' }),
    ]);
    await arrangePush(app, 'products', [
      buildProduct({ id: 1, category_id: 'a11' }),
      buildProduct({ id: 2, category_id: 'a' }),
      buildProduct({ id: 3, category_id: 'b' }),
      buildProduct({ id: 4 }),
    ]);

    const res = await merchant(app).delete('/api/categories/a?cascade=true');
    const categories = await feed(app, 'categories');
    const products = await feed(app, 'products');

    expect(res.body).toEqual({ Deleted: 5 });
    expect(categories.body.data.map((c: { id: unknown }) => c.id)).toEqual(['b']);
    expect(products.body.data.map((p: { id: unknown }) => p.id)).toEqual([3, 4]);
  });

  it('When a leaf is deleted, then {"Deleted": 1}, the tree drops it and a second delete is 404', async () => {
    const { app } = await testApp();
    await arrangePush(app, 'categories', [buildCategory({ id: 'a' }), buildCategory({ id: 'a1', parent_id: 'a' })]);

    const first = await merchant(app).delete('/api/categories/a1');
    const second = await merchant(app).delete('/api/categories/a1');
    const tree = await feed(app, 'categories');

    expect([first.status, first.body, second.status]).toEqual([200, { Deleted: 1 }, 404]);
    expect(tree.body.data[0].subcategories).toEqual([]);
  });

  it('When cascade is not true or false, then 422', async () => {
    const { app } = await testApp();
    await arrangePush(app, 'categories', [buildCategory({ id: 'a' })]);

    const res = await merchant(app).delete('/api/categories/a?cascade=yes');

    expect(res.status).toBe(422);
  });
});
