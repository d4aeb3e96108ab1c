/**
 * `npm run bench -- [--orders 1000000] [--customers N] [--seconds 10] [--connections 8] [--burst 200]
 *   [--deep 9000] [--sqlite-orders 200000]`
 *
 * Seeds a database of its own (PostgreSQL: `convertedin_bench` on DATABASE_URL's server, made
 * afresh; SQLite when DATABASE_URL is unset: data/bench.db), starts the service and a minimal
 * baseline server as child processes, loads them from this process with autocannon and prints
 * one table. Every figure is also given as a ratio to the baseline measured in the same run on
 * the same data, because absolute numbers on a shared machine vary from run to run. On
 * PostgreSQL it then measures the embedded SQLite default the same way, on `--sqlite-orders`.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { DatabaseTarget } from '../src/db/target.js';
import { configOrExit, loadScriptConfig } from '../src/script-config.js';
import { FORM, form, KEY, measure, PER_PAGE, TOKEN, type Figures } from './bench/measure.js';
import { startServer } from './bench/processes.js';
import { fmt, ratio, table } from './bench/report.js';
import { measureRestart } from './bench/restart.js';
import { summaryRows } from './bench/summary.js';
import { measureTracking } from './bench/tracking.js';
import { seedDatabase } from './seed/seed-database.js';

const { values: args } = parseArgs({
  options: {
    orders: { type: 'string', default: '1000000' },
    customers: { type: 'string' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '8' },
    'crawl-pages': { type: 'string', default: '2000' },
    'push-calls': { type: 'string', default: '10' },
    'push-clients': { type: 'string', default: '1' },
    // Clients asking for per_page=1000 at once, to see the bound on requests in flight at work.
    burst: { type: 'string', default: '200' },
    // The deep page measured, as far as each feed reaches it.
    deep: { type: 'string', default: '9000' },
    // The embedded default measured after PostgreSQL; 0 leaves it out.
    'sqlite-orders': { type: 'string', default: '200000' },
  },
});
const seconds = Number(args.seconds);
const connections = Number(args.connections);
const options = {
  connections,
  seconds,
  pushCalls: Number(args['push-calls']),
  pushClients: Number(args['push-clients']),
  burst: Number(args.burst),
};

/** A database of the bench's own, made afresh, and how to name its server in the table. */
async function benchTarget(given: DatabaseTarget): Promise<{ target: DatabaseTarget; server: string }> {
  if (given.provider === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`data/bench.db${suffix}`, { force: true });
    return { target: { provider: 'sqlite', url: 'file:./data/bench.db' }, server: 'SQLite' };
  }
  const admin = new pg.Client({ connectionString: given.url });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS convertedin_bench WITH (FORCE)');
  await admin.query('CREATE DATABASE convertedin_bench');
  const version = await admin.query<{ server_version: string }>('SHOW server_version');
  await admin.end();
  const url = new URL(given.url);
  url.pathname = '/convertedin_bench';
  return {
    target: { provider: 'postgresql', url: url.toString() },
    server: `PostgreSQL ${version.rows[0]!.server_version}`,
  };
}

async function vacuum(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('VACUUM ANALYZE');
  await client.end();
}

const load = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

/** Seeds, starts, measures and prints one database's tables. */
async function run(given: DatabaseTarget, orders: number, customers: number, tracking: boolean): Promise<void> {
  const loadBefore = load();
  const { target, server } = await benchTarget(given);
  console.log(`Seeding ${fmt(orders)} orders and ${fmt(customers)} customers into ${target.provider}...`);
  const seed = await seedDatabase(target, { orders, customers, timeZone: 'UTC' });
  console.log(`Seeded in ${seed.seconds.toFixed(1)} s. Vacuuming...`);
  // So that autovacuum, woken by a million new rows, does not run during the measures.
  if (target.provider === 'postgresql') await vacuum(target.url);

  const lastPage = Math.ceil(orders / PER_PAGE);
  const deepOf = (records: number) => Math.max(1, Math.min(Number(args.deep), Math.floor((records * 0.9) / PER_PAGE)));
  const deep = { orders: deepOf(orders), customers: deepOf(customers) };
  const crawlCount = Math.min(Number(args['crawl-pages']), lastPage);
  const crawlFirst = Math.max(1, Math.floor((lastPage - crawlCount) / 2) + 1);
  const pages = { deep, crawl: Array.from({ length: crawlCount }, (_, i) => crawlFirst + i) };

  const env = { DATABASE_URL: target.url, NODE_ENV: 'production', MIGRATE_ON_START: 'false' };
  // Started exactly as `npm start` starts it, V8 flags included.
  const start = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start;
  const startService = (name: string, extra: NodeJS.ProcessEnv = {}) =>
    startServer(name, start.split(/\s+/).slice(1), {
      ...env,
      CONVERTEDIN_TOKEN: TOKEN,
      MERCHANT_API_KEY: KEY,
      ...extra,
    });
  const service = await startService('service');
  const baseline = await startServer('baseline', ['dist/scripts/bench/baseline.js'], {
    ...env,
    BASELINE_ORDERS: String(orders),
    BASELINE_CUSTOMERS: String(customers),
  });
  let figures: [Figures, Figures];
  let rss: { s: number; b: number };
  try {
    console.log(`Measuring (${seconds} s per load, ${connections} connections)...`);
    figures = (await measure([service, baseline], pages, options)) as [Figures, Figures];
    rss = { s: service.peakRssMiB(), b: baseline.peakRssMiB() };
  } finally {
    await Promise.all([service.stop(), baseline.stop()]);
  }
  const restart = await measureRestart(() => startService('service, restarted'), form, deep.orders);
  const shape = { deep, crawlCount, crawlFirst, lastPage, pushClients: options.pushClients, burst: options.burst };
  const rows = summaryRows(figures[0], figures[1], rss, shape, { seedRate: orders / seed.seconds, restart });
  console.log(`
${server}, ${fmt(orders)} orders, ${fmt(customers)} customers, per_page=${PER_PAGE}; node ${process.version},
${os.cpus().length} cores; load average before ${loadBefore}, after ${load()}. Ratios: service / baseline
(for p99 and crawl times, too, so below 1 is better there, as for RSS).
`);
  console.log(table(['', 'service', 'baseline', 'ratio'], rows));
  if (tracking) await printTracking(env, pages.crawl);
}

/** The same service with crawl tracking on and off (CRAWL_TRACKING), for the feed's cost of it. */
async function printTracking(env: NodeJS.ProcessEnv, crawlPages: number[]): Promise<void> {
  const start = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start;
  const serviceEnv = { ...env, CONVERTEDIN_TOKEN: TOKEN, MERCHANT_API_KEY: KEY };
  const tracked = await startServer('service', start.split(/\s+/).slice(1), serviceEnv);
  const untracked = await startServer('service, tracking off', start.split(/\s+/).slice(1), {
    ...serviceEnv,
    CRAWL_TRACKING: 'false',
  });
  try {
    const [on, off] = await measureTracking(tracked, untracked, {
      form,
      type: FORM,
      connections,
      seconds,
      pages: crawlPages,
    });
    console.log(`
The feed with crawl tracking on and off (CRAWL_TRACKING), the same service twice. Ratio: on / off
(for the crawl: off / on), so 1.00 is no cost.
`);
    console.log(
      table(
        ['crawl tracking', 'on', 'off', 'ratio'],
        [
          ['orders page 1: requests/s', fmt(on.rps), fmt(off.rps), ratio(on.rps, off.rps)],
          ['orders page 1: p50 / p99 ms', `${on.p50} / ${on.p99}`, `${off.p50} / ${off.p99}`, ratio(on.p50, off.p50)],
          [
            `crawl of ${fmt(crawlPages.length)} pages: s`,
            on.crawlSeconds.toFixed(1),
            off.crawlSeconds.toFixed(1),
            ratio(off.crawlSeconds, on.crawlSeconds),
          ],
        ],
      ),
    );
  } finally {
    await Promise.all([tracked.stop(), untracked.stop()]);
  }
}

async function main(): Promise<void> {
  const built = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('the build failed');
  const given = configOrExit(loadScriptConfig).database;
  const orders = Number(args.orders);
  // Page 9,000 of customers needs 900,100 of them, so by default there are as many as orders.
  const customers = Number(args.customers ?? args.orders);
  await run(given, orders, customers, true);
  const sqliteOrders = Number(args['sqlite-orders']);
  if (given.provider === 'postgresql' && sqliteOrders > 0) {
    await run({ provider: 'sqlite', url: 'file:./data/bench.db' }, sqliteOrders, sqliteOrders, false);
  }
}

await main();
