import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { CUSTOMERS } from '../../src/customers/customers.table.js';
import { LINE_ITEMS, ORDERS } from '../../src/orders/orders.table.js';
import { copyStatement } from './copy-text.js';
import { batchCount, type SeedPlan } from './rows.js';
import type { Job, JobText, WorkerData } from './worker.js';
import { RESET_SEEDED_NUMBERING } from './reset.js';

const TABLES = [CUSTOMERS, ORDERS, LINE_ITEMS].map((table) => table.name);

async function copy(client: pg.Client, statement: string, text: string): Promise<void> {
  const stream = client.query(copyFrom(statement));
  stream.end(text);
  await once(stream, 'finish');
}

/**
 * A batch's rows and COPY text are short-lived garbage by the megabyte; with V8's default young
 * generation a worker spent over a third of its time collecting it.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 96 };

/** A thread that makes order batches; under tsx it registers tsx first, so it can load TypeScript. */
function startWorker(data: WorkerData): Worker {
  const url = new URL('./worker.js', import.meta.url).href.replace(
    /\.js$/,
    import.meta.url.endsWith('.ts') ? '.ts' : '.js',
  );
  if (!url.endsWith('.ts')) return new Worker(new URL(url), { workerData: data, resourceLimits: WORKER_LIMITS });
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url)}); });`;
  return new Worker(boot, { eval: true, workerData: data, resourceLimits: WORKER_LIMITS });
}

/**
 * The COPY text of every job, in order, made by `threads` workers. Each worker has two jobs in
 * hand, so making the next batches overlaps with loading this one.
 */
async function* jobTexts(data: WorkerData, jobs: Job[], threads: number): AsyncGenerator<JobText> {
  const workers = Array.from({ length: Math.min(threads, jobs.length) }, () => startWorker(data));
  const inFlight = workers.map(() => [] as Array<{ resolve(text: JobText): void; reject(error: Error): void }>);
  workers.forEach((worker, k) => {
    worker.on('message', (text: JobText) => inFlight[k]!.shift()!.resolve(text));
    worker.on('error', (error) => {
      for (const job of inFlight[k]!.splice(0)) job.reject(error);
    });
  });
  // Keyed by job and dropped once loaded: a settled promise holds its text, and ten million
  // orders' worth of COPY text kept to the end outgrew the heap.
  const results = new Map<number, Promise<JobText>>();
  const send = (i: number) => {
    const k = i % workers.length;
    const result = new Promise<JobText>((resolve, reject) => inFlight[k]!.push({ resolve, reject }));
    results.set(i, result);
    // Awaited in turn below; until then a failure must not count as unhandled.
    result.catch(() => undefined);
    workers[k]!.postMessage(jobs[i]);
  };
  let next = 0;
  while (next < Math.min(jobs.length, 2 * workers.length)) send(next++);
  try {
    for (let i = 0; i < jobs.length; i++) {
      const text = await results.get(i)!;
      results.delete(i);
      if (next < jobs.length) send(next++);
      yield text;
    }
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/**
 * Loads into empty tables the way pg_restore does: secondary indexes and foreign keys are
 * dropped first and built again at the end, which is several times faster than maintaining them
 * row by row. Their definitions are read back from the catalog, so they come back exactly as the
 * migrations made them. One transaction: a failed seed leaves nothing behind.
 */
async function withoutSecondaryIndexes(client: pg.Client, load: () => Promise<void>): Promise<void> {
  const { rows: keys } = await client.query<{ tbl: string; name: string; def: string }>(
    `SELECT conrelid::regclass::text AS tbl, conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
     WHERE contype = 'f' AND (conrelid = ANY($1::regclass[]) OR confrelid = ANY($1::regclass[]))`,
    [TABLES],
  );
  for (const key of keys) await client.query(`ALTER TABLE ${key.tbl} DROP CONSTRAINT "${key.name}"`);
  // Read once the foreign keys are gone, so the unique indexes they lean on (customers.key,
  // orders.key) are dropped and rebuilt too; the primary keys stay, as seq only ever appends.
  const { rows: indexes } = await client.query<{ name: string; def: string }>(
    `SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS def FROM pg_index i
     WHERE indrelid = ANY($1::regclass[]) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    [TABLES],
  );
  for (const index of indexes) await client.query(`DROP INDEX ${index.name}`);
  await load();
  for (const index of indexes) await client.query(index.def);
  for (const key of keys) await client.query(`ALTER TABLE ${key.tbl} ADD CONSTRAINT "${key.name}" ${key.def}`);
}

/** COPY from worker threads; the feed_numbering triggers count the rows as for any insert. */
export async function loadPostgres(url: string, plan: SeedPlan, threads: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const now = new Date();
  try {
    await client.query('BEGIN');
    // The tables are known to be empty. Truncated in this transaction, they take COPY FREEZE:
    // rows written frozen and all-visible, so no VACUUM has to visit them again afterwards.
    await client.query(`TRUNCATE ${TABLES.join(', ')}`);
    const statements = {
      customers: copyStatement(CUSTOMERS),
      orders: copyStatement(ORDERS),
      line_items: copyStatement(LINE_ITEMS),
    };
    const jobs: Job[] = [
      ...Array.from({ length: batchCount(plan.customers) }, (_, index) => ({ kind: 'customers' as const, index })),
      ...Array.from({ length: batchCount(plan.orders) }, (_, index) => ({ kind: 'orders' as const, index })),
    ];
    await withoutSecondaryIndexes(client, async () => {
      for await (const texts of jobTexts({ plan, now: now.toISOString() }, jobs, threads)) {
        for (const [table, text] of texts) await copy(client, statements[table], text);
      }
    });
    await client.query('COMMIT');
    await client.query(`ANALYZE ${TABLES.join(', ')}`);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

export async function resetPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`BEGIN;
      TRUNCATE line_items, orders, customers RESTART IDENTITY; ${RESET_SEEDED_NUMBERING}
      COMMIT;`);
  } finally {
    await client.end();
  }
}

export async function countPostgres(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      'SELECT (SELECT count(*) FROM orders) + (SELECT count(*) FROM customers) AS n',
    );
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}
