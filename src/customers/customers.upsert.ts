import { ChangeSet } from '../db/changes.js';
import type { Tx } from '../db/client.js';
import { insertRows, storedHashes, type StoredHash } from '../db/bulk.js';
import { asBoolean, asDate, asText } from '../db/sql.js';
import type { ShopId } from '../shared/ids.js';
import {
  customerHash,
  mergeCustomer,
  type CustomerDocument,
  type CustomerFallback,
  type CustomerFields,
} from './customer.document.js';
import { CUSTOMERS, type CustomerRow } from './customers.table.js';

export interface CustomerUpsert {
  id: ShopId;
  doc: CustomerDocument;
  fallback: CustomerFallback;
}

/** The stored columns a pushed customer is merged into. */
const MERGED = [
  'email',
  'email_lower',
  'first_name',
  'last_name',
  'phone',
  'currency',
  'gender',
  'registered_at',
  'addresses',
] as const;

function storedFields(row: StoredHash<(typeof MERGED)[number]>): CustomerFields & { docHash: string } {
  return {
    email: row.email as string,
    emailLower: row.email_lower as string,
    firstName: asText(row.first_name),
    lastName: asText(row.last_name),
    phone: asText(row.phone),
    currency: row.currency as string,
    gender: row.gender as string,
    registeredAt: asDate(row.registered_at),
    addresses: asText(row.addresses),
    docHash: row.doc_hash,
  };
}

/**
 * Creates or updates customers inside the caller's transaction. Several entries for one id are
 * applied in order, so an order batch that embeds the same customer twice ends with the last.
 * A customer whose merged fields are unchanged is not written at all.
 */
export async function upsertCustomers(tx: Tx, items: CustomerUpsert[], timeZone: string): Promise<ChangeSet> {
  const changes = new ChangeSet();
  if (items.length === 0) return changes;
  const keys = [...new Set(items.map((item) => item.id.key))];
  const stored = new Map<string, CustomerFields & { docHash: string }>();
  const storedIsNumber = new Map<string, boolean>();
  for (const [key, row] of await storedHashes(tx, CUSTOMERS.name, keys, [...MERGED, 'key_is_number'])) {
    stored.set(key, storedFields(row));
    storedIsNumber.set(key, asBoolean(row.key_is_number));
  }

  const merged = new Map<string, { id: ShopId; fields: CustomerFields }>();
  for (const item of items) {
    const base = merged.get(item.id.key)?.fields ?? stored.get(item.id.key);
    const fields = mergeCustomer(base, item.doc, item.fallback, timeZone);
    // Callers always give an email and currency fallback, so a merge cannot come up empty.
    if (!fields) throw new Error(`customer ${item.id.key} has no email or currency`);
    merged.set(item.id.key, { id: item.id, fields });
  }

  const rows: CustomerRow[] = [];
  const retyped: ShopId[] = [];
  for (const { id, fields } of merged.values()) {
    const docHash = customerHash(id, fields);
    const before = stored.get(id.key);
    if (before?.docHash === docHash) continue;
    changes.add('customers', before ? 'updated' : 'created', [id]);
    rows.push({ key: id.key, keyIsNumber: id.isNumber, ...fields, docHash });
    if (before && storedIsNumber.get(id.key) !== id.isNumber) retyped.push(id);
  }
  await insertRows(tx, CUSTOMERS, rows, new Date());
  await retypeOrders(tx, retyped);
  return changes;
}

/**
 * Orders carry a copy of their customer's id type for the feed; a customer sent once as 42 and
 * then as "42" takes its orders along. Rare, so one statement per customer is enough.
 */
async function retypeOrders(tx: Tx, ids: ShopId[]): Promise<void> {
  for (const id of ids) {
    await tx.order.updateMany({ where: { customerKey: id.key }, data: { customerKeyIsNumber: id.isNumber } });
  }
}
