import { describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.js';
import { readPage } from '../src/paging/numbering.js';
import type { SeqRange } from '../src/paging/slot-index.js';
import { pushBulk, testApp } from './support/app.js';
import { buildCustomer, buildOrder } from './support/factories.js';
import { feed } from './support/feed.js';

type Entity = 'orders' | 'customers';

/** The feed's page queries cut down to the key, with the counter row every page query brings along. */
const keysIn: Record<
  Entity,
  (db: Db, seq: SeqRange, limit: number) => Promise<Array<{ key: string; feed_state: unknown }>>
> = {
  orders: (db, seq, limit) => db.sql`
    SELECT key, (SELECT live || ' ' || holes || ' ' || layout || ' ' || coalesce(CAST(oldest_hole_at AS TEXT), '-')
      FROM feed_state WHERE entity = 'orders') AS feed_state
    FROM orders WHERE seq >= ${seq.gte} AND seq < ${seq.lt} ORDER BY seq LIMIT ${limit}`,
  customers: (db, seq, limit) => db.sql`
    SELECT key, (SELECT live || ' ' || holes || ' ' || layout || ' ' || coalesce(CAST(oldest_hole_at AS TEXT), '-')
      FROM feed_state WHERE entity = 'customers') AS feed_state
    FROM customers WHERE seq >= ${seq.gte} AND seq < ${seq.lt} ORDER BY seq LIMIT ${limit}`,
};

async function feedOrder(db: Db, entity: Entity): Promise<string[]> {
  const query = { orderBy: { seq: 'asc' }, select: { key: true } } as const;
  const rows = entity === 'orders' ? await db.read.order.findMany(query) : await db.read.customer.findMany(query);
  return rows.map((row) => row.key);
}

describe.each(['orders', 'customers'] as const)('POST /convertedin/%s while the slot index grows', (entity) => {
  it('When another request extends the slot index while a page is read, then the page is still its whole slice', async () => {
    // Arrange: the process knows 12 slots, then 5 records arrive that it does not know yet.
    const t = await testApp();
    const build = { orders: buildOrder, customers: buildCustomer }[entity];
    const stock = async (count: number) =>
      expect(
        (
          await pushBulk(
            t.app,
            entity,
            Array.from({ length: count }, () => build()),
          )
        ).status,
      ).toBe(200);
    await stock(12);
    expect((await feed(t.app, entity, { page: 2, per_page: 10 })).body.data).toHaveLength(2);
    await stock(5);
    const slice = (await feedOrder(t.db, entity)).slice(10, 20);

    // Act: one read of page 2 is held after its rows are fetched, until a second request for
    // page 2 has loaded the new tail into the same index.
    let fetched!: () => void;
    const rowsFetched = new Promise<void>((resolve) => (fetched = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const held = readPage(
      t.db,
      entity,
      { page: 2, perPage: 10 },
      t.config.feedDeleteGraceSeconds * 1000,
      async (seq) => {
        const rows = await keysIn[entity](t.db, seq, 10);
        fetched();
        await released;
        return rows;
      },
    );
    await rowsFetched;
    const other = await feed(t.app, entity, { page: 2, per_page: 10 });
    release();
    const page = await held;

    // Assert: both see the 7 records of page 2, not the 2 that were there when the first began.
    expect({ total: other.body.total, count: other.body.data.length }).toEqual({ total: 17, count: 7 });
    expect({ total: page.total, keys: page.rows.map((row) => row.key) }).toEqual({ total: 17, keys: slice });
  });
});
