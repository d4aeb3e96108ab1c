import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyStatement, copyText, customersTable, lineItemsTable, ordersTable, type Table } from './copy-text.js';
import { SEED_BATCH, seedCustomers, type SeedPlan } from './rows.js';
import type { BatchText, WorkerData } from './worker.js';

const TABLES = ['customers', 'orders', 'line_items'];

async function copy<Row>(client: pg.Client, table: Table<Row>, text: string): Promise<void> {
  const stream = client.query(copyFrom(copyStatement(table)));
  stream.end(text);
  await once(stream, 'finish');
}

/** A thread that makes order batches; under tsx it registers tsx first, so it can load TypeScript. */
function startWorker(data: WorkerData): Worker {
  const url = new URL('./worker.js', import.meta.url).href.replace(
    /\.js$/,
    import.meta.url.endsWith('.ts') ? '.ts' : '.js',
  );
  if (!url.endsWith('.ts')) return new Worker(new URL(url), { workerData: data });
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url)}); });`;
  return new Worker(boot, { eval: true, workerData: data });
}

/**
 * Batches made by `threads` workers, yielded in order. Each worker holds one batch in hand and
 * one queued, so making and loading overlap.
 */
async function* orderTexts(data: WorkerData, threads: number): AsyncGenerator<BatchText> {
  const count = Math.ceil(data.plan.orders / SEED_BATCH);
  const workers = Array.from({ length: Math.min(threads, count) }, () => startWorker(data));
  const ready = new Map<number, BatchText>();
  const waiting = new Map<number, (text: BatchText) => void>();
  let failure: Error | undefined;
  for (const worker of workers) {
    worker.on('message', (text: BatchText) => {
      const resolve = waiting.get(text.index);
      if (resolve) resolve(text);
      else ready.set(text.index, text);
    });
    worker.on('error', (error) => {
      failure = error;
      for (const resolve of waiting.values()) resolve({ index: -1, orders: '', lineItems: '' });
    });
  }
  let sent = 0;
  const send = () => {
    if (sent < count) workers[sent % workers.length]!.postMessage(sent++);
  };
  for (let i = 0; i < 2 * workers.length; i++) send();
  try {
    for (let index = 0; index < count; index++) {
      const text = ready.get(index) ?? (await new Promise<BatchText>((resolve) => waiting.set(index, resolve)));
      if (failure) throw failure;
      ready.delete(index);
      waiting.delete(index);
      send();
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
  const { rows: indexes } = await client.query<{ name: string; def: string }>(
    `SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS def FROM pg_index i
     WHERE indrelid = ANY($1::regclass[]) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    [TABLES],
  );
  for (const key of keys) await client.query(`ALTER TABLE ${key.tbl} DROP CONSTRAINT "${key.name}"`);
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
    await withoutSecondaryIndexes(client, async () => {
      const customers = customersTable(now);
      await copy(client, customers, copyText(customers, seedCustomers(plan).rows));
      const orders = ordersTable(now);
      for await (const text of orderTexts({ plan, now: now.toISOString() }, threads)) {
        await copy(client, orders, text.orders);
        await copy(client, lineItemsTable, text.lineItems);
      }
    });
    await client.query('COMMIT');
    // Fresh statistics and visibility maps, as autovacuum would leave them after a while.
    await client.query('VACUUM ANALYZE customers, orders, line_items');
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
      TRUNCATE line_items, orders, customers, feed_holes RESTART IDENTITY;
      UPDATE feed_state SET live = 0, holes = 0, oldest_hole_at = NULL, layout = layout + 1;
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
