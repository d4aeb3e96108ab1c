import Database from 'better-sqlite3';
import pg from 'pg';

/**
 * Plain SQL reads straight through the driver, for the feed's hot path only: there Prisma's
 * query building and result mapping cost several times what the queries themselves do (see
 * the README's performance section). Writes stay with Prisma.
 *
 * One tagged template serves both providers: values become `$n` for PostgreSQL and `?` for
 * SQLite, and an array becomes a list of them, for `IN (${keys})`. Rows come back as the driver
 * gives them: PostgreSQL's bigints as bigint and timestamps as Date; SQLite's integers as
 * number, booleans as 0/1 and instants as ISO text; the `as*` helpers below even them out.
 */
type SqlValue = string | number | bigint | boolean | null | ReadonlyArray<string | number>;

export interface SqlReader {
  <T = Record<string, unknown>>(strings: TemplateStringsArray, ...values: SqlValue[]): Promise<T[]>;
  close(): Promise<void>;
}

function compile(strings: TemplateStringsArray, values: SqlValue[], placeholder: (n: number) => string) {
  const params: unknown[] = [];
  let text = strings[0]!;
  values.forEach((value, i) => {
    const one = (v: unknown) => {
      params.push(v);
      return placeholder(params.length);
    };
    text += (Array.isArray(value) ? value.map(one).join(', ') : one(value)) + strings[i + 1]!;
  });
  return { text, params };
}

const TIMESTAMP_OID = 1114;
const INT8_OID = 20;

/** Reads over an existing pool (Prisma's), with type parsers of its own for these queries. */
export function postgresReader(connections: pg.Pool): SqlReader {
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
      // Prisma writes instants as UTC into `timestamp` columns; read them back as UTC.
      if (oid === TIMESTAMP_OID) return (text: string) => new Date(`${text.replace(' ', 'T')}Z`);
      if (oid === INT8_OID) return (text: string) => BigInt(text);
      return pg.types.getTypeParser(oid, format);
    }) as typeof pg.types.getTypeParser,
  };
  const reader = async <T>(strings: TemplateStringsArray, ...values: SqlValue[]) => {
    const { text, params } = compile(strings, values, (n) => `$${n}`);
    return (await connections.query({ text, values: params, types })).rows as T[];
  };
  // The pool belongs to the Prisma client, which ends it.
  return Object.assign(reader, { close: async () => undefined });
}

export function sqliteReader(file: string): SqlReader {
  const db = new Database(file, { readonly: true, timeout: 5_000 });
  const statements = new Map<string, Database.Statement>();
  const reader = async <T>(strings: TemplateStringsArray, ...values: SqlValue[]) => {
    const { text, params } = compile(strings, values, () => '?');
    let statement = statements.get(text);
    if (!statement) {
      statement = db.prepare(text);
      // Statements with long IN lists vary in text; keep the cache from growing without bound.
      if (statements.size > 200) statements.clear();
      statements.set(text, statement);
    }
    const bound = params.map((p) => (typeof p === 'boolean' ? Number(p) : p));
    return statement.all(...bound) as T[];
  };
  return Object.assign(reader, {
    close: async () => {
      db.close();
    },
  });
}

export const asBigInt = (value: unknown): bigint => (typeof value === 'bigint' ? value : BigInt(value as number));
export const asBoolean = (value: unknown): boolean => value === true || value === 1 || value === 1n;
export const asDate = (value: unknown): Date => (value instanceof Date ? value : new Date(value as string));
export const asNumber = (value: unknown): number => Number(value);
export const asText = (value: unknown): string | null => (value === null ? null : (value as string));
