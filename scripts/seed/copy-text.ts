import { columnList, type Cell, type ColumnType, type Table } from '../../src/db/table.js';

/**
 * Rows in COPY's text format, from a table's declaration: tab-separated, `\N` for null,
 * backslash escapes. This runs for millions of rows, so each table's encoders are picked once
 * and a line is one pass over them.
 */

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;

const NULL = '\\N';
const text = (value: string) => (SPECIAL.test(value) ? value.replace(SPECIALS, (char) => ESCAPES[char]!) : value);

type Value<Row> = (row: Row, now: Date) => Cell;

/**
 * One cell's text, by a closure per column that tests for null itself, so a cell costs one call.
 * PostgreSQL reads an instant with a Z into a timestamp column as that UTC time.
 */
function cell<Row>(type: ColumnType, value: Value<Row>, now: Date): (row: Row) => string {
  switch (type) {
    case 'text':
      return (row) => {
        const v = value(row, now);
        return v === null ? NULL : text(v as string);
      };
    case 'boolean':
      return (row) => {
        const v = value(row, now);
        return v === null ? NULL : v ? 't' : 'f';
      };
    case 'integer':
    case 'bigint':
      return (row) => {
        const v = value(row, now);
        return v === null ? NULL : String(v);
      };
    case 'instant': {
      // Every row of a load carries the same bookkeeping time; format it once.
      const stamp = now.toISOString();
      return (row) => {
        const v = value(row, now);
        return v === null ? NULL : v === now ? stamp : (v as Date).toISOString();
      };
    }
  }
}

export type CopyLine<Row> = (row: Row) => string;

export function copyLine<Row>(table: Table<Row>, now: Date): CopyLine<Row> {
  const cells = table.columns.map(({ type, value }) => cell(type, value, now));
  return (row) => {
    let line = cells[0]!(row);
    for (let i = 1; i < cells.length; i++) line += '\t' + cells[i]!(row);
    return line + '\n';
  };
}

export function copyText<Row>(line: CopyLine<Row>, rows: readonly Row[]): string {
  let out = '';
  for (const row of rows) out += line(row);
  return out;
}

export const copyStatement = (table: Table<unknown>) =>
  `COPY "${table.name}" (${columnList(table)}) FROM STDIN WITH (FREEZE)`;
