/**
 * `npm run db:seed -- --orders N --customers M [--reset]`: fills DATABASE_URL with synthetic
 * sample data, fast, for demos and benchmarks. The database ends exactly as if the same
 * documents had been pushed through the merchant API (fingerprints and feed counters included).
 */
import { parseArgs } from 'node:util';
import { configOrExit, loadScriptConfig } from '../src/script-config.js';
import { seedDatabase } from './seed/seed-database.js';
import { counted } from '../src/shared/words.js';

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
  const { database: target, storeTimeZone: timeZone } = configOrExit(loadScriptConfig);
  const result = await seedDatabase(target, { orders, customers, timeZone }, values.reset);
  const rate = Math.round(result.orders / result.seconds);
  console.log(
    `Seeded ${counted(result.customers, 'customers')} and ${counted(result.orders, 'orders')} into ${target.provider} ` +
      `in ${result.seconds.toFixed(1)} s (${rate} orders/s).`,
  );
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
