import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readDocuments } from '../src/import/documents.js';
import { importFile } from '../src/import/import.js';
import { merchant, testApp } from './support/app.js';
import { buildCategory, buildOrder, buildProduct } from './support/factories.js';
import { feed } from './support/feed.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempFile(name: string, text: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'feed-import-'));
  dirs.push(dir);
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** Runs `scripts/import.ts` as `npm run import` would, against the test's database. */
function runCli(args: string[], databaseUrl: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/import.ts', ...args], {
      env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run import', () => {
  it('When an NDJSON file spans several batches and has bad lines, then the rest is written and the bad ones are listed by line', async () => {
    const { app, db, config } = await testApp();
    const orders = Array.from({ length: 250 }, (_, i) =>
      buildOrder({ id: `imp-${i}`, customer: { id: `c-${i % 7}` } }),
    );
    const lines = orders.map((o) => JSON.stringify(o));
    lines.splice(10, 0, '{"id": "broken",'); // line 11
    lines.splice(20, 0, ''); // line 21: blank lines are skipped
    lines.splice(30, 0, JSON.stringify(buildOrder({ id: 'bad', currency: 'EURO' }))); // line 31
    const file = tempFile('orders.ndjson', `${lines.join('\n')}\n`);
    const progress: number[] = [];

    const first = await importFile({
      db,
      entity: 'orders',
      file,
      timeZone: config.storeTimeZone,
      batchSize: 100,
      onProgress: (p) => progress.push(p.documents),
    });
    const second = await importFile({ db, entity: 'orders', file, timeZone: config.storeTimeZone, batchSize: 100 });
    const count = await merchant(app).get('/api/orders?count=true');
    const customers = await feed(app, 'customers', { per_page: 10 });

    expect(first).toEqual({
      entity: 'orders',
      documents: 252,
      created: { orders: 250, customers: 7 },
      updated: {},
      unchanged: 0,
      rejectedCount: 2,
      rejected: [
        { line: 11, reasons: ['not valid JSON'] },
        { line: 31, reasons: [expect.stringMatching(/^currency: /)] },
      ],
    });
    expect(second).toMatchObject({ created: {}, updated: {}, unchanged: 250, rejectedCount: 2 });
    expect(count.body).toEqual({ count: 250 });
    expect(customers.body.total).toBe(7);
    expect(progress).toEqual([103, 203, 252]);
  });

  it('When a JSON array holds categories, then children may precede parents, and an unknown parent is rejected with its item', async () => {
    const { app, db, config } = await testApp();
    const docs = [
      buildCategory({ id: 'kid', parent_id: 'top', title: 'Polo "classic", [men] {sale} \\ قمصان' }),
      buildCategory({ id: 'top' }),
      buildCategory({ id: 'orphan', parent_id: 'ghost' }),
      buildCategory({ id: 'sibling', parent_id: 'top' }),
    ];
    const text = `[\n${docs.map((d) => `  ${JSON.stringify(d, null, 1).replaceAll('\n', '\n  ')}`).join(',\n')}\n]\n`;
    const file = tempFile('categories.json', text);
    const orphanLine = text.split('\n').findIndex((line) => line.includes('"orphan"'));

    const summary = await importFile({ db, entity: 'categories', file, timeZone: config.storeTimeZone });
    const tree = await feed(app, 'categories');

    expect(summary).toMatchObject({ documents: 4, created: { categories: 3 }, rejectedCount: 1 });
    expect(summary.rejected).toEqual([
      { line: orphanLine, item: 2, reasons: [expect.stringMatching(/^parent_id: names no category/)] },
    ]);
    expect(tree.body.data[0].subcategories.map((c: { id: unknown }) => c.id)).toEqual(['kid', 'sibling']);
    expect(tree.body.data[0].subcategories[0].title).toBe('Polo "classic", [men] {sale} \\ قمصان');
  });

  it('When the same id appears twice in a file, then the later document wins', async () => {
    const { app, db, config } = await testApp();
    const product = buildProduct({ id: 'twice', title: 'First' });
    const file = tempFile(
      'p.ndjson',
      [product, { ...product, title: 'Second' }].map((p) => JSON.stringify(p)).join('\n'),
    );

    const summary = await importFile({ db, entity: 'products', file, timeZone: config.storeTimeZone });
    const stored = await merchant(app).get('/api/products/twice');

    expect(summary).toMatchObject({ created: { products: 1 }, updated: { products: 1 }, rejectedCount: 0 });
    expect(stored.body.title).toBe('Second');
  });

  it('When an array is cut short, then the documents before the cut are written and the cut is reported', async () => {
    const { db, config } = await testApp();
    const file = tempFile('cut.json', `[${JSON.stringify(buildProduct({ id: 1 }))},\n{"id": 2, "title": "half`);

    const summary = await importFile({ db, entity: 'products', file, timeZone: config.storeTimeZone });

    expect(summary).toMatchObject({
      created: { products: 1 },
      rejected: [{ line: 2, item: 1, reasons: ['the file ends before the array is closed'] }],
    });
  });

  it('When the sample files are imported by the command in order, then the feed serves them, and a second run changes nothing', async () => {
    const { app, config } = await testApp();
    const url = config.database.url;

    const runs = [];
    for (const [entity, file] of [
      ['categories', 'samples/categories.json'],
      ['products', 'samples/products.ndjson'],
      ['customers', 'samples/customers.json'],
      ['orders', 'samples/orders.ndjson'],
    ]) {
      runs.push(await runCli([entity!, file!], url));
    }
    const again = await runCli(['orders', 'samples/orders.ndjson'], url);
    const products = await feed(app, 'products');
    const categories = await feed(app, 'categories');
    const orders = await feed(app, 'orders');

    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    expect(runs[3]!.stdout).toMatch(/created: +3 orders, 1 customer$/m);
    expect(runs[3]!.stderr).toMatch(/100% 3 documents/);
    expect(again.stdout).toMatch(/unchanged: 3/);
    expect(products.body.total).toBe(3);
    expect(categories.body.total).toBe(3);
    expect(orders.body.total).toBe(3);
  });

  it('When the command gets a bad entity or a file with rejected lines, then it exits 64 or 2', async () => {
    const { config } = await testApp();
    const file = tempFile('bad.ndjson', '{"id": 1}\n');

    const usage = await runCli(['widgets', file], config.database.url);
    const rejected = await runCli(['customers', file], config.database.url);

    expect([usage.code, usage.stderr]).toEqual([64, expect.stringContaining('Unknown entity "widgets"')]);
    expect(rejected.code).toBe(2);
    expect(rejected.stdout).toMatch(/line 1: email: .*; currency: /);
  });

  it('When a file arrives in pieces that cut through strings, escapes and multi-byte text, then the same documents are read', async () => {
    const docs = [{ a: 'x, "y" ]}', b: [1, { c: '\\' }] }, 'plain', 42, null, { d: 'نص عربي' }];
    const array = `  [\n${docs.map((d) => JSON.stringify(d)).join(' ,\n ')}\n]\n`;
    const ndjson = docs.map((d) => JSON.stringify(d)).join('\r\n');
    const read = async (text: string, size: number) => {
      const pieces = async function* () {
        for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
      };
      const out = [];
      for await (const doc of readDocuments(pieces())) out.push(doc);
      return out;
    };

    const wholeArray = await read(array, array.length);
    const wholeLines = await read(ndjson, ndjson.length);

    expect(wholeArray).toEqual(docs.map((value, item) => ({ line: item + 2, item, value })));
    expect(wholeLines).toEqual(docs.map((value, i) => ({ line: i + 1, value })));
    for (const size of [1, 2, 3, 7]) {
      expect(await read(array, size)).toEqual(wholeArray);
      expect(await read(ndjson, size)).toEqual(wholeLines);
    }
  });
});
