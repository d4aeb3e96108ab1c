import { describe, expect, it } from 'vitest';
import { formatStoreDate } from '../src/shared/dates.js';
import { arrangePush, merchant, pushBulk, testApp } from './support/app.js';
import { buildCategory } from './support/factories.js';
import { feed } from './support/feed.js';

describe('POST /convertedin/categories', () => {
  it('When categories were pushed flat, then the feed serves them as a tree with every contract field', async () => {
    const { app, db } = await testApp({ STORE_TIMEZONE: 'Africa/Cairo' });
    await arrangePush(app, 'categories', [
      buildCategory({ id: 3, parent_id: 2, title: 'Polo', handle: 'polo', content: '', published_at: null }),
      buildCategory({ id: 2, parent_id: 1, title: 'Shirts', handle: 'shirts', available: 0 }),
      buildCategory({
        id: 1,
        title: 'Men',
        handle: 'men',
        content: '<p>For him</p>',
        published_at: '2024-01-01T00:00:00Z',
      }),
      buildCategory({ id: 'sale', title: 'Sale', handle: 'sale', published_at: '2024-06-01 12:00:00' }),
      buildCategory({ id: 4, parent_id: 1, title: 'Trousers', handle: 'trousers', published_at: null }),
    ]);
    const firstStored = async (key: string) =>
      formatStoreDate((await db.read.category.findUniqueOrThrow({ where: { key } })).createdAt, 'Africa/Cairo');

    const res = await feed(app, 'categories');

    const leaf = { content: '<p>Things.</p>', available: true, subcategories: [] };
    expect(res.body).toMatchObject({ total: 2, last_page: 1, from: 1, to: 2 });
    expect(res.body.data).toEqual([
      {
        id: 1,
        title: 'Men',
        handle: 'men',
        content: '<p>For him</p>',
        available: true,
        published_at: '2024-01-01 02:00:00',
        subcategories: [
          {
            id: 2,
            title: 'Shirts',
            handle: 'shirts',
            content: '<p>Things.</p>',
            available: false,
            published_at: '2024-01-01 00:00:00',
            subcategories: [
              { ...leaf, id: 3, title: 'Polo', handle: 'polo', content: '', published_at: await firstStored('3') },
            ],
          },
          { ...leaf, id: 4, title: 'Trousers', handle: 'trousers', published_at: await firstStored('4') },
        ],
      },
      {
        id: 'sale',
        title: 'Sale',
        handle: 'sale',
        content: '<p>Things.</p>',
        available: true,
        published_at: '2024-06-01 12:00:00',
        subcategories: [],
      },
    ]);
  });

  it('When there are more top-level categories than per_page, then pages run over top-level ones only', async () => {
    const { app } = await testApp();
    const roots = Array.from({ length: 5 }, (_, i) => buildCategory({ id: `root-${i}` }));
    const children = roots.map((root) => buildCategory({ parent_id: root.id }));
    await arrangePush(app, 'categories', [...roots, ...children]);

    const page = await feed(app, 'categories', { page: 3, per_page: 2 });

    expect(page.body).toMatchObject({ current_page: 3, from: 5, to: 5, last_page: 3, per_page: 2, total: 5 });
    expect(page.body.data.map((c: { id: unknown }) => c.id)).toEqual(['root-4']);
    expect(page.body.data[0].subcategories.map((c: { id: unknown }) => c.id)).toEqual([children[4]!.id]);
  });

  it('When a branch is deep, then every level carries its subcategories', async () => {
    const { app } = await testApp();
    const chain = Array.from({ length: 8 }, (_, i) =>
      buildCategory({ id: `d${i}`, parent_id: i === 0 ? null : `d${i - 1}` }),
    );
    await arrangePush(app, 'categories', chain.slice().reverse());

    const res = await feed(app, 'categories');

    let node = res.body.data[0];
    const seen = [];
    while (node) {
      seen.push(node.id);
      expect(node.subcategories.length).toBeLessThanOrEqual(1);
      node = node.subcategories[0];
    }
    expect(seen).toEqual(chain.map((c) => c.id));
  });

  it('When a category has no published_at, then the feed never sends null: it is dated when first stored', async () => {
    const { app, db } = await testApp();
    const { published_at: _, ...undated } = buildCategory({ id: 'undated' });
    const hidden = buildCategory({ id: 'hidden', published_at: null, available: false });
    await arrangePush(app, 'categories', [undated, hidden]);
    const stored = await db.read.category.findMany({ orderBy: { seq: 'asc' } });
    const repushed = await pushBulk(app, 'categories', [{ ...undated, title: 'Renamed' }, hidden]);
    expect(repushed.body).toEqual({ Modified: 1 });

    const res = await feed(app, 'categories');
    const api = await merchant(app).get('/api/categories?fields=id,published_at,available');

    const dated = (i: number) => formatStoreDate(stored[i]!.createdAt, 'UTC');
    expect(res.body.data).toEqual([
      { ...leafOf(undated), title: 'Renamed', available: true, published_at: dated(0) },
      { ...leafOf(hidden), available: false, published_at: dated(1) },
    ]);
    expect(api.body).toEqual([
      { id: 'undated', published_at: null, available: true },
      { id: 'hidden', published_at: null, available: false },
    ]);
  });
});

const leafOf = (doc: Record<string, unknown>) => ({
  id: doc.id,
  title: doc.title,
  handle: doc.handle,
  content: doc.content,
  subcategories: [],
});
