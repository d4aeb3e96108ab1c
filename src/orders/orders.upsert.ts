import type { ChangeSet } from '../db/changes.js';
import type { Tx } from '../db/client.js';
import { upsertCustomers, type CustomerUpsert } from '../customers/customers.upsert.js';
import { chunks } from '../shared/chunks.js';
import { readShopDate } from '../shared/dates.js';
import { deleteWhereIn, insertRows, selectWhereIn, type Cell, type Column } from '../db/bulk.js';
import { orderColumns, type LineItemFields, type OrderDocument, type OrderFields } from './order.document.js';

/** The id given to a customer created for a guest checkout, derived from the contact email. */
export const guestCustomerKey = (emailLower: string) => `guest:${emailLower}`;

/**
 * Links every order to a customer key. An order that names its customer links to that id;
 * a guest checkout links to the oldest customer with its contact email, or to a new one.
 */
async function linkCustomers(
  tx: Tx,
  docs: OrderDocument[],
  timeZone: string,
): Promise<{ links: string[]; customers: CustomerUpsert[] }> {
  const guestEmails = [...new Set(docs.filter((d) => !d.customer).map((d) => d.contact_email.toLowerCase()))];
  const byEmail = new Map<string, string>();
  for (const part of chunks(guestEmails)) {
    const rows = await tx.customer.findMany({
      where: { emailLower: { in: part } },
      orderBy: { seq: 'asc' },
      select: { key: true, emailLower: true },
    });
    for (const row of rows) if (!byEmail.has(row.emailLower)) byEmail.set(row.emailLower, row.key);
  }

  const customers: CustomerUpsert[] = [];
  const links = docs.map((doc) => {
    // A customer first seen through an order takes its email and currency, and is registered at its date.
    const fallback = {
      email: doc.contact_email,
      currency: doc.currency,
      registeredAt: readShopDate(doc.ordered_at, timeZone),
    };
    if (doc.customer) {
      customers.push({ id: doc.customer.id, doc: doc.customer, fallback });
      return doc.customer.id.key;
    }
    const email = doc.contact_email.toLowerCase();
    const existing = byEmail.get(email);
    if (existing) return existing;
    const key = guestCustomerKey(email);
    byEmail.set(email, key);
    customers.push({ id: { key, isNumber: false }, doc: { id: { key, isNumber: false } }, fallback });
    return key;
  });
  return { links, customers };
}

const ORDER_COLUMNS = [
  ['key', 'text'],
  ['key_is_number', 'boolean'],
  ['customer_key', 'text'],
  ['ordered_at', 'timestamp(3)'],
  ['total_price', 'bigint'],
  ['subtotal_price', 'bigint'],
  ['total_tax', 'bigint'],
  ['total_discounts', 'bigint'],
  ['taxes_included', 'boolean'],
  ['currency', 'text'],
  ['country_code', 'text'],
  ['financial_status', 'text'],
  ['phone', 'text'],
  ['customer_locale', 'text'],
  ['contact_email', 'text'],
  ['addresses', 'text'],
  ['fulfillments', 'text'],
  ['doc_hash', 'text'],
  ['created_at', 'timestamp(3)'],
  ['updated_at', 'timestamp(3)'],
] as const satisfies readonly Column[];

const LINE_ITEM_COLUMNS = [
  ['order_key', 'text'],
  ['position', 'integer'],
  ['product_id', 'text'],
  ['product_id_is_number', 'boolean'],
  ['quantity', 'integer'],
  ['price', 'bigint'],
  ['sku', 'text'],
  ['title', 'text'],
  ['vendor', 'text'],
  ['grams', 'integer'],
  ['properties', 'text'],
] as const satisfies readonly Column[];

function orderRow(key: string, f: OrderFields, docHash: string, now: Date): Cell[] {
  return [
    key,
    f.keyIsNumber,
    f.customerKey,
    f.orderedAt,
    f.totalPrice,
    f.subtotalPrice,
    f.totalTax,
    f.totalDiscounts,
    f.taxesIncluded,
    f.currency,
    f.countryCode,
    f.financialStatus,
    f.phone,
    f.customerLocale,
    f.contactEmail,
    f.addresses,
    f.fulfillments,
    docHash,
    now,
    now,
  ];
}

const lineItemRow = (orderKey: string, i: LineItemFields): Cell[] => [
  orderKey,
  i.position,
  i.productId,
  i.productIdIsNumber,
  i.quantity,
  i.price,
  i.sku,
  i.title,
  i.vendor,
  i.grams,
  i.properties,
];

/**
 * Creates or replaces orders by id, with their line items and customers, inside the caller's
 * transaction. An order identical to the stored one is not written. Reports the orders and the
 * customers it created or changed.
 */
export async function upsertOrders(tx: Tx, docs: OrderDocument[], timeZone: string): Promise<ChangeSet> {
  const { links, customers } = await linkCustomers(tx, docs, timeZone);
  // Columns and fingerprints first: on PostgreSQL the first insert makes other inserting
  // transactions wait until this one commits, so the CPU work is better done before it.
  const columns = docs.map((doc, i) => orderColumns(doc, doc.id, links[i]!, timeZone));
  const changes = await upsertCustomers(tx, customers, timeZone);

  const keys = docs.map((d) => d.id.key);
  const stored = new Map<string, string>();
  for (const row of await selectWhereIn<{ key: string; doc_hash: string }>(
    tx,
    ['key', 'doc_hash'],
    'orders',
    'key',
    keys,
  )) {
    stored.set(row.key, row.doc_hash);
  }

  const now = new Date();
  const rows: Cell[][] = [];
  const changedKeys: string[] = [];
  const lineItems: Cell[][] = [];
  for (const [i, { fields, lineItems: items, docHash }] of columns.entries()) {
    const key = keys[i]!;
    const before = stored.get(key);
    if (before === docHash) continue;
    if (before !== undefined) changedKeys.push(key);
    changes.add('orders', before === undefined ? 'created' : 'updated', [docs[i]!.id]);
    rows.push(orderRow(key, fields, docHash, now));
    for (const item of items) lineItems.push(lineItemRow(key, item));
  }
  await deleteWhereIn(tx, 'line_items', 'order_key', changedKeys);
  // A changed order is updated in place (ON CONFLICT), so it keeps its seq and its feed page.
  const update = ORDER_COLUMNS.map(([name]) => name).filter((c) => c !== 'key' && c !== 'created_at');
  await insertRows(tx, 'orders', ORDER_COLUMNS, rows, { key: 'key', update });
  await insertRows(tx, 'line_items', LINE_ITEM_COLUMNS, lineItems);
  return changes;
}
