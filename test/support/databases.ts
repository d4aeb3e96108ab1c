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

/** Each test run has its own template, so runs from several checkouts can share one server. */
export interface Template {
  provider: Provider;
  name: string;
}

const sqliteTemplateFile = (template: Template) => path.join(SQLITE_DIR, `${template.name}.db`);

function postgresServerUrl(): string {
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

const uniqueName = (prefix: string) => `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 16)}`;

export async function prepareTemplate(provider: Provider): Promise<Template> {
  const template = { provider, name: uniqueName('tpl') };
  if (provider === 'sqlite') {
    mkdirSync(SQLITE_DIR, { recursive: true });
    await migrate({ provider, url: `file:${sqliteTemplateFile(template)}` });
  } else {
    await adminQuery(`CREATE DATABASE ${template.name}`);
    await migrate({ provider, url: withDatabase(postgresServerUrl(), template.name) });
  }
  return template;
}

export async function dropTemplate(template: Template): Promise<void> {
  if (template.provider === 'sqlite') rmSync(sqliteTemplateFile(template), { force: true });
  else await adminQuery(`DROP DATABASE IF EXISTS ${template.name} WITH (FORCE)`);
}

export interface TestDatabase {
  target: DatabaseTarget;
  drop(): Promise<void>;
}

export async function cloneTemplate(template: Template): Promise<TestDatabase> {
  const { provider } = template;
  const name = uniqueName('t');
  if (provider === 'sqlite') {
    const file = path.join(SQLITE_DIR, `${name}.db`);
    copyFileSync(sqliteTemplateFile(template), file);
    return {
      target: { provider, url: `file:${file}` },
      drop: async () => {
        for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
      },
    };
  }
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${template.name}`);
  return {
    target: { provider, url: withDatabase(postgresServerUrl(), name) },
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
