/**
 * Fills a database with synthetic orders and customers as if they had been pushed through the
 * merchant API. Used by `npm run db:seed` (scripts/seed.ts) and the benchmark.
 */
import { migrate } from '../../src/db/migrate.js';
import type { DatabaseTarget } from '../../src/db/target.js';
import { countPostgres, loadPostgres, resetPostgres } from './postgres.js';
import type { SeedPlan } from './rows.js';
import { countSqlite, loadSqlite, resetSqlite } from './sqlite.js';

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
