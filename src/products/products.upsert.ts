import { ChangeSet } from '../db/changes.js';
import type { Tx } from '../db/client.js';
import type { FieldErrors } from '../http/errors.js';
import { chunks } from '../shared/chunks.js';
import { RejectedDocuments } from '../shared/rejected.js';
import { productColumns, type ProductDocument } from './product.document.js';

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
 * Creates or replaces products by id inside the caller's transaction. A product identical to
 * the stored one is not written.
 */
export async function upsertProducts(tx: Tx, docs: ProductDocument[], timeZone: string): Promise<ChangeSet> {
  await checkCategories(tx, docs);
  const stored = new Map<string, { docHash: string; publishedAt: Date }>();
  for (const part of chunks(docs.map((d) => d.id.key))) {
    const rows = await tx.product.findMany({
      where: { key: { in: part } },
      select: { key: true, docHash: true, publishedAt: true },
    });
    for (const row of rows) stored.set(row.key, row);
  }

  const changes = new ChangeSet();
  const creates = [];
  for (const doc of docs) {
    const before = stored.get(doc.id.key);
    const { fields, docHash } = productColumns(doc, before?.publishedAt, timeZone);
    if (before?.docHash === docHash) continue;
    if (before === undefined) {
      creates.push({ key: doc.id.key, ...fields, docHash });
      changes.add('products', 'created', [doc.id]);
    } else {
      await tx.product.update({ where: { key: doc.id.key }, data: { ...fields, docHash } });
      changes.add('products', 'updated', [doc.id]);
    }
  }
  for (const part of chunks(creates)) await tx.product.createMany({ data: part });
  return changes;
}
