import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { migrate } from '../../src/db/migrate.js';
import type { DatabaseTarget, Provider } from '../../src/db/target.js';

/**
 * Test databases are cloned from a template that global setup migrates once: a file copy for
 * SQLite, CREATE DATABASE ... TEMPLATE for PostgreSQL. Each test gets its own clone, so no
 * test sees another's rows.
 */

const SQLITE_DIR = path.join(tmpdir(), 'convertedin-feed-tests');
const SQLITE_TEMPLATE = path.join(SQLITE_DIR, 'template.db');
const PG_TEMPLATE = 'convertedin_feed_test_template';

export function postgresServerUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  return url;
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresServerUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function prepareTemplate(provider: Provider): Promise<void> {
  if (provider === 'sqlite') {
    mkdirSync(SQLITE_DIR, { recursive: true });
    rmSync(SQLITE_TEMPLATE, { force: true });
    await migrate({ provider, url: `file:${SQLITE_TEMPLATE}` });
    return;
  }
  await adminQuery(`DROP DATABASE IF EXISTS ${PG_TEMPLATE} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${PG_TEMPLATE}`);
  await migrate({ provider, url: withDatabase(postgresServerUrl(), PG_TEMPLATE) });
}

export interface TestDatabase {
  target: DatabaseTarget;
  drop(): Promise<void>;
}

export async function cloneTemplate(provider: Provider): Promise<TestDatabase> {
  const name = `t_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  if (provider === 'sqlite') {
    const file = path.join(SQLITE_DIR, `${name}.db`);
    copyFileSync(SQLITE_TEMPLATE, file);
    return {
      target: { provider, url: `file:${file}` },
      drop: async () => {
        for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
      },
    };
  }
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${PG_TEMPLATE}`);
  return {
    target: { provider, url: withDatabase(postgresServerUrl(), name) },
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
