import { chunks } from '../shared/chunks.js';
import type { Tx } from './client.js';
import { insertInto, onConflictUpdate, PG_TYPES, sqliteInstant, type Cell, type Table } from './table.js';

/**
 * Multi-row writes in raw SQL inside the caller's transaction, the same text for SQLite and
 * PostgreSQL. At 1000 documents a call, Prisma's createMany and per-row update spent several
 * times the database's own work building statements in its query compiler; a raw statement
 * skips that. Table and column names are constants of the callers, never input.
 */

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

/** Instants in the form Prisma stores in SQLite (PostgreSQL reads it too); bigints as text. */
function rowsJson<Row>(table: Table<Row>, rows: readonly Row[], now: Date): string {
  const cell = (value: Cell) =>
    value instanceof Date ? sqliteInstant(value) : typeof value === 'bigint' ? value.toString() : value;
  return JSON.stringify(rows.map((row) => table.columns.map(({ value }) => cell(value(row, now)))));
}

const ROWS_PER_STATEMENT = 5_000;

/**
 * Inserts rows in order. In a table declared with a key, a row whose key is stored updates
 * that record in place instead, so it keeps its seq and with it its place in the feed.
 *
 * The rows travel as one JSON parameter that the database takes apart itself. Bound one value
 * each, a thousand orders are twenty thousand parameters, and Prisma spent ten times longer
 * converting them than the database spent inserting. On PostgreSQL the text is read as jsonb:
 * parsed once, where json's `->>` reads each row's text again for every column (a thousand
 * orders went in 17 to 25 ms instead of 35 to 38).
 */
export async function insertRows<Row>(tx: Tx, table: Table<Row>, rows: readonly Row[], now: Date): Promise<void> {
  // WHERE true: SQLite would otherwise read the upsert's ON as part of the SELECT.
  const select =
    providerOf(tx) === 'postgresql'
      ? `SELECT ${table.columns.map(({ type }, i) => `(r->>${i})::${PG_TYPES[type]}`).join(', ')}
         FROM jsonb_array_elements(CAST($1 AS jsonb)) WITH ORDINALITY AS e(r, n) WHERE true ORDER BY n`
      : `SELECT ${table.columns.map((_, i) => `value ->> ${i}`).join(', ')} FROM json_each(?) WHERE true ORDER BY key`;
  const statement = insertInto(table) + select + (table.key === undefined ? '' : onConflictUpdate(table));
  for (const part of chunks(rows, ROWS_PER_STATEMENT)) {
    await tx.$executeRawUnsafe(statement, rowsJson(table, part, now));
  }
}

/**
 * `IN` over the strings of one JSON array parameter: a thousand keys bound one value each cost
 * Prisma more to convert than the lookup cost the database.
 */
const inJsonList = (tx: Tx) =>
  providerOf(tx) === 'postgresql'
    ? 'IN (SELECT jsonb_array_elements_text(CAST($1 AS jsonb)))'
    : 'IN (SELECT value FROM json_each(?))';

/** A stored record's fingerprint, with the columns an upsert asked for besides. */
export type StoredHash<C extends string> = { doc_hash: string } & Record<C, unknown>;

/**
 * The fingerprint of each of `keys` that `table` holds, by key, so an upsert can skip the
 * documents that change nothing; `also` names columns it needs besides (the stored fields a
 * document is merged into, say).
 */
export async function storedHashes<C extends string = never>(
  tx: Tx,
  table: string,
  keys: readonly string[],
  also: readonly C[] = [],
): Promise<Map<string, StoredHash<C>>> {
  const statement = `SELECT ${quoted(['key', 'doc_hash', ...also])} FROM "${table}" WHERE "key" ${inJsonList(tx)}`;
  const stored = new Map<string, StoredHash<C>>();
  for (const part of chunks([...new Set(keys)], ROWS_PER_STATEMENT)) {
    const rows = await tx.$queryRawUnsafe<Array<StoredHash<C> & { key: string }>>(statement, JSON.stringify(part));
    for (const row of rows) stored.set(row.key, row);
  }
  return stored;
}

export async function deleteWhereIn(tx: Tx, table: string, column: string, values: readonly string[]): Promise<void> {
  const statement = `DELETE FROM "${table}" WHERE "${column}" ${inJsonList(tx)}`;
  for (const part of chunks(values, ROWS_PER_STATEMENT)) await tx.$executeRawUnsafe(statement, JSON.stringify(part));
}
