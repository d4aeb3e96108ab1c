import { ChangeSet } from '../db/changes.js';
import type { Tx } from '../db/client.js';
import { upsertCustomers, type CustomerUpsert } from '../customers/customers.upsert.js';
import { chunks } from '../shared/chunks.js';
import { readShopDate } from '../shared/dates.js';
import { orderColumns, type OrderDocument } from './order.document.js';

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

/**
 * Creates or replaces orders by id, with their line items and customers, inside the caller's
 * transaction. An order identical to the stored one is not written. Reports the orders and the
 * customers it created or changed.
 */
export async function upsertOrders(tx: Tx, docs: OrderDocument[], timeZone: string): Promise<ChangeSet> {
  const { links, customers } = await linkCustomers(tx, docs, timeZone);
  const changes = await upsertCustomers(tx, customers, timeZone);

  const stored = new Map<string, string>();
  for (const part of chunks(docs.map((d) => d.id.key))) {
    const rows = await tx.order.findMany({ where: { key: { in: part } }, select: { key: true, docHash: true } });
    for (const row of rows) stored.set(row.key, row.docHash);
  }

  const creates = [];
  const changedKeys: string[] = [];
  const lineItems = [];
  for (const [i, doc] of docs.entries()) {
    const { fields, lineItems: items, docHash } = orderColumns(doc, doc.id, links[i]!, timeZone);
    const before = stored.get(doc.id.key);
    if (before === docHash) continue;
    if (before === undefined) {
      creates.push({ key: doc.id.key, ...fields, docHash });
      changes.add('orders', 'created', [doc.id]);
    } else {
      await tx.order.update({ where: { key: doc.id.key }, data: { ...fields, docHash } });
      changedKeys.push(doc.id.key);
      changes.add('orders', 'updated', [doc.id]);
    }
    lineItems.push(...items.map((item) => ({ orderKey: doc.id.key, ...item })));
  }
  for (const part of chunks(changedKeys)) await tx.lineItem.deleteMany({ where: { orderKey: { in: part } } });
  for (const part of chunks(creates)) await tx.order.createMany({ data: part });
  for (const part of chunks(lineItems)) await tx.lineItem.createMany({ data: part });
  return changes;
}
