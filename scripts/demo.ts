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
import { ConfigError } from '../src/config.js';
import { start, type Running } from '../src/server.js';
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
import { configOrExit, loadScriptConfig } from '../src/script-config.js';
import { sampleShop } from './sample-data.js';

const DATA_DIR = path.resolve('data');
const CREDENTIALS = path.join(DATA_DIR, 'demo-credentials.json');
/** Always its own file: the demo writes sample orders, which must never land in a real database. */
const url = `file:${path.join(DATA_DIR, 'demo.db')}`;
// The demo's own database, whatever DATABASE_URL says; the rest is read by the service's rules.
const { storeTimeZone: timeZone } = configOrExit(() =>
  loadScriptConfig({ ...process.env, DATABASE_URL: url, NODE_ENV: 'development' }),
);

function credentials(): { token: string; key: string } {
  if (existsSync(CREDENTIALS)) return JSON.parse(readFileSync(CREDENTIALS, 'utf8')) as { token: string; key: string };
  mkdirSync(DATA_DIR, { recursive: true });
  const made = { token: randomBytes(18).toString('base64url'), key: randomBytes(18).toString('base64url') };
  writeFileSync(CREDENTIALS, JSON.stringify(made, null, 2), { mode: 0o600 });
  return made;
}

async function seedIfEmpty(): Promise<void> {
  const target = { provider: 'sqlite', url } as const;
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

/** Starts the service on the demo's database; a problem is one line, not a stack trace. */
async function startDemo(): Promise<Running> {
  const { token, key } = credentials();
  const port = process.env.PORT || '3000';
  try {
    await seedIfEmpty();
    return await start({
      ...process.env,
      // A demo on local sample data: production's rules (https webhooks, long secrets) don't apply.
      NODE_ENV: 'development',
      PORT: port,
      DATABASE_URL: url,
      CONVERTEDIN_TOKEN: process.env.CONVERTEDIN_TOKEN || token,
      MERCHANT_API_KEY: process.env.MERCHANT_API_KEY || key,
    });
  } catch (error) {
    const busy = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
    console.error(
      busy
        ? `Port ${port} is already in use: stop what holds it, or set PORT, e.g. PORT=3001 npm run demo.`
        : (error as Error).message,
    );
    process.exit(busy ? 1 : error instanceof ConfigError ? 78 : 1);
  }
}

if (process.env.DATABASE_URL)
  console.log(`The demo ignores DATABASE_URL and keeps its data in ${url.slice('file:'.length)}.`);
const running = await startDemo();
const address = running.server.address();
const base = `http://localhost:${typeof address === 'object' && address ? address.port : running.config.port}`;
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
