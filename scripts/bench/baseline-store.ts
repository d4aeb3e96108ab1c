/**
 * The baseline's queries, straight through the driver. Ingestion writes the same columns as
 * the service, from the same table declarations, as plain upserts: no fingerprints, no merge,
 * no reads first.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { CUSTOMERS, type CustomerRow } from '../../src/customers/customers.table.js';
import { insertInto, onConflictUpdate, PG_TYPES, sqliteValues, type Cell, type Table } from '../../src/db/table.js';
import { sqliteFilePath } from '../../src/db/target.js';
import { LINE_ITEMS, ORDERS, type LineItemRow, type OrderRow } from '../../src/orders/orders.table.js';

export type Row = Record<string, unknown>;

export interface Store {
  orders(after: number, limit: number): Promise<{ orders: Row[]; items: Row[] }>;
  customers(after: number, limit: number): Promise<{ customers: Row[]; sums: Row[] }>;
  ingest(orders: OrderRow[], items: LineItemRow[], customers: CustomerRow[]): Promise<void>;
}

/** What a feed page shows of an order, its customer's id included. */
const FEED_COLUMNS = `key, key_is_number, ordered_at, total_price, subtotal_price, total_tax, total_discounts,
  taxes_included, currency, country_code, financial_status, phone, customer_locale, contact_email, customer_key,
  customer_key_is_number`;

/** Rows as one array per column, which PostgreSQL unnests back into rows. */
function unnest<R>(table: Table<R>, rows: readonly R[], now: Date) {
  // Instants as ISO text: PostgreSQL reads the Z of a timestamp as UTC, the driver would send local time.
  const cell = (value: Cell) =>
    value instanceof Date ? value.toISOString() : typeof value === 'bigint' ? value.toString() : value;
  const types = table.columns.map(({ type }, i) => `$${i + 1}::${PG_TYPES[type]}[]`);
  return {
    text: `${insertInto(table)}SELECT * FROM unnest(${types.join(', ')})`,
    values: table.columns.map(({ value }) => rows.map((row) => cell(value(row, now)))),
  };
}

export function postgresStore(url: string): Store {
  pg.types.setTypeParser(1114, (text) => new Date(`${text}Z`));
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const q = async (sql: string, values: unknown[]) => (await pool.query(sql, values)).rows as Row[];
  return {
    async orders(after, limit) {
      const orders = await q(`SELECT ${FEED_COLUMNS} FROM orders WHERE seq > $1 ORDER BY seq LIMIT $2`, [after, limit]);
      const items = await q(
        'SELECT order_key, product_id, product_id_is_number, quantity, price FROM line_items WHERE order_key = ANY($1)',
        [orders.map((o) => o.key)],
      );
      return { orders, items };
    },
    async customers(after, limit) {
      const customers = await q('SELECT * FROM customers WHERE seq > $1 ORDER BY seq LIMIT $2', [after, limit]);
      const sums = await q(
        `SELECT customer_key, count(*)::int AS n, sum(total_price)::text AS spent FROM orders
         WHERE customer_key = ANY($1) AND financial_status = 'successful' GROUP BY customer_key`,
        [customers.map((c) => c.key)],
      );
      return { customers, sums };
    },
    async ingest(orders, items, customers) {
      const now = new Date();
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const upsert = async <R>(table: Table<R>, rows: R[]) => {
          const { text, values } = unnest(table, rows, now);
          await client.query(text + onConflictUpdate(table), values);
        };
        await upsert(CUSTOMERS, customers);
        await upsert(ORDERS, orders);
        await client.query('DELETE FROM line_items WHERE order_key = ANY($1)', [orders.map((o) => o.key)]);
        const insert = unnest(LINE_ITEMS, items, now);
        await client.query(insert.text, insert.values);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

export function sqliteStore(url: string): Store {
  const db = new Database(sqliteFilePath(url), { timeout: 5_000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const orders = db.prepare(`SELECT ${FEED_COLUMNS} FROM orders WHERE seq > ? ORDER BY seq LIMIT ?`);
  const items = db.prepare(
    `SELECT order_key, product_id, product_id_is_number, quantity, price FROM line_items
     WHERE order_key IN (SELECT value FROM json_each(?))`,
  );
  const customers = db.prepare('SELECT * FROM customers WHERE seq > ? ORDER BY seq LIMIT ?');
  const sums = db.prepare(
    `SELECT customer_key, count(*) AS n, sum(total_price) AS spent FROM orders
     WHERE customer_key IN (SELECT value FROM json_each(?)) AND financial_status = 'successful' GROUP BY customer_key`,
  );
  const write = <R>(table: Table<R>) => {
    const values = `VALUES (${table.columns.map(() => '?').join(', ')})`;
    const statement = db.prepare(insertInto(table) + values + (table.key ? onConflictUpdate(table) : ''));
    return (rows: R[], now: Date) => {
      const bind = sqliteValues(table, now);
      for (const row of rows) statement.run(bind(row));
    };
  };
  const [upsertCustomers, upsertOrders, insertItems] = [write(CUSTOMERS), write(ORDERS), write(LINE_ITEMS)];
  const deleteItems = db.prepare('DELETE FROM line_items WHERE order_key = ?');
  const ingest = db.transaction((os: OrderRow[], is: LineItemRow[], cs: CustomerRow[]) => {
    const now = new Date();
    upsertCustomers(cs, now);
    upsertOrders(os, now);
    for (const o of os) deleteItems.run(o.key);
    insertItems(is, now);
  });
  return {
    orders: async (after, limit) => {
      const rows = orders.all(after, limit) as Row[];
      const found = items.all(JSON.stringify(rows.map((o) => o.key))) as Row[];
      const date = (text: unknown) => new Date(text as string);
      return { orders: rows.map((o) => ({ ...o, ordered_at: date(o.ordered_at) })), items: found };
    },
    customers: async (after, limit) => {
      const rows = (customers.all(after, limit) as Row[]).map((c): Row => ({
        ...c,
        registered_at: new Date(c.registered_at as string),
      }));
      return { customers: rows, sums: sums.all(JSON.stringify(rows.map((c) => c.key))) as Row[] };
    },
    ingest: async (os, is, cs) => ingest(os, is, cs),
  };
}
