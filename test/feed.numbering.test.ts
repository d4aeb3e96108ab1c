import { describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.js';
import { inTransaction } from '../src/db/transaction.js';
import { shopIdToJson } from '../src/shared/ids.js';
import { arrangePush, pushBulk, testApp } from './support/app.js';
import { buildCustomer, buildOrder, buildProduct } from './support/factories.js';
import { feed } from './support/feed.js';

type Entity = 'orders' | 'customers' | 'products';
type Id = string | number;

/** The feed order by definition: every stored record, ascending by its internal sequence. */
async function feedOrder(db: Db, entity: Entity): Promise<Id[]> {
  const select = { key: true, keyIsNumber: true } as const;
  const query = { orderBy: { seq: 'asc' }, select } as const;
  const rows =
    entity === 'orders'
      ? await db.read.order.findMany(query)
      : entity === 'customers'
        ? await db.read.customer.findMany(query)
        : await db.read.product.findMany(query);
  return rows.map((row) => shopIdToJson(row.key, row.keyIsNumber));
}

/** Deletes as the merchant API's delete routes do: plain deletes, which the triggers account for. */
async function remove(db: Db, entity: Entity, ids: Id[]) {
  const keys = ids.map(String);
  await inTransaction(db, async (tx) => {
    if (entity === 'orders') await tx.order.deleteMany({ where: { key: { in: keys } } });
    else if (entity === 'customers') await tx.customer.deleteMany({ where: { key: { in: keys } } });
    else await tx.product.deleteMany({ where: { key: { in: keys } } });
  });
}

const ids = (res: { body: { data: Array<{ id: Id }> } }) => res.body.data.map((item) => item.id);

/** A fixed shuffle, so a failure reproduces. */
function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  let state = 7;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Standalone records of the entity (customers without orders, so nothing blocks their deletes). */
async function stock(app: Parameters<typeof pushBulk>[0], entity: Entity, count: number): Promise<Id[]> {
  const build = { orders: buildOrder, customers: buildCustomer, products: buildProduct }[entity];
  const docs = Array.from({ length: count }, () => build());
  await arrangePush(app, entity, docs);
  return docs.map((doc) => doc.id);
}

/** Reads every page in a scrambled order, twice over, and checks each against its slice. */
async function expectEveryPageIsItsSlice(t: Awaited<ReturnType<typeof testApp>>, entity: Entity, perPage: number) {
  const order = await feedOrder(t.db, entity);
  const lastPage = Math.max(1, Math.ceil(order.length / perPage));
  const pages = shuffled([...Array.from({ length: lastPage + 1 }, (_, i) => i + 1), 1, lastPage, 2]);
  for (const page of pages) {
    const res = await feed(t.app, entity, { page, per_page: perPage });
    const slice = order.slice((page - 1) * perPage, page * perPage);
    expect({ page, ids: ids(res), total: res.body.total, last_page: res.body.last_page }).toEqual({
      page,
      ids: slice,
      total: order.length,
      last_page: lastPage,
    });
  }
}

describe.each(['orders', 'customers', 'products'] as const)('POST /convertedin/%s numbering', (entity) => {
  it('When pages are read out of order and repeated, then each page is exactly its slice of the feed order', async () => {
    const t = await testApp();
    await stock(t.app, entity, 57);

    for (const perPage of [1, 5, 7, 56, 57, 100]) await expectEveryPageIsItsSlice(t, entity, perPage);
  });

  it('When pages of different sizes cover the same records, then they serve the same bodies', async () => {
    const t = await testApp();
    await stock(t.app, entity, 23);
    const whole = (await feed(t.app, entity, { per_page: 100 })).body.data;

    const pieces = [];
    for (let page = 1; page <= 5; page++) pieces.push(...(await feed(t.app, entity, { page, per_page: 5 })).body.data);

    expect(pieces).toEqual(whole);
  });

  it('When records were deleted and the grace period is 0, then every page is its slice of what is left', async () => {
    const t = await testApp({ FEED_DELETE_GRACE_SECONDS: '0' });
    const stored = await stock(t.app, entity, 40);
    await expectEveryPageIsItsSlice(t, entity, 6);

    await remove(t.db, entity, [stored[0]!, stored[13]!, stored[14]!, stored[39]!]);

    for (const perPage of [1, 6, 100]) await expectEveryPageIsItsSlice(t, entity, perPage);
  });

  it('When records are written one way or another, then the next page reports the new total', async () => {
    const t = await testApp({ FEED_DELETE_GRACE_SECONDS: '0' });
    const total = async () => (await feed(t.app, entity, { page: 3, per_page: 2 })).body.total as number;
    const stored = await stock(t.app, entity, 5);
    expect(await total()).toBe(5);

    await stock(t.app, entity, 3);
    expect(await total()).toBe(8);

    await remove(t.db, entity, [stored[2]!]);
    expect(await total()).toBe(7);

    await remove(t.db, entity, [stored[0]!, stored[4]!]);
    expect(await total()).toBe(5);

    await stock(t.app, entity, 1);
    expect(await total()).toBe(6);
    expect(await total()).toBe((await feedOrder(t.db, entity)).length);
  });
});

describe('Crawling the feed while records are deleted', () => {
  it.each(['orders', 'customers', 'products'] as const)(
    'When %s are deleted behind and ahead of the crawler, then no record that existed throughout is skipped or repeated',
    async (entity) => {
      const t = await testApp();
      const initial = await stock(t.app, entity, 60);
      const deleted = new Set<Id>();
      const deletedUnseen: Id[] = [];

      const seen: Id[] = [];
      let lastPage = 1;
      for (let page = 1; page <= lastPage; page++) {
        // Before each page: one record already crawled and one not yet reached are deleted, one is added.
        const behind = initial[(page - 1) * 7 - 3];
        const ahead = initial[page * 7 + 5];
        const gone = [behind, ahead].filter((id): id is Id => id !== undefined && !deleted.has(id));
        await remove(t.db, entity, gone);
        for (const id of gone) deleted.add(id);
        if (ahead !== undefined && gone.includes(ahead)) deletedUnseen.push(ahead);
        await stock(t.app, entity, 1);

        const res = await feed(t.app, entity, { page, per_page: 7 });
        seen.push(...ids(res));
        lastPage = res.body.last_page as number;
      }

      expect(new Set(seen).size).toBe(seen.length);
      for (const id of initial) if (!deleted.has(id)) expect(seen).toContain(id);
      expect(deletedUnseen.length).toBeGreaterThan(0);
      for (const id of deletedUnseen) expect(seen).not.toContain(id);
    },
  );

  it('When the grace period of a delete is over, then its hole closes and pages are dense again', async () => {
    const t = await testApp({ FEED_DELETE_GRACE_SECONDS: '3600' });
    const stored = await stock(t.app, 'orders', 12);
    await remove(t.db, 'orders', [stored[1]!, stored[5]!]);

    const held = await feed(t.app, 'orders', { page: 1, per_page: 4 });
    // The holes keep their slots: page 1 holds 3 orders, and total still counts 12 slots.
    expect({ ids: ids(held), total: held.body.total }).toEqual({
      ids: [stored[0], stored[2], stored[3]],
      total: 12,
    });

    // As if an hour had passed: the holes were made before the grace period started.
    await t.db.write.feedHole.updateMany({ data: { deletedAt: { decrement: 3_600_001n } } });
    await t.db.write.feedState.updateMany({ data: { oldestHoleAt: { decrement: 3_600_001n } } });

    await expectEveryPageIsItsSlice(t, 'orders', 4);
  });
});

describe('Several instances on one database', () => {
  it("When one instance writes and deletes, then the other's next pages follow exactly", async () => {
    const one = await testApp({ FEED_DELETE_GRACE_SECONDS: '0' });
    const other = await testApp({ FEED_DELETE_GRACE_SECONDS: '0', DATABASE_URL: one.config.database.url });
    const stored = await stock(one.app, 'orders', 30);
    await expectEveryPageIsItsSlice(other, 'orders', 4);

    await remove(one.db, 'orders', [stored[3]!, stored[17]!]);
    await feed(one.app, 'orders');
    await stock(one.app, 'orders', 5);

    await expectEveryPageIsItsSlice(other, 'orders', 4);
    await expectEveryPageIsItsSlice(one, 'orders', 4);
  });
});
