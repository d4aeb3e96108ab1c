import { subtreeKeys } from '../categories/categories.tree.js';
import type { Db } from '../db/client.js';
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
  let page: { where: object; skip?: number; total: number };
  if (collectionKey === undefined) {
    const { total, seq } = await locatePage(db, 'products', request, settings.feedDeleteGraceSeconds * 1000);
    if (!seq) return envelope([], request, total);
    page = { where: { seq: { gte: seq.gte, lt: seq.lt } }, total };
  } else {
    const keys = await subtreeKeys(db.read, collectionKey);
    if (keys.length === 0) return envelope([], request, 0);
    const where = { categoryKey: { in: keys } };
    const total = await db.read.product.count({ where });
    if (offsetOf(request) >= total) return envelope([], request, total);
    page = { where, skip: offsetOf(request), total };
  }
  const [rows, store] = await Promise.all([
    db.read.product.findMany({
      where: page.where,
      orderBy: { seq: 'asc' },
      skip: page.skip,
      take: request.perPage,
      include: productWithCategory,
    }),
    readStore(db.read),
  ]);
  return envelope(
    rows.map((row) => productToFeed(row, store?.name ?? '', settings.storeTimeZone)),
    request,
    page.total,
  );
}
