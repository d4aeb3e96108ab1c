import { ChangeSet } from '../db/changes.js';
import type { Tx } from '../db/client.js';
import { insertRows, storedHashes } from '../db/bulk.js';
import { asDate } from '../db/sql.js';
import type { FieldErrors } from '../shared/errors.js';
import { chunks } from '../shared/chunks.js';
import { RejectedDocuments } from '../shared/rejected.js';
import { productColumns, type ProductDocument } from './product.document.js';
import { PRODUCTS, type ProductRow } from './products.table.js';

/** Every category a product names must exist: products are pushed after their categories. */
async function checkCategories(tx: Tx, docs: ProductDocument[]): Promise<void> {
  const wanted = [...new Set(docs.flatMap((doc) => (doc.category_id ? [doc.category_id.key] : [])))];
  const found = new Set<string>();
  for (const part of chunks(wanted)) {
    const rows = await tx.category.findMany({ where: { key: { in: part } }, select: { key: true } });
    for (const row of rows) found.add(row.key);
  }
  const rejected = new Map<number, FieldErrors>();
  docs.forEach((doc, i) => {
    if (doc.category_id && !found.has(doc.category_id.key)) {
      rejected.set(i, { category_id: [`names no category: push category ${doc.category_id.key} first`] });
    }
  });
  if (rejected.size > 0) throw new RejectedDocuments(rejected);
}

/**
 * Creates or replaces products by id inside the caller's transaction, with one statement for
 * the lot. A product identical to the stored one is not written.
 */
export async function upsertProducts(tx: Tx, docs: ProductDocument[], timeZone: string): Promise<ChangeSet> {
  await checkCategories(tx, docs);
  const keys = docs.map((d) => d.id.key);
  const stored = await storedHashes(tx, PRODUCTS.name, keys, ['published_at']);

  const changes = new ChangeSet();
  const rows: ProductRow[] = [];
  for (const doc of docs) {
    const before = stored.get(doc.id.key);
    const { fields, docHash } = productColumns(doc, before && asDate(before.published_at), timeZone);
    if (before?.doc_hash === docHash) continue;
    changes.add('products', before ? 'updated' : 'created', [doc.id]);
    rows.push({ key: doc.id.key, ...fields, docHash });
  }
  await insertRows(tx, PRODUCTS, rows, new Date());
  return changes;
}
