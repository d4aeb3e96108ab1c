import { describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.js';
import { shopIdToJson } from '../src/shared/ids.js';
import { arrangePush, merchant, testApp, type TestApp } from './support/app.js';
import { buildCustomer, buildOrder, buildProduct } from './support/factories.js';
import { feed } from './support/feed.js';

/**
 * Unfiltered merchant lists page through the feed's numbering rather than OFFSET (see
 * src/paging/list-page.ts), so these tests hold every page against the list by definition: the
 * stored records in seq order, read straight from the database.
 */

type Entity = 'orders' | 'customers' | 'products';
type Id = string | number;

async function storedOrder(db: Db, entity: Entity, where: { createdAt?: { gte: Date } } = {}): Promise<Id[]> {
  const query = { where, orderBy: { seq: 'asc' }, select: { key: true, keyIsNumber: true } } as const;
  const rows =
    entity === 'orders'
      ? await db.read.order.findMany(query)
      : entity === 'customers'
        ? await db.read.customer.findMany(query)
        : await db.read.product.findMany(query);
  return rows.map((row) => shopIdToJson(row.key, row.keyIsNumber));
}

/** Standalone records (customers without orders, so nothing blocks their deletes). */
async function stock(t: TestApp, entity: Entity, count: number): Promise<Id[]> {
  const build = { orders: buildOrder, customers: buildCustomer, products: buildProduct }[entity];
  const docs = Array.from({ length: count }, () => build());
  await arrangePush(t.app, entity, docs);
  return docs.map((doc) => doc.id);
}

/** Deletes through the API; each must have deleted exactly its record. */
async function arrangeDeletes(t: TestApp, entity: Entity, ids: Id[]) {
  const answers = [];
  for (const id of ids) answers.push((await merchant(t.app).delete(`/api/${entity}/${id}`)).body);
  expect(answers, `arranging deletes of ${entity} ${ids.join(', ')}`).toEqual(ids.map(() => ({ Deleted: 1 })));
}

/** Slots the feed numbers now: the feed's total, which counts the holes still held. */
const feedSlots = async (t: TestApp, entity: Entity) => (await feed(t.app, entity)).body.total as number;

const listIds = async (t: TestApp, entity: Entity, query: string) =>
  (await merchant(t.app).get(`/api/${entity}?fields=id&${query}`)).body as Array<{ id: Id }>;

/** Every page and two past the end, last first so no page is read after the one before it. */
async function expectEveryPageIsItsSlice(t: TestApp, entity: Entity, limit: number, expected: Id[], query = '') {
  const pages = Array.from({ length: Math.ceil(expected.length / limit) + 2 }, (_, i) => i + 1).reverse();
  for (const page of pages) {
    const body = await listIds(t, entity, `limit=${limit}&page=${page}${query}`);
    const slice = expected.slice((page - 1) * limit, page * limit).map((id) => ({ id }));
    expect({ limit, page, body }).toEqual({ limit, page, body: slice });
  }
}

const count = async (t: TestApp, entity: Entity, query = '') =>
  (await merchant(t.app).get(`/api/${entity}?count=true${query}`)).body;

describe.each(['orders', 'customers', 'products'] as const)('GET /api/%s without filters', (entity) => {
  it('When records were deleted at the start, middle and end within the grace period, then every page is its slice of what is left', async () => {
    const t = await testApp({ FEED_DELETE_GRACE_SECONDS: '3600' });
    const stored = await stock(t, entity, 23);
    // A first walk loads this process's numbering before the deletes, as a running service has it.
    await expectEveryPageIsItsSlice(t, entity, 5, stored);
    const deleted = [stored[0]!, stored[1]!, stored[10]!, stored[21]!, stored[22]!];
    await arrangeDeletes(t, entity, deleted);
    expect(await feedSlots(t, entity), 'the holes keep their slots').toBe(23);
    const left = stored.filter((id) => !deleted.includes(id));
    expect(await storedOrder(t.db, entity)).toEqual(left);

    // 4 and 7 put pages on live records, on the hole in the middle, and past the last record
    // onto the holes at the end (7 * 3 = slot 21).
    for (const limit of [4, 7, 1]) await expectEveryPageIsItsSlice(t, entity, limit, left);
  });

  it('When a process first lists after the deletes, then it numbers the holes too and every page is its slice', async () => {
    const t = await testApp({ FEED_DELETE_GRACE_SECONDS: '3600' });
    const stored = await stock(t, entity, 12);
    const deleted = [stored[0]!, stored[6]!, stored[11]!];
    await arrangeDeletes(t, entity, deleted);
    const other = await testApp({ FEED_DELETE_GRACE_SECONDS: '3600', DATABASE_URL: t.config.database.url });

    await expectEveryPageIsItsSlice(other, entity, 3, await storedOrder(t.db, entity));
  });

  it('When deleted records are purged at once (grace 0), then the next pages are slices of what is left', async () => {
    const t = await testApp({ FEED_DELETE_GRACE_SECONDS: '0' });
    const stored = await stock(t, entity, 15);
    await expectEveryPageIsItsSlice(t, entity, 4, stored);
    await arrangeDeletes(t, entity, [stored[2]!, stored[9]!]);

    await expectEveryPageIsItsSlice(t, entity, 4, await storedOrder(t.db, entity));
    expect(await feedSlots(t, entity), 'the holes were purged').toBe(13);
  });

  it('When pages of any depth are joined, then they are exactly the documents of one page holding them all', async () => {
    const t = await testApp({ FEED_DELETE_GRACE_SECONDS: '3600' });
    const stored = await stock(t, entity, 10);
    await arrangeDeletes(t, entity, [stored[0]!, stored[4]!]);
    const all = (await merchant(t.app).get(`/api/${entity}?limit=1000`)).body as unknown[];
    expect(all.length).toBe(8);

    const pages = [];
    for (const page of [1, 2, 3, 4])
      pages.push((await merchant(t.app).get(`/api/${entity}?limit=3&page=${page}`)).body);

    expect(pages).toEqual([all.slice(0, 3), all.slice(3, 6), all.slice(6, 8), []]);
  });

  it('When count=true, then it is the number of records, with holes held and after more writes', async () => {
    const t = await testApp({ FEED_DELETE_GRACE_SECONDS: '3600' });
    const stored = await stock(t, entity, 9);
    const before = await count(t, entity);
    await arrangeDeletes(t, entity, [stored[0]!, stored[4]!, stored[8]!]);
    expect(await feedSlots(t, entity), 'the holes keep their slots').toBe(9);

    const held = await count(t, entity);
    await stock(t, entity, 2);
    const more = await count(t, entity);

    expect([before, held, more]).toEqual([{ count: 9 }, { count: 6 }, { count: 8 }]);
    expect((await storedOrder(t.db, entity)).length).toBe(8);
  });
});

describe('GET /api/<entity> with filters, while holes are held', () => {
  it.each(['orders', 'customers', 'products'] as const)(
    'When %s are listed createdAfter a moment, then every page and the count cover the records stored since',
    async (entity) => {
      const t = await testApp({ FEED_DELETE_GRACE_SECONDS: '3600' });
      const old = await stock(t, entity, 5);
      await new Promise((resolve) => setTimeout(resolve, 30));
      const cut = new Date();
      await new Promise((resolve) => setTimeout(resolve, 30));
      const recent = await stock(t, entity, 7);
      await arrangeDeletes(t, entity, [old[1]!, recent[0]!, recent[3]!]);
      const expected = await storedOrder(t.db, entity, { createdAt: { gte: cut } });
      expect(expected).toEqual([recent[1], recent[2], recent[4], recent[5], recent[6]]);

      await expectEveryPageIsItsSlice(t, entity, 2, expected, `&createdAfter=${cut.toISOString()}`);
      expect(await count(t, entity, `&createdAfter=${cut.toISOString()}`)).toEqual({ count: 5 });
    },
  );

  it('When orders are listed by financial_status, then every page and the count cover that status alone', async () => {
    const t = await testApp({ FEED_DELETE_GRACE_SECONDS: '3600' });
    const statuses = ['refunded', 'successful', 'refunded', 'refunded', 'successful', 'refunded', 'refunded'] as const;
    const orders = statuses.map((financial_status) => buildOrder({ financial_status }));
    await arrangePush(t.app, 'orders', orders);
    await arrangeDeletes(t, 'orders', [orders[0]!.id, orders[1]!.id]);
    const refunded = [orders[2]!.id, orders[3]!.id, orders[5]!.id, orders[6]!.id];

    await expectEveryPageIsItsSlice(t, 'orders', 3, refunded, '&financial_status=refunded');
    expect(await count(t, 'orders', '&financial_status=refunded')).toEqual({ count: 4 });
    expect(await count(t, 'orders', '&financial_status=successful')).toEqual({ count: 1 });
  });
});
