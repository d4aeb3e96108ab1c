/**
 * `npm run bench -- [--orders 1000000] [--customers N] [--seconds 10] [--connections 8] [--burst 200]`
 *
 * Seeds a database of its own (PostgreSQL: `convertedin_bench` on DATABASE_URL's server, made
 * afresh; SQLite when DATABASE_URL is unset: data/bench.db), starts the service and a minimal
 * baseline server as child processes, loads them from this process with autocannon and prints
 * one table. Every figure is also given as a ratio to the baseline measured in the same run on
 * the same data, because absolute numbers on a shared machine vary from run to run.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { DatabaseTarget } from '../src/db/target.js';
import { configOrExit, loadScriptConfig } from '../src/script-config.js';
import { burst, crawl, hammer, push, type BurstResult, type LoadResult } from './bench/load.js';
import { startServer, type Server } from './bench/processes.js';
import { measureTracking } from './bench/tracking.js';
import { changed, pushDocuments } from './bench/documents.js';
import { fmt, ratio, table } from './bench/report.js';
import { seedDatabase } from './seed/seed-database.js';

const TOKEN = 'bench-feed-token-000000';
const KEY = 'bench-merchant-key-00000';
const PER_PAGE = 100;
const FORM = 'application/x-www-form-urlencoded';

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
  },
});
const orders = Number(args.orders);
// Page 9,000 of customers needs 900,100 of them, so by default there are as many as orders.
const customers = Number(args.customers ?? args.orders);
const seconds = Number(args.seconds);
const connections = Number(args.connections);

async function benchTarget(): Promise<DatabaseTarget> {
  const given = configOrExit(loadScriptConfig).database;
  if (given.provider === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`data/bench.db${suffix}`, { force: true });
    return { provider: 'sqlite', url: 'file:./data/bench.db' };
  }
  const admin = new pg.Client({ connectionString: given.url });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS convertedin_bench WITH (FORCE)');
  await admin.query('CREATE DATABASE convertedin_bench');
  const version = await admin.query<{ server_version: string }>('SHOW server_version');
  await admin.end();
  serverVersion = `PostgreSQL ${version.rows[0]!.server_version}`;
  const url = new URL(given.url);
  url.pathname = '/convertedin_bench';
  return { provider: 'postgresql', url: url.toString() };
}
let serverVersion = 'SQLite';

async function vacuum(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('VACUUM ANALYZE');
  await client.end();
}

interface Figures {
  feed: Map<string, LoadResult>;
  crawlSeconds: number;
  push: { fresh: number; same: number; changed: number };
  burst?: BurstResult;
}

const form = (page: number) => `token=${TOKEN}&page=${page}&per_page=${PER_PAGE}`;
const BOUNDARY = 'benchboundary';
const MULTIPART = Object.entries({ token: TOKEN, page: '1', per_page: String(PER_PAGE) })
  .map(([name, value]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
  .join('')
  .concat(`--${BOUNDARY}--\r\n`);

/**
 * Every measure is taken of both servers one right after the other, the first one in turn, so
 * that both meet the same load from the rest of the machine. Every feed request is warmed up
 * on both first: slot numberings loaded, code compiled, pages in PostgreSQL's cache.
 */
async function measure(servers: Server[], pages: { deep: number; crawl: number[] }): Promise<Figures[]> {
  const figures = servers.map((): Figures => ({
    feed: new Map(),
    crawlSeconds: 0,
    push: { fresh: 0, same: 0, changed: 0 },
  }));
  let turn = 0;
  const each = async (step: (server: Server, figures: Figures, i: number) => Promise<void>) => {
    const order = turn++ % 2 === 0 ? [...servers.keys()] : [...servers.keys()].reverse();
    for (const i of order) await step(servers[i]!, figures[i]!, i);
  };
  const feeds = ['orders', 'customers'].flatMap((entity) => [1, pages.deep].map((page) => ({ entity, page })));
  for (const { entity, page } of feeds) {
    for (const server of servers) await hammer(`${server.url}/convertedin/${entity}`, form(page), FORM, connections, 3);
  }
  for (const { entity, page } of feeds) {
    await each(async (server, f) => {
      const url = `${server.url}/convertedin/${entity}`;
      f.feed.set(`${entity} ${page}`, await hammer(url, form(page), FORM, connections, seconds));
    });
  }
  await each(async (server, f) => {
    const type = `multipart/form-data; boundary=${BOUNDARY}`;
    f.feed.set(
      'orders 1 multipart',
      await hammer(`${server.url}/convertedin/orders`, MULTIPART, type, connections, seconds),
    );
  });
  await each(async (server, f) => {
    f.crawlSeconds = await crawl(`${server.url}/convertedin/orders`, pages.crawl, form);
  });

  const calls = Number(args['push-calls']);
  const clients = Number(args['push-clients']);
  // Each server gets orders and customers of its own, new to the database.
  const docs = servers.map((_, i) => pushDocuments(50_000_000 + 10_000_000 * i, calls));
  const rate = (s: number) => (calls * 1000) / s;
  const pushEach = (key: keyof Figures['push'], batch: (i: number) => unknown[][]) =>
    each(async (server, f, i) => {
      f.push[key] = rate(await push(`${server.url}/api/orders`, KEY, batch(i), clients));
    });
  await pushEach('fresh', (i) => docs[i]!);
  await pushEach('same', (i) => docs[i]!);
  await pushEach('changed', (i) => changed(docs[i]!));
  // Last, so that the peak RSS reported covers it.
  const heavy = `token=${TOKEN}&page=1&per_page=1000`;
  await each(async (server, f) => {
    f.burst = await burst(`${server.url}/convertedin/orders`, heavy, FORM, Number(args.burst), 3);
  });
  return figures;
}

async function main(): Promise<void> {
  const load = () =>
    os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(' ');
  const loadBefore = load();
  const target = await benchTarget();
  console.log(`Seeding ${fmt(orders)} orders and ${fmt(customers)} customers into ${target.provider}...`);
  const seed = await seedDatabase(target, { orders, customers, timeZone: 'UTC' });
  console.log(`Seeded in ${seed.seconds.toFixed(1)} s. Vacuuming and building...`);
  // So that autovacuum, woken by a million new rows, does not run during the measures.
  if (target.provider === 'postgresql') await vacuum(target.url);
  const built = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('the build failed');

  const lastPage = Math.ceil(orders / PER_PAGE);
  const deep = Math.min(9_000, Math.floor((Math.min(orders, customers) * 0.9) / PER_PAGE));
  const crawlCount = Math.min(Number(args['crawl-pages']), lastPage);
  const crawlFirst = Math.max(1, Math.floor((lastPage - crawlCount) / 2) + 1);
  const pages = { deep, crawl: Array.from({ length: crawlCount }, (_, i) => crawlFirst + i) };

  const env = { DATABASE_URL: target.url, NODE_ENV: 'production', MIGRATE_ON_START: 'false' };
  // Started exactly as `npm start` starts it, V8 flags included.
  const start = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start;
  const service = await startServer('service', start.split(/\s+/).slice(1), {
    ...env,
    CONVERTEDIN_TOKEN: TOKEN,
    MERCHANT_API_KEY: KEY,
  });
  // The same service without crawl tracking, for the feed's cost of it (CRAWL_TRACKING).
  const untracked = await startServer('service, tracking off', start.split(/\s+/).slice(1), {
    ...env,
    CONVERTEDIN_TOKEN: TOKEN,
    MERCHANT_API_KEY: KEY,
    CRAWL_TRACKING: 'false',
  });
  const baseline = await startServer('baseline', ['dist/scripts/bench/baseline.js'], {
    ...env,
    BASELINE_ORDERS: String(orders),
    BASELINE_CUSTOMERS: String(customers),
  });
  try {
    console.log(`Measuring (${seconds} s per load, ${connections} connections)...`);
    const [s, b] = (await measure([service, baseline], pages)) as [Figures, Figures];
    const rss = { s: service.peakRssMiB(), b: baseline.peakRssMiB() };
    const [on, off] = await measureTracking(service, untracked, {
      form,
      type: FORM,
      connections,
      seconds,
      pages: pages.crawl,
    });

    const rows: string[][] = [];
    const row = (what: string, sv: string, bv: string, r: string) => rows.push([what, sv, bv, r]);
    for (const entity of ['orders', 'customers']) {
      for (const page of [1, deep]) {
        const x = s.feed.get(`${entity} ${page}`)!;
        const y = b.feed.get(`${entity} ${page}`)!;
        row(`${entity} page ${fmt(page)}: requests/s`, fmt(x.rps), fmt(y.rps), ratio(x.rps, y.rps));
        row(
          `${entity} page ${fmt(page)}: p50 / p99 ms`,
          `${x.p50} / ${x.p99}`,
          `${y.p50} / ${y.p99}`,
          ratio(x.p50, y.p50),
        );
      }
      const [p1, pd] = [s.feed.get(`${entity} 1`)!, s.feed.get(`${entity} ${deep}`)!];
      const [q1, qd] = [b.feed.get(`${entity} 1`)!, b.feed.get(`${entity} ${deep}`)!];
      row(`${entity}: page ${fmt(deep)} / page 1 throughput`, ratio(pd.rps, p1.rps), ratio(qd.rps, q1.rps), '');
    }
    const m = s.feed.get('orders 1 multipart')!;
    const mb = b.feed.get('orders 1 multipart')!;
    row('orders page 1 as multipart: requests/s', fmt(m.rps), fmt(mb.rps), ratio(m.rps, mb.rps));
    row(
      `crawl of ${fmt(crawlCount)} pages from page ${fmt(crawlFirst)}: s`,
      s.crawlSeconds.toFixed(1),
      b.crawlSeconds.toFixed(1),
      ratio(b.crawlSeconds, s.crawlSeconds),
    );
    const full = (t: number) => (t * lastPage) / crawlCount;
    row(
      `full crawl of ${fmt(lastPage)} pages (extrapolated): s`,
      full(s.crawlSeconds).toFixed(0),
      full(b.crawlSeconds).toFixed(0),
      ratio(b.crawlSeconds, s.crawlSeconds),
    );
    const clients = `${args['push-clients']} client${args['push-clients'] === '1' ? '' : 's'}`;
    for (const [name, key] of [
      [`new orders, ${clients}`, 'fresh'],
      [`identical re-push, ${clients}`, 'same'],
      [`changed re-push, ${clients}`, 'changed'],
    ] as const) {
      row(`PUT /api/orders, ${name}: orders/s`, fmt(s.push[key]), fmt(b.push[key]), ratio(s.push[key], b.push[key]));
    }
    const [sb, bb] = [s.burst!, b.burst!];
    const burstRow = `${args.burst} clients at once, per_page=1000, 3 rounds`;
    row(`${burstRow}: p99 ms`, fmt(sb.p99), fmt(bb.p99), ratio(sb.p99, bb.p99));
    row(
      `${burstRow}: 503s / timeouts over 10 s`,
      `${sb.refused} / ${sb.timeouts}`,
      `${bb.refused} / ${bb.timeouts}`,
      '',
    );
    row('peak RSS: MiB', fmt(rss.s), fmt(rss.b), ratio(rss.s, rss.b));
    row('db:seed: orders/s (with their customers and line items)', fmt(orders / seed.seconds), '', '');

    console.log(`
${serverVersion}, ${fmt(orders)} orders, ${fmt(customers)} customers, per_page=${PER_PAGE}; node ${process.version},
${os.cpus().length} cores; load average before ${loadBefore}, after ${load()}. Ratios: service / baseline
(for crawl times: baseline / service, so above 1 is better everywhere but RSS).
`);
    console.log(table(['', 'service', 'baseline', 'ratio'], rows));
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
            `crawl of ${fmt(crawlCount)} pages: s`,
            on.crawlSeconds.toFixed(1),
            off.crawlSeconds.toFixed(1),
            ratio(off.crawlSeconds, on.crawlSeconds),
          ],
        ],
      ),
    );
  } finally {
    await Promise.all([service.stop(), untracked.stop(), baseline.stop()]);
  }
}

await main();
