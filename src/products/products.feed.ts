import type { Db } from '../db/client.js';
import { asNumber } from '../db/sql.js';
import { chunks } from '../shared/chunks.js';
import { envelope, offsetOf, type Envelope, type FeedSettings, type PageRequest } from '../paging/page.js';
import { locatePage } from '../paging/numbering.js';
import { readStore } from '../store/store.js';
import { productToFeed, productWithCategory } from './product.document.js';

export type ProductFeedItem = ReturnType<typeof productToFeed>;

/**
 * One page of the products feed, ascending by internal sequence. The whole catalogue is paged
 * by the feed's numbering (src/paging/numbering.ts), like orders and customers, so a delete does not
 * shift the products after it under a crawler. With a collection, only the products of that
 * category and of every category below it, paged by offset over that smaller list; an unknown
 * collection is an empty feed rather than an error, as it is for any filter that matches nothing.
 */
export async function readProductsPage(
  db: Db,
  request: PageRequest,
  collectionKey: string | undefined,
  settings: FeedSettings,
): Promise<Envelope<ProductFeedItem>> {
  let where: Array<{ seq: object }>;
  let total: number;
  if (collectionKey === undefined) {
    const located = await locatePage(db, 'products', request, settings.feedDeleteGraceSeconds * 1000);
    if (!located.seq) return envelope([], request, located.total);
    where = [{ seq: { gte: located.seq.gte, lt: located.seq.lt } }];
    total = located.total;
  } else {
    const page = await collectionPage(db, collectionKey, offsetOf(request), request.perPage);
    if (page.seqs.length === 0) return envelope([], request, page.total);
    // A page may hold more products than one statement may bind (999 on SQLite).
    where = chunks(page.seqs).map((part) => ({ seq: { in: part } }));
    total = page.total;
  }
  const [parts, store] = await Promise.all([
    Promise.all(
      where.map((w) => db.read.product.findMany({ where: w, orderBy: { seq: 'asc' }, include: productWithCategory })),
    ),
    readStore(db.read),
  ]);
  return envelope(
    parts.flat().map((row) => productToFeed(row, store?.name ?? '', settings.storeTimeZone)),
    request,
    total,
  );
}

/**
 * One page of the products under a category and all its descendants, and how many there are.
 * The database walks the tree itself (a recursive query), so a collection of any size binds
 * one value rather than one per category; UNION stops at a category already seen.
 */
async function collectionPage(db: Db, rootKey: string, skip: number, take: number) {
  const [counted] = await db.sql<{ n: unknown }>`
    WITH RECURSIVE subtree(key) AS (
      SELECT key FROM categories WHERE key = ${rootKey}
      UNION SELECT c.key FROM categories c JOIN subtree s ON c.parent_key = s.key
    )
    SELECT COUNT(*) AS n FROM products WHERE category_key IN (SELECT key FROM subtree)`;
  const total = asNumber(counted?.n ?? 0);
  if (skip >= total) return { total, seqs: [] };
  const rows = await db.sql<{ seq: unknown }>`
    WITH RECURSIVE subtree(key) AS (
      SELECT key FROM categories WHERE key = ${rootKey}
      UNION SELECT c.key FROM categories c JOIN subtree s ON c.parent_key = s.key
    )
    SELECT seq FROM products WHERE category_key IN (SELECT key FROM subtree) ORDER BY seq LIMIT ${take} OFFSET ${skip}`;
  return { total, seqs: rows.map((row) => asNumber(row.seq)) };
}
