import { describe, expect, it } from 'vitest';
import { seedDatabase } from '../scripts/seed/seed-database.js';
import { SEED_BATCH, seedCustomerSamples, seedOrderSamples, type SeedPlan } from '../scripts/seed/rows.js';
import { orderToPush } from '../scripts/sample-data.js';
import { arrangePush, merchant, pushBulk, testApp, type TestApp } from './support/app.js';
import { buildProduct } from './support/factories.js';
import { crawl, feed } from './support/feed.js';

const SEEDED = ['customers', 'orders', 'line_items'];

/** Every index and constraint of the seeded tables, as the database itself describes them. */
async function keysAndIndexes(t: TestApp): Promise<string[]> {
  const tables = SEEDED.map((name) => `'${name}'`).join(', ');
  const rows: Array<{ def: string }> = await t.db.write.$queryRawUnsafe(
    t.provider === 'postgresql'
      ? `SELECT indexdef AS def FROM pg_indexes WHERE tablename IN (${tables})
         UNION ALL SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
         WHERE conrelid::regclass::text IN (${tables}) ORDER BY 1`
      : `SELECT sql AS def FROM sqlite_master WHERE tbl_name IN (${tables}) AND sql IS NOT NULL ORDER BY 1`,
  );
  return rows.map((row) => row.def);
}

describe('npm run db:seed', () => {
  it('When the seed is done, then the tables have every index and key the migrations made', async () => {
    const t = await testApp();
    const migrated = await keysAndIndexes(t);
    expect(migrated.join('\n')).toContain('orders_key_key');

    await seedDatabase(t.config.database, { orders: 30, customers: 5, timeZone: 'UTC' });

    expect(await keysAndIndexes(t)).toEqual(migrated);
  });

  it('When the seed filled the database, then pushing the same documents changes nothing and the feeds serve them all', async () => {
    const t = await testApp();
    // Just over one batch, so two random streams and two COPY rounds are exercised.
    const plan: SeedPlan = { orders: SEED_BATCH + 40, customers: 60, timeZone: 'UTC' };
    const customers = seedCustomerSamples(plan, 0);
    const orders = [0, 1].flatMap((index) => seedOrderSamples(plan, index)).map(orderToPush);

    await seedDatabase(t.config.database, plan);

    expect((await pushBulk(t.app, 'customers', customers)).body).toEqual({ Modified: 0 });
    for (let i = 0; i < orders.length; i += 1000) {
      expect((await pushBulk(t.app, 'orders', orders.slice(i, i + 1000))).body).toEqual({ Modified: 0 });
    }
    const crawled = await crawl(t.app, 'customers', 25);
    expect(crawled.map((c) => c.id)).toEqual(customers.map((c) => c.id));
    const last = await feed(t.app, 'orders', { page: Math.ceil(orders.length / 1000), per_page: 1000 });
    expect({ total: last.body.total, lastId: last.body.data.at(-1).id }).toEqual({
      total: orders.length,
      lastId: orders.at(-1)!.id,
    });
  });

  it('When the database already holds data, then the seed refuses to mix into it', async () => {
    const t = await testApp();
    const plan: SeedPlan = { orders: 5, customers: 2, timeZone: 'UTC' };
    await seedDatabase(t.config.database, plan);

    await expect(seedDatabase(t.config.database, plan)).rejects.toThrow(/--reset/);
    await seedDatabase(t.config.database, plan, true);
    expect((await feed(t.app, 'orders')).body.total).toBe(5);
  });

  it('When the seed resets the database, then the products feed keeps its records, holes and total', async () => {
    const t = await testApp();
    const products = [buildProduct(), buildProduct(), buildProduct()];
    await arrangePush(t.app, 'products', products);
    expect((await merchant(t.app).delete(`/api/products/${products[1]!.id}`)).status).toBe(200);
    await seedDatabase(t.config.database, { orders: 5, customers: 2, timeZone: 'UTC' });
    const before = await feed(t.app, 'products');
    expect(before.body.data.map((p: { id: number }) => p.id)).toEqual([products[0]!.id, products[2]!.id]);

    await seedDatabase(t.config.database, { orders: 5, customers: 2, timeZone: 'UTC' }, true);

    expect((await feed(t.app, 'products')).body).toEqual(before.body);
  });
});
