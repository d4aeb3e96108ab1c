import { describe, expect, it } from 'vitest';
import { seedDatabase } from '../scripts/seed/seed-database.js';
import { testApp } from './support/app.js';
import { feed } from './support/feed.js';

/**
 * A numbering longer than one load batch (100,000 slots): the first request loads only as far as
 * it needs and the rest follows in the background; requests that come meanwhile wait for it, and
 * no page may lose or repeat a record where one batch ends and the next begins.
 */
const CUSTOMERS = 230_500;
const PER_PAGE = 1000;
/** Seeding a quarter of a million customers takes SQLite about ten seconds on a quiet machine. */
const SEEDING_TIMEOUT_MS = 90_000;
/** The seed numbers its customers from 10,001 in seq order. */
const idsOfPage = (page: number) =>
  Array.from({ length: Math.max(0, Math.min(PER_PAGE, CUSTOMERS - (page - 1) * PER_PAGE)) }, (_, i) => {
    return 10_001 + (page - 1) * PER_PAGE + i;
  });

describe('The feed numbering beyond one load batch', () => {
  it(
    'When a numbering spans several load batches, then pages at the batch ends and beyond are exactly their slices',
    async () => {
      const t = await testApp();
      await seedDatabase(t.config.database, { orders: 0, customers: CUSTOMERS, timeZone: 'UTC' });
      const lastPage = Math.ceil(CUSTOMERS / PER_PAGE);
      const pages = [1, lastPage, 101, 150, 100, 200, 201, lastPage - 1];

      // All at once after a fresh start: page 1 starts the load, the others wait on it, and pages
      // 100 and 101 meet at the first batch's end, 200 and 201 at the second's.
      const answers = await Promise.all(pages.map((page) => feed(t.app, 'customers', { page, per_page: PER_PAGE })));

      const served = answers.map((res, i) => ({
        page: pages[i],
        status: res.status,
        total: res.body.total,
        lastPage: res.body.last_page,
        ids: (res.body.data as Array<{ id: number }>).map((c) => c.id),
      }));
      expect(served).toEqual(
        pages.map((page) => ({ page, status: 200, total: CUSTOMERS, lastPage, ids: idsOfPage(page) })),
      );
    },
    SEEDING_TIMEOUT_MS,
  );
});
