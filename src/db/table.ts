/**
 * A table's columns, declared once: each column's name, what it holds and how a row gives its
 * value. The bulk upsert (bulk.ts), the seed's COPY text and prepared statements and the bench's
 * baseline all derive their column lists, value lists and types from it, so no two of them can
 * disagree about which value goes in which position.
 */
export type Cell = string | number | bigint | boolean | Date | null;

export type ColumnType = 'text' | 'boolean' | 'integer' | 'bigint' | 'instant';

/** PostgreSQL's name for each type, which it needs to read a value out of JSON or an array. */
export const PG_TYPES: Record<ColumnType, string> = {
  text: 'text',
  boolean: 'boolean',
  integer: 'integer',
  bigint: 'bigint',
  instant: 'timestamp(3)',
};

export interface Column<Row> {
  name: string;
  type: ColumnType;
  /** `now` is the time of the write, for the bookkeeping columns. */
  value(row: Row, now: Date): Cell;
}

export interface Table<Row> {
  name: string;
  columns: ReadonlyArray<Column<Row>>;
  /** The unique column an upsert matches on; a table without one is only ever inserted into. */
  key?: string;
}

/** Columns in the order given; each maps its name to its type and the value a row gives it. */
export function defineTable<Row>(
  name: string,
  columns: Record<string, readonly [ColumnType, Column<Row>['value']]>,
  options: { key?: string } = {},
): Table<Row> {
  return {
    name,
    columns: Object.entries(columns).map(([column, [type, value]]) => ({ name: column, type, value })),
    ...options,
  };
}

export const columnList = (table: Table<unknown>) => table.columns.map(({ name }) => `"${name}"`).join(', ');

export const insertInto = (table: Table<unknown>) => `INSERT INTO "${table.name}" (${columnList(table)}) `;

/**
 * The upsert's update: every column but the key and `created_at`, which records the insert.
 * The record is updated in place, so it keeps its seq and with it its place in the feed.
 */
export function onConflictUpdate(table: Table<unknown>): string {
  if (table.key === undefined) throw new Error(`table ${table.name} has no key to upsert on`);
  const set = table.columns
    .filter(({ name }) => name !== table.key && name !== 'created_at')
    .map(({ name }) => `"${name}" = excluded."${name}"`);
  return ` ON CONFLICT ("${table.key}") DO UPDATE SET ${set.join(', ')}`;
}

/** Instants as ISO 8601 with +00:00, the form Prisma itself stores in SQLite. */
export const sqliteInstant = (date: Date) => date.toISOString().replace('Z', '+00:00');

/** A row's values as better-sqlite3 binds them: flags as 0/1, instants as Prisma's text. */
export function sqliteValues<Row>(table: Table<Row>, now: Date): (row: Row) => unknown[] {
  const bind = table.columns.map(({ type, value }) => {
    if (type === 'boolean') return (row: Row) => asSqlite(value(row, now), (flag) => (flag ? 1 : 0));
    if (type === 'instant') return (row: Row) => asSqlite(value(row, now), (date) => sqliteInstant(date as Date));
    return (row: Row) => value(row, now);
  });
  return (row) => bind.map((cell) => cell(row));
}

const asSqlite = (value: Cell, convert: (value: Cell) => unknown) => (value === null ? null : convert(value));
