import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDb, type Db } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { FEED_TOKEN, MERCHANT_KEY, arrangePush, testApp } from './support/app.js';
import { buildCustomer, buildOrder } from './support/factories.js';
import { crawl } from './support/feed.js';

const opened: Db[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The service on a SQLite file of its own, whatever provider this test run is for. */
async function sqliteApp(): Promise<Express> {
  const dir = mkdtempSync(path.join(tmpdir(), 'feed-move-'));
  dirs.push(dir);
  const config = loadConfig({
    DATABASE_URL: `file:${path.join(dir, 'feed.db')}`,
    CONVERTEDIN_TOKEN: FEED_TOKEN,
    MERCHANT_API_KEY: MERCHANT_KEY,
    LOG_LEVEL: 'silent',
  });
  await migrate(config.database);
  const db = await openDb(config.database);
  opened.push(db);
  return buildApp({ db, config });
}

/** The copy loop of docs/operations.md: every page of the old instance's documents, pushed to the new one. */
async function copy(from: Express, to: Express, limit: number): Promise<void> {
  for (const entity of ['customers', 'orders'] as const) {
    for (let page = 1; ; page++) {
      const docs = await request(from)
        .get(`/api/${entity}?page=${page}&limit=${limit}`)
        .set('Authorization', MERCHANT_KEY)
        .expect(200);
      if (docs.body.length === 0) break;
      await arrangePush(to, entity, docs.body);
    }
  }
}

describe('Moving from SQLite to PostgreSQL', () => {
  it('When the documented copy loop moves a shop, then the new instance serves the same feeds and documents', async () => {
    const old = await sqliteApp();
    // PostgreSQL when the run has one, so the move tested is the one docs/operations.md describes.
    const { app: fresh } = await testApp();
    await arrangePush(old, 'customers', [
      buildCustomer({ id: 7, first_name: 'محمد', addresses: [{ type: 'billing', city: 'Cairo', country: 'EG' }] }),
      buildCustomer({ id: 'C-2', gender: 'unknown', phone: null }),
    ]);
    await arrangePush(old, 'orders', [
      buildOrder({ customer: { id: 7 }, financial_status: 'successful', total_price: '1234.567' }),
      buildOrder({ contact_email: 'guest@example.com', currency: 'KWD' }),
      ...Array.from({ length: 20 }, (_, i) =>
        buildOrder({
          customer: { id: i % 2 ? 7 : 'C-2' },
          line_items: [
            { product_id: 'SKU-1', quantity: 1, price: '10.5', properties: [{ engraving: 'N' }] },
            { product_id: i, quantity: 3, price: 2 },
          ],
          fulfillments: [{ status: 'shipped', carrier: 'Aramex', trackingNumbers: [`T${i}`] }],
        }),
      ),
    ]);

    await copy(old, fresh, 7);

    for (const entity of ['orders', 'customers']) {
      expect(await crawl(fresh, entity, 5)).toEqual(await crawl(old, entity, 5));
      const list = (app: Express) => request(app).get(`/api/${entity}?limit=1000`).set('Authorization', MERCHANT_KEY);
      expect((await list(fresh)).body).toEqual((await list(old)).body);
    }
  });
});
