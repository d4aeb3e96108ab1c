import type { ChangeSet } from '../db/changes.js';
import type { Tx } from '../db/client.js';
import { upsertCustomers, type CustomerUpsert } from '../customers/customers.upsert.js';
import { chunks } from '../shared/chunks.js';
import { readShopDate } from '../shared/dates.js';
import { deleteWhereIn, insertRows, storedHashes } from '../db/bulk.js';
import { asBigInt } from '../db/sql.js';
import type { FieldErrors } from '../shared/errors.js';
import type { ShopId } from '../shared/ids.js';
import { RejectedDocuments } from '../shared/rejected.js';
import { announceCustomers, customersMoved, type OrderShare } from './order.aggregates.js';
import { NO_EMAIL, orderColumns, type OrderDocument } from './order.document.js';
import { LINE_ITEMS, ORDERS, type LineItemRow, type OrderRow } from './orders.table.js';

/** The id given to a customer created for a guest checkout, derived from the contact email. */
const guestCustomerKey = (emailLower: string) => `guest:${emailLower}`;

/**
 * The contact email of every order: its own, else its customer's (sent with the order, sent
 * with an earlier order of the batch, or stored). convertedin needs one on every order, and a
 * phone-only (cash on delivery) order often has only its customer's.
 */
async function contactEmails(tx: Tx, docs: OrderDocument[]): Promise<string[]> {
  const known = new Map<string, string>();
  for (const doc of docs) if (doc.customer?.email) known.set(doc.customer.id.key, doc.customer.email);
  const wanted = docs.flatMap((d) => (d.contact_email == null && d.customer ? [d.customer.id.key] : []));
  for (const part of chunks([...new Set(wanted)].filter((key) => !known.has(key)))) {
    const rows = await tx.customer.findMany({ where: { key: { in: part } }, select: { key: true, email: true } });
    for (const row of rows) known.set(row.key, row.email);
  }
  const rejected = new Map<number, FieldErrors>();
  const emails = docs.map((doc, i) => {
    const email = doc.contact_email ?? doc.customer?.email ?? (doc.customer && known.get(doc.customer.id.key));
    if (email == null) rejected.set(i, { contact_email: [NO_EMAIL] });
    return email ?? '';
  });
  if (rejected.size > 0) throw new RejectedDocuments(rejected);
  return emails;
}

/**
 * Links every order to a customer key. An order that names its customer links to that id;
 * a guest checkout links to the oldest customer with its contact email, or to a new one.
 */
async function linkCustomers(
  tx: Tx,
  docs: OrderDocument[],
  emails: string[],
  timeZone: string,
): Promise<{ links: ShopId[]; customers: CustomerUpsert[] }> {
  const guestEmails = [...new Set(emails.filter((_, i) => !docs[i]!.customer).map((e) => e.toLowerCase()))];
  const byEmail = new Map<string, ShopId>();
  for (const part of chunks(guestEmails)) {
    const rows = await tx.customer.findMany({
      where: { emailLower: { in: part } },
      orderBy: { seq: 'asc' },
      select: { key: true, keyIsNumber: true, emailLower: true },
    });
    for (const row of rows) {
      if (!byEmail.has(row.emailLower)) byEmail.set(row.emailLower, { key: row.key, isNumber: row.keyIsNumber });
    }
  }

  const customers: CustomerUpsert[] = [];
  const links = docs.map((doc, i) => {
    // A customer first seen through an order takes its email and currency, and is registered at its date.
    const fallback = {
      email: emails[i]!,
      currency: doc.currency,
      registeredAt: readShopDate(doc.ordered_at, timeZone),
    };
    if (doc.customer) {
      customers.push({ id: doc.customer.id, doc: doc.customer, fallback });
      return doc.customer.id;
    }
    const email = emails[i]!.toLowerCase();
    const existing = byEmail.get(email);
    if (existing) return existing;
    const id = { key: guestCustomerKey(email), isNumber: false };
    byEmail.set(email, id);
    customers.push({ id, doc: { id }, fallback });
    return id;
  });
  return { links, customers };
}

/**
 * Creates or replaces orders by id, with their line items and customers, inside the caller's
 * transaction. An order identical to the stored one is not written. Reports the orders and the
 * customers it created or changed, counting as changed a customer whose orders_count or
 * total_spent the orders move.
 */
export async function upsertOrders(tx: Tx, docs: OrderDocument[], timeZone: string): Promise<ChangeSet> {
  const emails = await contactEmails(tx, docs);
  const { links, customers } = await linkCustomers(tx, docs, emails, timeZone);
  // Columns and fingerprints first: on PostgreSQL the first insert makes other inserting
  // transactions wait until this one commits, so the CPU work is better done before it.
  const columns = docs.map((doc, i) =>
    orderColumns(doc, doc.id, { customerKey: links[i]!.key, contactEmail: emails[i]! }, timeZone),
  );
  const changes = await upsertCustomers(tx, customers, timeZone);

  const keys = docs.map((d) => d.id.key);
  const stored = await storedHashes(tx, ORDERS.name, keys, ['customer_key', 'financial_status', 'total_price']);

  const rows: OrderRow[] = [];
  const changedKeys: string[] = [];
  const lineItems: LineItemRow[] = [];
  const moved: string[] = [];
  for (const [i, { fields, lineItems: items, docHash }] of columns.entries()) {
    const key = keys[i]!;
    const row = stored.get(key);
    const before = row?.doc_hash;
    if (before === docHash) continue;
    const was: OrderShare | undefined = row && {
      customerKey: row.customer_key as string,
      financialStatus: row.financial_status as string | null,
      totalPrice: asBigInt(row.total_price),
    };
    moved.push(...customersMoved(was, fields));
    if (before !== undefined) changedKeys.push(key);
    changes.add('orders', before === undefined ? 'created' : 'updated', [docs[i]!.id]);
    rows.push({ key, ...fields, customerKeyIsNumber: links[i]!.isNumber, docHash });
    for (const item of items) lineItems.push({ orderKey: key, ...item });
  }
  const now = new Date();
  await deleteWhereIn(tx, LINE_ITEMS.name, 'order_key', changedKeys);
  await insertRows(tx, ORDERS, rows, now);
  await insertRows(tx, LINE_ITEMS, lineItems, now);
  await announceCustomers(tx, changes, moved);
  return changes;
}
