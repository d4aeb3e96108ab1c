import { describe, expect, it } from 'vitest';
import { arrangePush, pushBulk, testApp } from './support/app.js';
import { buildCategory, buildProduct } from './support/factories.js';
import { feed } from './support/feed.js';

/** Categories `${prefix}-1` .. `${prefix}-n`, each the child of the one before (the first under `parent`). */
const chain = (prefix: string, n: number, parent?: string) =>
  Array.from({ length: n }, (_, i) =>
    buildCategory({ id: `${prefix}-${i + 1}`, parent_id: i === 0 ? parent : `${prefix}-${i}` }),
  );

describe('Big catalogues', () => {
  it('When a collection has 1,200 descendant categories, then its products feed answers on both databases', async () => {
    const { app } = await testApp();
    await arrangePush(app, 'categories', [buildCategory({ id: 'big' })]);
    const children = Array.from({ length: 1_200 }, (_, i) => buildCategory({ id: `leaf-${i}`, parent_id: 'big' }));
    await arrangePush(app, 'categories', children.slice(0, 1_000));
    await arrangePush(app, 'categories', children.slice(1_000));
    await arrangePush(app, 'products', [
      buildProduct({ id: 'in-first', category_id: 'leaf-0' }),
      buildProduct({ id: 'in-last', category_id: 'leaf-1199' }),
      buildProduct({ id: 'elsewhere' }),
    ]);

    const page = await feed(app, 'products', { collection_id: 'big', per_page: 10 });
    const second = await feed(app, 'products', { collection_id: 'big', per_page: 1, page: 2 });

    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ total: 2 });
    expect((page.body.data as Array<{ id: unknown }>).map((p) => p.id)).toEqual(['in-first', 'in-last']);
    expect(second.body).toMatchObject({ total: 2, data: [{ id: 'in-last' }] });
  });

  it('When a batch would make a category chain deeper than 32 levels, then it is a 422 naming each one too deep', async () => {
    const { app } = await testApp();

    const res = await pushBulk(app, 'categories', chain('deep', 40));
    const page = await feed(app, 'categories');

    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual(
      Object.fromEntries(
        Array.from({ length: 8 }, (_, k) => [
          `categories[${32 + k}].parent_id`,
          [`would put category deep-${33 + k} ${33 + k} levels deep; categories nest at most 32 levels`],
        ]),
      ),
    );
    expect(page.body).toMatchObject({ total: 0 });
  });

  it('When a chain grows past 32 levels over several batches, or a deep subtree is moved under another, then that is a 422 too', async () => {
    const { app } = await testApp();
    await arrangePush(app, 'categories', chain('a', 30));
    await arrangePush(app, 'categories', chain('b', 10));

    const grown = await pushBulk(app, 'categories', chain('c', 3, 'a-30'));
    const moved = await pushBulk(app, 'categories', [buildCategory({ id: 'b-1', parent_id: 'a-25' })]);
    const fits = await pushBulk(app, 'categories', chain('d', 2, 'a-30'));

    expect(grown.status).toBe(422);
    expect(grown.body.errors).toEqual({
      'categories[2].parent_id': ['would put category c-3 33 levels deep; categories nest at most 32 levels'],
    });
    expect(moved.status).toBe(422);
    expect(moved.body.errors).toEqual({
      'categories[0].parent_id': ['would put category b-10 35 levels deep; categories nest at most 32 levels'],
    });
    expect(fits.status).toBe(200);
  });

  it('When 1,000 categories form a tree 32 levels deep, then the categories feed serves it whole', async () => {
    const { app } = await testApp();
    const spine = chain('s', 32);
    const leaves = Array.from({ length: 968 }, (_, i) =>
      buildCategory({ id: `l-${i}`, parent_id: `s-${(i % 31) + 1}` }),
    );
    await arrangePush(app, 'categories', [...spine, ...leaves]);

    const page = await feed(app, 'categories', { per_page: 10 });

    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ total: 1 });
    let count = 0;
    const pending = [...(page.body.data as Array<{ subcategories: unknown[] }>)];
    while (pending.length > 0) {
      const node = pending.pop()!;
      count++;
      pending.push(...(node.subcategories as Array<{ subcategories: unknown[] }>));
    }
    expect(count).toBe(1_000);
  });
});
