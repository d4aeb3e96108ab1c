import type { Express } from 'express';
import { describe, expect, it } from 'vitest';
import { arrangePush, merchant, testApp } from './support/app.js';
import { buildCustomer, buildOrder, buildProduct } from './support/factories.js';
import { crawl, feed } from './support/feed.js';

describe('Crawling the feed', () => {
  it('When orders arrive and change mid-crawl, then every order that existed is seen exactly once', async () => {
    const { app } = await testApp();
    const initial = Array.from({ length: 95 }, () => buildOrder());
    await arrangePush(app, 'orders', initial);

    const seen = await crawl(app, 'orders', 10, async (page) => {
      // Before each page: new orders arrive and already-crawled ones are updated.
      await arrangePush(app, 'orders', [
        buildOrder(),
        buildOrder(),
        { ...initial[page]!, financial_status: 'refunded' },
        { ...initial[94 - page]!, total_price: '1.5' },
      ]);
    });

    const ids = seen.map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const order of initial) expect(ids).toContain(order.id);
  });

  it('When customers are created by guest orders mid-crawl, then no customer is skipped or repeated', async () => {
    const { app } = await testApp();
    await arrangePush(
      app,
      'orders',
      Array.from({ length: 40 }, () => buildOrder()),
    );

    const seen = await crawl(app, 'customers', 7, async () => {
      await arrangePush(app, 'orders', [buildOrder(), buildOrder()]);
    });

    const ids = seen.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(40);
  });
});

describe('Crawling the feed while the merchant deletes', () => {
  const builders = { orders: buildOrder, customers: buildCustomer, products: buildProduct };
  const remove = async (app: Express, entity: string, id: string | number) => {
    const res = await merchant(app).delete(`/api/${entity}/${id}`);
    expect([res.status, res.body], `DELETE /api/${entity}/${id}`).toEqual([200, { Deleted: 1 }]);
  };
  const firstPage = async (app: Express, perPage: number) => {
    const res = await feed(app, 'orders', { page: 1, per_page: perPage });
    return { ids: res.body.data.map((o: { id: unknown }) => o.id), total: res.body.total };
  };

  it.each(['orders', 'customers', 'products'] as const)(
    'When %s on pages already read are deleted within the grace period, then the later pages do not shift',
    async (entity) => {
      const { app } = await testApp({ FEED_DELETE_GRACE_SECONDS: '3600' });
      const initial = Array.from({ length: 40 }, () => builders[entity]());
      await arrangePush(app, entity, initial);

      const seen = await crawl(app, entity, 5, async (page) => {
        // Before each page: two records of the page read just before it are deleted.
        const previous = initial.slice((page - 2) * 5, (page - 1) * 5);
        for (const doc of page === 1 ? [] : [previous[0]!, previous[2]!]) await remove(app, entity, doc.id);
      });
      const after = await feed(app, entity, { per_page: 100 });

      expect(seen.map((record) => record.id)).toEqual(initial.map((doc) => doc.id));
      // The 14 holes still hold their slots.
      expect({ total: after.body.total, stored: after.body.data.length }).toEqual({ total: 40, stored: 26 });
    },
  );

  it('When the grace period is 0, then a delete closes its hole at the next request and total drops', async () => {
    const { app } = await testApp({ FEED_DELETE_GRACE_SECONDS: '0' });
    const orders = Array.from({ length: 6 }, () => buildOrder());
    await arrangePush(app, 'orders', orders);
    const ids = orders.map((o) => o.id);
    expect(await firstPage(app, 3)).toEqual({ ids: ids.slice(0, 3), total: 6 });

    await remove(app, 'orders', ids[1]!);

    expect(await firstPage(app, 3)).toEqual({ ids: [ids[0], ids[2], ids[3]], total: 5 });
  });

  it('When one hole has outlived the grace period and another has not, then only the older one closes', async () => {
    const { app } = await testApp({ FEED_DELETE_GRACE_SECONDS: '2' });
    const orders = Array.from({ length: 8 }, () => buildOrder());
    await arrangePush(app, 'orders', orders);
    const ids = orders.map((o) => o.id);
    await remove(app, 'orders', ids[1]!);
    await new Promise((resolve) => setTimeout(resolve, 2_100));

    await remove(app, 'orders', ids[2]!);
    const first = await firstPage(app, 4);

    // ids[1]'s slot is gone and the records after it moved up; ids[2]'s slot still holds its place.
    expect(first).toEqual({ ids: [ids[0], ids[3], ids[4]], total: 7 });
  });
});
