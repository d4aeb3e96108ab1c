/**
 * The benchmark's yardstick: about the least a server can do to answer the same requests.
 * node:http and the bare driver, no framework, no auth, no validation; a feed page is a keyset
 * query whose cursor comes from the page number (the benchmark's seqs are dense), and `total`
 * is handed over at start. Ingestion is plain upserts: no fingerprints, no customer merging.
 * Same JSON shape and the same money and date formatting as the service.
 */
import http from 'node:http';
import Database from 'better-sqlite3';
import pg from 'pg';
import { resolveDatabaseTarget, sqliteFilePath } from '../../src/db/target.js';
import { formatStoreDate } from '../../src/shared/dates.js';
import { shopIdToJson } from '../../src/shared/ids.js';
import { moneyToJson, parseMoney } from '../../src/shared/money.js';

type Row = Record<string, unknown>;

interface Store {
  orders(after: number, limit: number): Promise<{ orders: Row[]; items: Row[] }>;
  customers(after: number, limit: number): Promise<{ customers: Row[]; sums: Row[] }>;
  ingest(orders: Row[], items: Row[], customers: Row[]): Promise<void>;
}

const ORDER_COLUMNS = `o.key, o.key_is_number, o.ordered_at, o.total_price, o.subtotal_price, o.total_tax,
  o.total_discounts, o.taxes_included, o.currency, o.country_code, o.financial_status, o.phone, o.customer_locale,
  o.contact_email, c.key AS c_key, c.key_is_number AS c_num`;

function postgresStore(url: string): Store {
  pg.types.setTypeParser(1114, (text) => new Date(`${text}Z`));
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const q = async (sql: string, values: unknown[]) => (await pool.query(sql, values)).rows as Row[];
  return {
    async orders(after, limit) {
      const orders = await q(
        `SELECT ${ORDER_COLUMNS} FROM orders o JOIN customers c ON c.key = o.customer_key
         WHERE o.seq > $1 ORDER BY o.seq LIMIT $2`,
        [after, limit],
      );
      const items = await q(
        `SELECT order_key, product_id, product_id_is_number, quantity, price FROM line_items
         WHERE order_key = ANY($1) ORDER BY order_key, position`,
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
      const col = (rows: Row[], name: string) => rows.map((row) => row[name]);
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(
          `INSERT INTO customers (key, key_is_number, email, email_lower, first_name, last_name, phone, currency, gender,
             registered_at, doc_hash, updated_at)
           SELECT k, true, e, lower(e), f, l, p, cur, g, now(), '', now()
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
             AS t(k, e, f, l, p, cur, g)
           ON CONFLICT (key) DO UPDATE SET email = excluded.email, first_name = excluded.first_name,
             last_name = excluded.last_name, phone = excluded.phone, updated_at = now()`,
          ['key', 'email', 'first_name', 'last_name', 'phone', 'currency', 'gender'].map((n) => col(customers, n)),
        );
        await client.query(
          `INSERT INTO orders (key, key_is_number, customer_key, ordered_at, total_price, subtotal_price, total_tax,
             total_discounts, taxes_included, currency, country_code, financial_status, phone, customer_locale,
             contact_email, doc_hash, updated_at)
           SELECT k, true, ck, oa::timestamp, tp, sp, tt, td, false, cur, cc, fs, p, lc, e, '', now()
           FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[],
             $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
             AS t(k, ck, oa, tp, sp, tt, td, cur, cc, fs, p, lc, e)
           ON CONFLICT (key) DO UPDATE SET financial_status = excluded.financial_status,
             total_price = excluded.total_price, updated_at = now()`,
          [
            'key',
            'customer_key',
            'ordered_at',
            'total_price',
            'subtotal_price',
            'total_tax',
            'total_discounts',
            'currency',
            'country_code',
            'financial_status',
            'phone',
            'customer_locale',
            'contact_email',
          ].map((n) => col(orders, n)),
        );
        await client.query('DELETE FROM line_items WHERE order_key = ANY($1)', [col(orders, 'key')]);
        await client.query(
          `INSERT INTO line_items (order_key, position, product_id, product_id_is_number, quantity, price)
           SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::bool[], $5::int[], $6::bigint[])`,
          ['order_key', 'position', 'product_id', 'product_id_is_number', 'quantity', 'price'].map((n) =>
            col(items, n),
          ),
        );
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

function sqliteStore(url: string): Store {
  const db = new Database(sqliteFilePath(url), { timeout: 5_000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const orders = db.prepare(
    `SELECT ${ORDER_COLUMNS} FROM orders o JOIN customers c ON c.key = o.customer_key
     WHERE o.seq > ? ORDER BY o.seq LIMIT ?`,
  );
  const items = db.prepare(
    `SELECT order_key, product_id, product_id_is_number, quantity, price FROM line_items
     WHERE order_key IN (SELECT value FROM json_each(?)) ORDER BY order_key, position`,
  );
  const customers = db.prepare('SELECT * FROM customers WHERE seq > ? ORDER BY seq LIMIT ?');
  const sums = db.prepare(
    `SELECT customer_key, count(*) AS n, sum(total_price) AS spent FROM orders
     WHERE customer_key IN (SELECT value FROM json_each(?)) AND financial_status = 'successful' GROUP BY customer_key`,
  );
  const upsertCustomer = db.prepare(
    `INSERT INTO customers (key, key_is_number, email, email_lower, first_name, last_name, phone, currency, gender,
       registered_at, doc_hash, created_at, updated_at)
     VALUES (@key, 1, @email, lower(@email), @first_name, @last_name, @phone, @currency, @gender, @now, '', @now, @now)
     ON CONFLICT (key) DO UPDATE SET email = excluded.email, first_name = excluded.first_name,
       last_name = excluded.last_name, phone = excluded.phone, updated_at = excluded.updated_at`,
  );
  const upsertOrder = db.prepare(
    `INSERT INTO orders (key, key_is_number, customer_key, ordered_at, total_price, subtotal_price, total_tax,
       total_discounts, taxes_included, currency, country_code, financial_status, phone, customer_locale,
       contact_email, doc_hash, created_at, updated_at)
     VALUES (@key, 1, @customer_key, @ordered_at, @total_price, @subtotal_price, @total_tax, @total_discounts, 0,
       @currency, @country_code, @financial_status, @phone, @customer_locale, @contact_email, '', @now, @now)
     ON CONFLICT (key) DO UPDATE SET financial_status = excluded.financial_status,
       total_price = excluded.total_price, updated_at = excluded.updated_at`,
  );
  const deleteItems = db.prepare('DELETE FROM line_items WHERE order_key = ?');
  const insertItem = db.prepare(
    `INSERT INTO line_items (order_key, position, product_id, product_id_is_number, quantity, price)
     VALUES (@order_key, @position, @product_id, @product_id_is_number, @quantity, @price)`,
  );
  const ingest = db.transaction((os: Row[], is: Row[], cs: Row[]) => {
    const now = new Date().toISOString();
    for (const c of cs) upsertCustomer.run({ ...c, now });
    for (const o of os) {
      upsertOrder.run({ ...o, now });
      deleteItems.run(o.key);
    }
    for (const i of is) insertItem.run({ ...i, product_id_is_number: i.product_id_is_number ? 1 : 0 });
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

const timeZone = process.env.STORE_TIMEZONE ?? 'UTC';
const money = (value: unknown) => moneyToJson(BigInt(value as string | number));

function orderItem(o: Row, items: Row[]) {
  return {
    id: shopIdToJson(o.key as string, Boolean(o.key_is_number)),
    ordered_at: formatStoreDate(o.ordered_at as Date, timeZone),
    total_price: money(o.total_price),
    subtotal_price: money(o.subtotal_price),
    total_tax: money(o.total_tax),
    taxes_included: o.taxes_included ? 1 : 0,
    currency: o.currency,
    country_code: o.country_code,
    financial_status: o.financial_status,
    total_discounts: money(o.total_discounts),
    phone: o.phone ?? '',
    customer_locale: o.customer_locale,
    contact_email: o.contact_email,
    line_items: items.map((i) => ({
      product_id: shopIdToJson(i.product_id as string, Boolean(i.product_id_is_number)),
      quantity: i.quantity,
      price: money(i.price),
    })),
    customer: { id: shopIdToJson(o.c_key as string, Boolean(o.c_num)) },
  };
}

function customerItem(c: Row, sum: Row | undefined) {
  return {
    id: shopIdToJson(c.key as string, Boolean(c.key_is_number)),
    email: c.email,
    first_name: c.first_name ?? '',
    last_name: c.last_name ?? '',
    orders_count: Number(sum?.n ?? 0),
    total_spent: money(sum?.spent ?? 0),
    currency: c.currency,
    phone: c.phone,
    registered_at: formatStoreDate(c.registered_at as Date, timeZone),
    gender: c.gender,
  };
}

async function page(store: Store, entity: string, body: URLSearchParams, totals: Record<string, number>) {
  const current = Number(body.get('page') ?? 1);
  const perPage = Number(body.get('per_page') ?? 100);
  const after = (current - 1) * perPage;
  let data: unknown[];
  if (entity === 'orders') {
    const { orders, items } = await store.orders(after, perPage);
    const byOrder = new Map<unknown, Row[]>();
    for (const item of items) byOrder.set(item.order_key, [...(byOrder.get(item.order_key) ?? []), item]);
    data = orders.map((o) => orderItem(o, byOrder.get(o.key) ?? []));
  } else {
    const { customers, sums } = await store.customers(after, perPage);
    const byKey = new Map(sums.map((s) => [s.customer_key, s]));
    data = customers.map((c) => customerItem(c, byKey.get(c.key)));
  }
  const total = totals[entity]!;
  const from = data.length === 0 ? null : after + 1;
  return {
    current_page: current,
    data,
    from,
    to: from === null ? null : from + data.length - 1,
    last_page: Math.max(1, Math.ceil(total / perPage)),
    per_page: perPage,
    total,
  };
}

interface PushedOrder {
  id: number;
  customer: Row & { id: number };
  line_items: Row[];
  [field: string]: unknown;
}

async function ingest(store: Store, body: { orders: PushedOrder[] }) {
  const milli = (value: unknown) => String(parseMoney(String(value)));
  const orders: Row[] = [];
  const items: Row[] = [];
  const customers: Row[] = [];
  for (const o of body.orders) {
    const key = String(o.id);
    customers.push({ ...o.customer, key: String(o.customer.id) });
    orders.push({
      ...o,
      key,
      customer_key: String(o.customer.id),
      total_price: milli(o.total_price),
      subtotal_price: milli(o.subtotal_price),
      total_tax: milli(o.total_tax),
      total_discounts: milli(o.total_discounts),
    });
    o.line_items.forEach((item, position) =>
      items.push({
        order_key: key,
        position,
        product_id: String(item.product_id),
        product_id_is_number: true,
        quantity: item.quantity,
        price: milli(item.price),
      }),
    );
  }
  await store.ingest(orders, items, customers);
  return { Modified: orders.length };
}

const target = resolveDatabaseTarget(process.env.DATABASE_URL);
const store = target.provider === 'postgresql' ? postgresStore(target.url) : sqliteStore(target.url);
const totals = { orders: Number(process.env.BASELINE_ORDERS), customers: Number(process.env.BASELINE_CUSTOMERS) };

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const text = Buffer.concat(chunks).toString();
    const feed = /^\/convertedin\/(orders|customers)$/.exec(req.url ?? '');
    const work = feed
      ? page(store, feed[1]!, new URLSearchParams(text), totals)
      : ingest(store, JSON.parse(text) as { orders: PushedOrder[] });
    work.then(
      (body) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      },
      (error: Error) => {
        res.writeHead(500);
        res.end(error.message);
      },
    );
  });
});
server.listen(Number(process.env.PORT ?? 0), () => {
  const address = server.address();
  console.log(JSON.stringify({ msg: 'listening', port: typeof address === 'object' && address ? address.port : 0 }));
});
