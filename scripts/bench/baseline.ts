/**
 * The benchmark's yardstick: about the least a server can do to answer the same requests.
 * node:http and the bare driver, no framework, no auth, no validation; a feed page is a keyset
 * query whose cursor comes from the page number (the benchmark's seqs are dense), and `total`
 * is handed over at start. A page reads orders alone and takes line items in whatever order
 * the database returns them: two queries, no join, no sort beyond the page's own. Ingestion is
 * plain upserts: no fingerprints, no customer merging.
 * Same JSON shape and the same money and date formatting as the service.
 */
import http from 'node:http';
import type { CustomerRow } from '../../src/customers/customers.table.js';
import { configOrExit, loadScriptConfig } from '../../src/script-config.js';
import type { LineItemRow, OrderRow } from '../../src/orders/orders.table.js';
import { formatStoreDate } from '../../src/shared/dates.js';
import { shopIdToJson } from '../../src/shared/ids.js';
import { moneyToJson, parseMoney } from '../../src/shared/money.js';
import { postgresStore, sqliteStore, type Row, type Store } from './baseline-store.js';

const { database: target, storeTimeZone: timeZone } = configOrExit(loadScriptConfig);
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
    customer: { id: shopIdToJson(o.customer_key as string, Boolean(o.customer_key_is_number)) },
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

/** The pushed orders as rows, read the plainest way: the bench pushes only valid documents. */
async function ingest(store: Store, body: { orders: PushedOrder[] }) {
  const milli = (value: unknown) => parseMoney(String(value))!;
  const instant = (text: unknown) => new Date(`${String(text).replace(' ', 'T')}Z`);
  const text = (value: unknown) => (value ?? null) as string | null;
  const orders: OrderRow[] = [];
  const items: LineItemRow[] = [];
  const customers: CustomerRow[] = [];
  for (const o of body.orders) {
    const key = String(o.id);
    const c = o.customer;
    const email = String(c.email);
    customers.push({
      key: String(c.id),
      keyIsNumber: true,
      email,
      emailLower: email.toLowerCase(),
      firstName: text(c.first_name),
      lastName: text(c.last_name),
      phone: text(c.phone),
      currency: String(c.currency),
      gender: String(c.gender ?? 'unknown'),
      registeredAt: instant(c.registered_at),
      addresses: null,
      docHash: '',
    });
    orders.push({
      key,
      keyIsNumber: true,
      customerKey: String(c.id),
      customerKeyIsNumber: true,
      orderedAt: instant(o.ordered_at),
      totalPrice: milli(o.total_price),
      subtotalPrice: milli(o.subtotal_price),
      totalTax: milli(o.total_tax),
      totalDiscounts: milli(o.total_discounts),
      taxesIncluded: Boolean(o.taxes_included),
      currency: String(o.currency),
      countryCode: String(o.country_code),
      financialStatus: text(o.financial_status),
      phone: text(o.phone),
      customerLocale: text(o.customer_locale),
      contactEmail: String(o.contact_email),
      addresses: null,
      fulfillments: null,
      docHash: '',
    });
    o.line_items.forEach((item, position) =>
      items.push({
        orderKey: key,
        position,
        productId: String(item.product_id),
        productIdIsNumber: true,
        quantity: Number(item.quantity),
        price: milli(item.price),
        sku: null,
        title: null,
        vendor: null,
        grams: null,
        properties: null,
      }),
    );
  }
  await store.ingest(orders, items, customers);
  return { Modified: orders.length };
}

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
