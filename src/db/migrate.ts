import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { sqliteFilePath, type DatabaseTarget } from './target.js';

/**
 * Applies the committed migrations in prisma/<provider>/migrations, in name order, each in its
 * own transaction together with its row in Prisma's `_prisma_migrations` table, so the Prisma
 * CLI sees the same history. We run them ourselves because Prisma 6.19's WebAssembly schema
 * engine cannot read PostgreSQL's catalog through the pg adapter (prisma/orm#27403).
 */

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

/** The folder holding package.json, found from this file whether it runs from src/ or dist/. */
export function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new MigrationError('cannot find the project folder (package.json)');
    dir = parent;
  }
  return dir;
}

function migrationsDir(provider: DatabaseTarget['provider']): string {
  return path.join(projectRoot(), 'prisma', provider, 'migrations');
}

export function readMigrations(provider: DatabaseTarget['provider']): Migration[] {
  const dir = migrationsDir(provider);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

class MigrationError extends Error {
  override name = 'MigrationError';
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
}

function plan(migrations: Migration[], applied: AppliedRow[]): Migration[] {
  const byName = new Map(applied.map((row) => [row.migration_name, row.checksum]));
  for (const m of migrations) {
    const checksum = byName.get(m.name);
    if (checksum !== undefined && checksum !== m.checksum) {
      throw new MigrationError(`migration ${m.name} was changed after it was applied; add a new migration instead`);
    }
  }
  return migrations.filter((m) => !byName.has(m.name));
}

const SQLITE_HISTORY = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`;

const PG_HISTORY = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`;

/** Arbitrary constant naming this service's migration lock among PostgreSQL advisory locks. */
const PG_LOCK_KEY = 727_001;

async function migrateSqlite(url: string, migrations: Migration[]): Promise<string[]> {
  const db = new Database(sqliteFilePath(url), { timeout: 10_000 });
  try {
    db.exec(SQLITE_HISTORY);
    const appliedNow: string[] = [];
    // BEGIN IMMEDIATE takes the write lock first, so two processes cannot apply the same step.
    const applyPending = db.transaction(() => {
      const applied = db
        .prepare('SELECT migration_name, checksum FROM _prisma_migrations WHERE rolled_back_at IS NULL')
        .all() as AppliedRow[];
      for (const m of plan(migrations, applied)) {
        db.exec(m.sql);
        db.prepare(
          `INSERT INTO _prisma_migrations (id, checksum, migration_name, finished_at, applied_steps_count)
           VALUES (?, ?, ?, current_timestamp, 1)`,
        ).run(randomUUID(), m.checksum, m.name);
        appliedNow.push(m.name);
      }
    });
    applyPending.immediate();
    return appliedNow;
  } finally {
    db.close();
  }
}

async function migratePostgres(url: string, migrations: Migration[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query(PG_HISTORY);
    await client.query('BEGIN');
    // Held until COMMIT: a second instance starting at the same moment waits, then finds nothing to do.
    await client.query('SELECT pg_advisory_xact_lock($1)', [PG_LOCK_KEY]);
    const { rows } = await client.query<AppliedRow>(
      'SELECT migration_name, checksum FROM _prisma_migrations WHERE rolled_back_at IS NULL',
    );
    const appliedNow: string[] = [];
    for (const m of plan(migrations, rows)) {
      await client.query(m.sql);
      await client.query(
        `INSERT INTO _prisma_migrations (id, checksum, migration_name, finished_at, applied_steps_count)
         VALUES ($1, $2, $3, now(), 1)`,
        [randomUUID(), m.checksum, m.name],
      );
      appliedNow.push(m.name);
    }
    await client.query('COMMIT');
    return appliedNow;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/** Applies what is pending and returns the names applied now. */
export async function migrate(target: DatabaseTarget): Promise<string[]> {
  const migrations = readMigrations(target.provider);
  switch (target.provider) {
    case 'sqlite':
      return migrateSqlite(target.url, migrations);
    case 'postgresql':
      return migratePostgres(target.url, migrations);
  }
}
