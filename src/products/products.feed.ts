import { subtreeKeys } from '../categories/categories.tree.js';
import type { Db } from '../db/client.js';
import { envelope, offsetOf, type Envelope, type PageRequest } from '../feed/page-request.js';
import { readStore } from '../store/store.js';
import { productToFeed, productWithCategory } from './product.document.js';

export type ProductFeedItem = ReturnType<typeof productToFeed>;

/**
 * One page of the products feed, ascending by internal sequence. With a collection, only the
 * products of that category and of every category below it; an unknown collection is an empty
 * feed rather than an error, as it is for any filter that matches nothing.
 */
export async function readProductsPage(
  db: Db,
  request: PageRequest,
  collectionKey: string | undefined,
  timeZone: string,
): Promise<Envelope<ProductFeedItem>> {
  let where = {};
  if (collectionKey !== undefined) {
    const keys = await subtreeKeys(db.read, collectionKey);
    if (keys.length === 0) return envelope([], request, 0);
    where = { categoryKey: { in: keys } };
  }
  const total = await db.read.product.count({ where });
  const skip = offsetOf(request);
  if (skip >= total) return envelope([], request, total);
  const [rows, store] = await Promise.all([
    db.read.product.findMany({
      where,
      orderBy: { seq: 'asc' },
      skip,
      take: request.perPage,
      include: productWithCategory,
    }),
    readStore(db.read),
  ]);
  return envelope(
    rows.map((row) => productToFeed(row, store?.name ?? '', timeZone)),
    request,
    total,
  );
}
