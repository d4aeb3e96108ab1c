import { afterEach, expect, inject } from 'vitest';
import request from 'supertest';
import type { Express } from 'express';
import { buildApp, type AppDeps } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { openDb, type Db } from '../../src/db/client.js';
import { createOutbox } from '../../src/webhooks/outbox.js';
import { cloneTemplate, type TestDatabase } from './databases.js';
import type { EntityInput } from './factories.js';

export const FEED_TOKEN = 'feed-token-for-tests-0001';
export const MERCHANT_KEY = 'merchant-key-for-tests-0001';

export interface TestApp {
  app: Express;
  db: Db;
  config: Config;
  provider: Config['database']['provider'];
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/** A fresh migrated database of the project's provider, dropped after the test. */
export async function testDatabase(): Promise<TestDatabase> {
  const database = await cloneTemplate(inject('template'));
  cleanups.push(() => database.drop());
  return database;
}

/** A fresh database of the project's provider, migrated, behind a fresh app (silent unless a test logs). */
export async function testApp(
  env: Record<string, string> = {},
  deps: Pick<AppDeps, 'logger' | 'metrics'> = {},
): Promise<TestApp> {
  const database = await testDatabase();
  const config = loadConfig({
    DATABASE_URL: database.target.url,
    CONVERTEDIN_TOKEN: FEED_TOKEN,
    MERCHANT_API_KEY: MERCHANT_KEY,
    LOG_LEVEL: 'silent',
    ...env,
  });
  const db = await openDb(config.database, {}, createOutbox(config.webhooks));
  cleanups.push(() => db.close());
  return { app: buildApp({ db, config, ...deps }), db, config, provider: config.database.provider };
}

/** Whatever supertest can call: an app, or a listening server. */
type Target = Parameters<typeof request>[0];

/** PUT /api/<entity> with the merchant key; asserts nothing, for tests about the answer itself. */
export function pushBulk(app: Target, entity: string, docs: unknown[]) {
  return request(app)
    .put(`/api/${entity}`)
    .set('Authorization', MERCHANT_KEY)
    .send({ [entity]: docs });
}

/**
 * A push that arranges a test's data: it fails right here, showing the answer, unless the
 * documents were accepted, so a refused setup is reported as itself rather than as a wrong
 * feed later on.
 */
export async function arrangePush<E extends keyof EntityInput>(app: Target, entity: E, docs: Array<EntityInput[E]>) {
  const res = await pushBulk(app, entity, docs);
  const answer = `arranging ${docs.length} ${entity}: PUT /api/${entity} answered ${res.status} ${JSON.stringify(res.body).slice(0, 2000)}`;
  expect(res.status, answer).toBe(200);
  return res;
}

/** A merchant API call with the key set; asserts nothing. */
export function merchant(app: Express) {
  const withKey = (req: request.Test) => req.set('Authorization', MERCHANT_KEY);
  return {
    get: (path: string) => withKey(request(app).get(path)),
    post: (path: string, body: unknown) => withKey(request(app).post(path)).send(body as object),
    put: (path: string, body: unknown) => withKey(request(app).put(path)).send(body as object),
    delete: (path: string) => withKey(request(app).delete(path)),
  };
}
