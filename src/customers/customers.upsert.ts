import { ChangeSet } from '../db/changes.js';
import type { Tx } from '../db/client.js';
import { insertRows, selectWhereIn, type Cell, type Column } from '../db/bulk.js';
import { asDate, asText } from '../db/sql.js';
import type { ShopId } from '../shared/ids.js';
import {
  customerHash,
  mergeCustomer,
  type CustomerDocument,
  type CustomerFallback,
  type CustomerFields,
} from './customer.document.js';

export interface CustomerUpsert {
  id: ShopId;
  doc: CustomerDocument;
  fallback: CustomerFallback;
}

const CUSTOMER_COLUMNS = [
  ['key', 'text'],
  ['key_is_number', 'boolean'],
  ['email', 'text'],
  ['email_lower', 'text'],
  ['first_name', 'text'],
  ['last_name', 'text'],
  ['phone', 'text'],
  ['currency', 'text'],
  ['gender', 'text'],
  ['registered_at', 'timestamp(3)'],
  ['addresses', 'text'],
  ['doc_hash', 'text'],
  ['created_at', 'timestamp(3)'],
  ['updated_at', 'timestamp(3)'],
] as const satisfies readonly Column[];

type StoredRow = Record<(typeof CUSTOMER_COLUMNS)[number][0], unknown>;

function storedFields(row: StoredRow): CustomerFields & { docHash: string } {
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
    docHash: row.doc_hash as string,
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
  for (const row of await selectWhereIn<StoredRow>(
    tx,
    CUSTOMER_COLUMNS.map(([name]) => name),
    'customers',
    'key',
    keys,
  )) {
    stored.set(row.key as string, storedFields(row));
  }

  const merged = new Map<string, { id: ShopId; fields: CustomerFields }>();
  for (const item of items) {
    const base = merged.get(item.id.key)?.fields ?? stored.get(item.id.key);
    const fields = mergeCustomer(base, item.doc, item.fallback, timeZone);
    // Callers always give an email and currency fallback, so a merge cannot come up empty.
    if (!fields) throw new Error(`customer ${item.id.key} has no email or currency`);
    merged.set(item.id.key, { id: item.id, fields });
  }

  const now = new Date();
  const rows: Cell[][] = [];

  for (const { id, fields: f } of merged.values()) {
    const docHash = customerHash(id, f);
    const before = stored.get(id.key);
    if (before?.docHash === docHash) continue;
    changes.add('customers', before ? 'updated' : 'created', [id]);
    rows.push([
      id.key,
      id.isNumber,
      f.email,
      f.emailLower,
      f.firstName,
      f.lastName,
      f.phone,
      f.currency,
      f.gender,
      f.registeredAt,
      f.addresses,
      docHash,
      now,
      now,
    ]);
  }
  // An existing customer is updated in place (ON CONFLICT), so it keeps its seq and its feed page.
  const update = CUSTOMER_COLUMNS.map(([name]) => name).filter((c) => c !== 'key' && c !== 'created_at');
  await insertRows(tx, 'customers', CUSTOMER_COLUMNS, rows, { key: 'key', update });
  return changes;
}
