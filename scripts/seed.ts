/**
 * `npm run db:seed -- --orders N --customers M [--reset]`: fills DATABASE_URL with synthetic
 * sample data, fast, for demos and benchmarks. The database ends exactly as if the same
 * documents had been pushed through the merchant API (fingerprints and feed counters included).
 */
import { parseArgs } from 'node:util';
import { migrate } from '../src/db/migrate.js';
import { resolveDatabaseTarget, type DatabaseTarget } from '../src/db/target.js';
import { countPostgres, loadPostgres, resetPostgres } from './seed/postgres.js';
import type { SeedPlan } from './seed/rows.js';
import { countSqlite, loadSqlite, resetSqlite } from './seed/sqlite.js';

/** Threads making orders while the main thread loads them (PostgreSQL, which runs beside). */
const THREADS = 2;

export interface SeedResult {
  orders: number;
  customers: number;
  seconds: number;
}

export async function seedDatabase(target: DatabaseTarget, plan: SeedPlan, reset = false): Promise<SeedResult> {
  await migrate(target);
  const postgres = target.provider === 'postgresql';
  if (reset) await (postgres ? resetPostgres(target.url) : resetSqlite(target.url));
  const stored = postgres ? await countPostgres(target.url) : countSqlite(target.url);
  if (stored > 0)
    throw new Error(`the database already holds ${stored} orders and customers; pass --reset to empty it`);

  const started = performance.now();
  if (postgres) await loadPostgres(target.url, plan, THREADS);
  else loadSqlite(target.url, plan);
  return { orders: plan.orders, customers: plan.customers, seconds: (performance.now() - started) / 1000 };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      orders: { type: 'string', default: '10000' },
      customers: { type: 'string' },
      reset: { type: 'boolean', default: false },
    },
  });
  const orders = Number(values.orders);
  const customers = values.customers === undefined ? Math.max(1, Math.ceil(orders / 10)) : Number(values.customers);
  if (!Number.isInteger(orders) || orders < 0 || !Number.isInteger(customers) || customers < 1) {
    throw new Error('--orders must be a whole number and --customers at least 1');
  }
  const target = resolveDatabaseTarget(process.env.DATABASE_URL);
  const timeZone = process.env.STORE_TIMEZONE ?? 'UTC';
  const result = await seedDatabase(target, { orders, customers, timeZone }, values.reset);
  const rate = Math.round(result.orders / result.seconds);
  console.log(
    `Seeded ${result.customers} customers and ${result.orders} orders into ${target.provider} ` +
      `in ${result.seconds.toFixed(1)} s (${rate} orders/s).`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  });
}
