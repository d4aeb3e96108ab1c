import { ChangeSet } from '../db/changes.js';
import type { Tx } from '../db/client.js';
import { chunks } from '../shared/chunks.js';
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
  for (const part of chunks(keys)) {
    for (const row of await tx.customer.findMany({ where: { key: { in: part } } })) stored.set(row.key, row);
  }

  const merged = new Map<string, { id: ShopId; fields: CustomerFields }>();
  for (const item of items) {
    const base = merged.get(item.id.key)?.fields ?? stored.get(item.id.key);
    const fields = mergeCustomer(base, item.doc, item.fallback, timeZone);
    // Callers always give an email and currency fallback, so a merge cannot come up empty.
    if (!fields) throw new Error(`customer ${item.id.key} has no email or currency`);
    merged.set(item.id.key, { id: item.id, fields });
  }

  const creates = [];
  for (const { id, fields } of merged.values()) {
    const docHash = customerHash(id, fields);
    const before = stored.get(id.key);
    if (!before) {
      creates.push({ key: id.key, keyIsNumber: id.isNumber, ...fields, docHash });
      changes.add('customers', 'created', [id]);
    } else if (before.docHash !== docHash) {
      await tx.customer.update({ where: { key: id.key }, data: { keyIsNumber: id.isNumber, ...fields, docHash } });
      changes.add('customers', 'updated', [id]);
    }
  }
  for (const part of chunks(creates)) await tx.customer.createMany({ data: part });
  return changes;
}
