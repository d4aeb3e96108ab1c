/**
 * `npm run demo`: the service on SQLite with sample data, and how to call it.
 * Credentials are generated once and kept beside the demo database for the next run.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openDb } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { commitChanges } from '../src/db/changes.js';
import { inTransaction } from '../src/db/transaction.js';
import { start } from '../src/main.js';
import { categoryDocumentSchema } from '../src/categories/category.document.js';
import { upsertCategories } from '../src/categories/categories.upsert.js';
import { customerDocumentSchema } from '../src/customers/customer.document.js';
import { upsertCustomers } from '../src/customers/customers.upsert.js';
import { orderDocumentSchema } from '../src/orders/order.document.js';
import { upsertOrders } from '../src/orders/orders.upsert.js';
import { productDocumentSchema } from '../src/products/product.document.js';
import { upsertProducts } from '../src/products/products.upsert.js';
import { chunks } from '../src/shared/chunks.js';
import { storeDocumentSchema } from '../src/store/store.document.js';
import { saveStore } from '../src/store/store.js';
import { sampleShop } from './sample-data.js';

const DATA_DIR = path.resolve('data');
const CREDENTIALS = path.join(DATA_DIR, 'demo-credentials.json');
const url = process.env.DATABASE_URL ?? `file:${path.join(DATA_DIR, 'demo.db')}`;
const timeZone = process.env.STORE_TIMEZONE ?? 'UTC';

function credentials(): { token: string; key: string } {
  if (existsSync(CREDENTIALS)) return JSON.parse(readFileSync(CREDENTIALS, 'utf8')) as { token: string; key: string };
  mkdirSync(DATA_DIR, { recursive: true });
  const made = { token: randomBytes(18).toString('base64url'), key: randomBytes(18).toString('base64url') };
  writeFileSync(CREDENTIALS, JSON.stringify(made, null, 2), { mode: 0o600 });
  return made;
}

async function seedIfEmpty(): Promise<void> {
  const target = url.startsWith('file:')
    ? ({ provider: 'sqlite', url } as const)
    : ({ provider: 'postgresql', url } as const);
  await migrate(target);
  const db = await openDb(target);
  try {
    if ((await db.read.order.count()) > 0) return;
    const shop = sampleShop({ customers: 200, orders: 1000 });
    await inTransaction(db, (tx) => saveStore(tx, storeDocumentSchema.parse(shop.store)));
    const categories = shop.categories.map((c) => categoryDocumentSchema.parse(c));
    await commitChanges(db, (tx) => upsertCategories(tx, categories, timeZone));
    const products = shop.products.map((p) => productDocumentSchema.parse(p));
    await commitChanges(db, (tx) => upsertProducts(tx, products, timeZone));
    const customers = shop.customers.map((c) => customerDocumentSchema.parse(c));
    await commitChanges(db, (tx) =>
      upsertCustomers(
        tx,
        customers.map((doc) => ({ id: doc.id, doc, fallback: {} })),
        timeZone,
      ),
    );
    for (const part of chunks(shop.orders.map((o) => orderDocumentSchema.parse(o)))) {
      await commitChanges(db, (tx) => upsertOrders(tx, part, timeZone));
    }
  } finally {
    await db.close();
  }
}

const { token, key } = credentials();
await seedIfEmpty();
const running = await start({
  ...process.env,
  DATABASE_URL: url,
  CONVERTEDIN_TOKEN: process.env.CONVERTEDIN_TOKEN ?? token,
  MERCHANT_API_KEY: process.env.MERCHANT_API_KEY ?? key,
});
const base = `http://localhost:${running.config.port}`;
console.log(`
convertedin-feed demo is running on ${base} (SQLite: ${url.replace(/^file:/, '')})
  A store, 6 categories, 200 products, 200 customers and 1000 orders of sample data.

  convertedin token : ${running.config.feedTokens[0]}
  merchant API key  : ${running.config.merchantKeys[0]}

  Page 1 of orders, as convertedin asks for it:
    curl -s -X POST ${base}/convertedin/orders -F token=${running.config.feedTokens[0]} -F page=1 -F per_page=10

  The store and a page of the category tree:
    curl -s -X POST ${base}/convertedin/storeinfo -F token=${running.config.feedTokens[0]}
    curl -s -X POST ${base}/convertedin/categories -F token=${running.config.feedTokens[0]}

  Count orders through the merchant API (every route: ${base}/openapi.json):
    curl -s -H 'Authorization: ${running.config.merchantKeys[0]}' '${base}/api/orders?count=true'

Press Ctrl+C to stop.`);
const stop = () => running.stop().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
