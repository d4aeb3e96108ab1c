import { join, raw, sqltag as sql } from '@prisma/client/runtime/client';
import { chunks } from '../shared/chunks.js';
import type { Tx } from './client.js';

/**
 * Multi-row writes in raw SQL inside the caller's transaction, the same text for SQLite and
 * PostgreSQL. At 1000 documents a call, Prisma's createMany and per-row update spent several
 * times the database's own work building statements in its query compiler; a raw statement
 * skips that. Table and column names are constants of the callers, never input.
 */
export type Cell = string | number | bigint | boolean | Date | null;

/** A column's name and its PostgreSQL type, which PostgreSQL needs to read it from JSON. */
export type Column = readonly [name: string, pgType: string];

const quoted = (names: readonly string[]) => names.map((name) => `"${name}"`).join(', ');

/**
 * Which provider the transaction talks to. Prisma keeps it on the client but not in its typed
 * API; the Prisma version is pinned, and every write test would fail if this went away.
 */
function providerOf(tx: Tx): 'postgresql' | 'sqlite' {
  const provider = (tx as unknown as { _activeProvider?: string })._activeProvider;
  if (provider === 'postgresql' || provider === 'sqlite') return provider;
  throw new Error(`unexpected database provider: ${String(provider)}`);
}

/** Instants as ISO 8601 with +00:00, the form Prisma itself stores in SQLite; bigints as text. */
function rowsJson(rows: Cell[][]): string {
  const cell = (value: Cell) =>
    value instanceof Date
      ? value.toISOString().replace('Z', '+00:00')
      : typeof value === 'bigint'
        ? value.toString()
        : value;
  return JSON.stringify(rows.map((row) => row.map(cell)));
}

const ROWS_PER_STATEMENT = 5_000;

/**
 * Inserts rows in order; with `upsert`, a row whose key exists updates the listed columns in
 * place instead, so the record keeps its seq and with it its place in the feed.
 *
 * The rows travel as one JSON parameter that the database takes apart itself. Bound one value
 * each, a thousand orders are twenty thousand parameters, and Prisma spent ten times longer
 * converting them than the database spent inserting.
 */
export async function insertRows(
  tx: Tx,
  table: string,
  columns: readonly Column[],
  rows: Cell[][],
  upsert?: { key: string; update: readonly string[] },
): Promise<void> {
  const into = `INSERT INTO "${table}" (${quoted(columns.map(([name]) => name))}) `;
  // WHERE true: SQLite would otherwise read the upsert's ON as part of the SELECT.
  const select =
    providerOf(tx) === 'postgresql'
      ? `SELECT ${columns.map(([, type], i) => `(r->>${i})::${type}`).join(', ')}
         FROM json_array_elements(CAST($1 AS json)) WITH ORDINALITY AS e(r, n) WHERE true ORDER BY n`
      : `SELECT ${columns.map((_, i) => `value ->> ${i}`).join(', ')} FROM json_each(?) WHERE true ORDER BY key`;
  const conflict = upsert
    ? ` ON CONFLICT ("${upsert.key}") DO UPDATE SET ${upsert.update.map((c) => `"${c}" = excluded."${c}"`).join(', ')}`
    : '';
  for (const part of chunks(rows, ROWS_PER_STATEMENT)) {
    await tx.$executeRawUnsafe(into + select + conflict, rowsJson(part));
  }
}

/** Rows of `table` whose `column` is one of `values`, in chunks. */
export async function selectWhereIn<T>(
  tx: Tx,
  columns: readonly string[],
  table: string,
  column: string,
  values: readonly string[],
): Promise<T[]> {
  const out: T[] = [];
  for (const part of chunks(values)) {
    out.push(
      ...(await tx.$queryRaw<T[]>(
        sql`SELECT ${raw(quoted(columns))} FROM ${raw(`"${table}"`)} WHERE ${raw(`"${column}"`)} IN (${join(part)})`,
      )),
    );
  }
  return out;
}

export async function deleteWhereIn(tx: Tx, table: string, column: string, values: readonly string[]): Promise<void> {
  for (const part of chunks(values)) {
    await tx.$executeRaw(sql`DELETE FROM ${raw(`"${table}"`)} WHERE ${raw(`"${column}"`)} IN (${join(part)})`);
  }
}
