import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDb } from '../src/db/client.js';
import { readMigrations } from '../src/db/migrate.js';
import { FEED_TOKEN, MERCHANT_KEY, testApp } from './support/app.js';

describe('GET /health and GET /ready', () => {
  it('When the database is migrated and reachable, then both answer 200', async () => {
    const { app } = await testApp();

    const health = await request(app).get('/health');
    const ready = await request(app).get('/ready');

    expect([health.status, health.body]).toEqual([200, { status: 'ok' }]);
    expect([ready.status, ready.body]).toEqual([200, { status: 'ready' }]);
  });

  it('When a migration of this build is not applied, then /ready is 503 naming it while /health stays 200', async () => {
    const { app, db } = await testApp();
    const last = readMigrations(db.provider).at(-1)!.name;
    await db.write.$executeRawUnsafe(`DELETE FROM _prisma_migrations WHERE migration_name = '${last}'`);

    const ready = await request(app).get('/ready');
    const health = await request(app).get('/health');

    expect(ready.status).toBe(503);
    expect(ready.headers['retry-after']).toBe('5');
    expect(ready.body).toEqual({ status: 'unavailable', reason: `migrations pending: ${last}` });
    expect(health.status).toBe(200);
  });

  it('When the database was never migrated, then /ready is 503', async () => {
    const { app, db } = await testApp();
    await db.write.$executeRawUnsafe('DROP TABLE _prisma_migrations');

    const ready = await request(app).get('/ready');

    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({ status: 'unavailable', reason: 'migrations not applied' });
  });

  it('When the database cannot be reached, then /ready is 503 and /health is 200', async () => {
    const config = loadConfig({
      DATABASE_URL: 'postgresql://nobody@127.0.0.1:9/none',
      CONVERTEDIN_TOKEN: FEED_TOKEN,
      MERCHANT_API_KEY: MERCHANT_KEY,
      LOG_LEVEL: 'silent',
    });
    const db = await openDb(config.database, { connectTimeoutMs: 1000 });
    const app = buildApp({ db, config });
    try {
      const ready = await request(app).get('/ready');
      const health = await request(app).get('/health');

      expect(ready.status).toBe(503);
      expect(ready.body).toEqual({ status: 'unavailable', reason: 'database unreachable' });
      expect(health.status).toBe(200);
    } finally {
      await db.close();
    }
  });
});
