import { describe, expect, it } from 'vitest';
import { merchant, pushBulk, testApp } from './support/app.js';
import { buildProduct, type ProductInput } from './support/factories.js';
import { feed } from './support/feed.js';

const DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

const visibility = async (app: Parameters<typeof merchant>[0], id: string) => {
  const served = (await feed(app, 'products')).body.data.find((p: { id: unknown }) => p.id === id);
  const stored = (await merchant(app).get(`/api/products/${id}?fields=active,published_at`)).body;
  return { feed: served.published_at as string | null, stored };
};

describe('Product visibility: published_at and active', () => {
  it('When a product is pushed with published_at null, then it is inactive: null on the feed, active false', async () => {
    const { app } = await testApp();

    const res = await pushBulk(app, 'products', [buildProduct({ id: 'p', published_at: null })]);

    expect(res.body).toEqual({ Modified: 1 });
    expect(await visibility(app, 'p')).toEqual({
      feed: null,
      stored: { active: false, published_at: expect.stringMatching(DATE) },
    });
  });

  it('When published_at is left out, then the product is published as of when it was first stored', async () => {
    const { app } = await testApp();
    const { published_at: _, ...product } = buildProduct({ id: 'p' });

    const res = await pushBulk(app, 'products', [product]);
    const seen = await visibility(app, 'p');

    expect(res.body).toEqual({ Modified: 1 });
    expect(seen).toEqual({ feed: expect.stringMatching(DATE), stored: { active: true, published_at: seen.feed } });
  });

  it.each<[string, Partial<ProductInput>]>([
    ['active false with a date', { active: false, published_at: '2024-02-01 09:00:00' }],
    ['active true with published_at null', { active: true, published_at: null }],
  ])('When a product is pushed with %s, then it is inactive', async (_case, fields) => {
    const { app } = await testApp();

    const res = await pushBulk(app, 'products', [buildProduct({ id: 'p', ...fields })]);

    expect(res.body).toEqual({ Modified: 1 });
    expect((await visibility(app, 'p')).feed).toBeNull();
  });

  it('When an unpublished product is set active again, then it is published at its kept date', async () => {
    const { app } = await testApp();
    const created = await merchant(app).post('/api/products', buildProduct({ id: 'p' }));
    expect(created.status).toBe(201);
    const hidden = await merchant(app).put('/api/products/p', { published_at: null });
    expect([hidden.status, (await visibility(app, 'p')).feed]).toEqual([200, null]);

    const shown = await merchant(app).put('/api/products/p', { active: true });

    expect(shown.status).toBe(200);
    expect(await visibility(app, 'p')).toEqual({
      feed: '2024-02-01 09:00:00',
      stored: { active: true, published_at: '2024-02-01 09:00:00' },
    });
  });
});
