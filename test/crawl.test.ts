import { describe, expect, it } from 'vitest';
import { pushBulk, testApp } from './support/app.js';
import { buildOrder } from './support/factories.js';
import { crawl } from './support/feed.js';

describe('Crawling the feed', () => {
  it('When orders arrive and change mid-crawl, then every order that existed is seen exactly once', async () => {
    const { app } = await testApp();
    const initial = Array.from({ length: 95 }, () => buildOrder());
    await pushBulk(app, 'orders', initial);

    const seen = await crawl(app, 'orders', 10, async (page) => {
      // Before each page: new orders arrive and already-crawled ones are updated.
      await pushBulk(app, 'orders', [
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
    await pushBulk(
      app,
      'orders',
      Array.from({ length: 40 }, () => buildOrder()),
    );

    const seen = await crawl(app, 'customers', 7, async () => {
      await pushBulk(app, 'orders', [buildOrder(), buildOrder()]);
    });

    const ids = seen.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(40);
  });
});
