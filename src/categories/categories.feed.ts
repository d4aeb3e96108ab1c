import type { Db } from '../db/client.js';
import { envelope, offsetOf, type Envelope, type PageRequest } from '../paging/page.js';
import { chunks } from '../shared/chunks.js';
import { categoryToNode, type CategoryNode } from './category.document.js';

/**
 * One page of the categories feed: the page runs over top-level categories (ascending by
 * internal sequence) and each carries its whole subtree.
 */
export async function readCategoriesPage(
  db: Db,
  request: PageRequest,
  timeZone: string,
): Promise<Envelope<CategoryNode>> {
  const roots = { parentKey: null };
  const total = await db.read.category.count({ where: roots });
  const skip = offsetOf(request);
  if (skip >= total) return envelope([], request, total);
  const rows = await db.read.category.findMany({ where: roots, orderBy: { seq: 'asc' }, skip, take: request.perPage });
  return envelope(await categoryTrees(db, rows, timeZone), request, total);
}

type CategoryRow = Awaited<ReturnType<Db['read']['category']['findMany']>>[number];

/** Each category as a feed node carrying its whole subtree, loaded one level per query. */
export async function categoryTrees(db: Db, rows: CategoryRow[], timeZone: string): Promise<CategoryNode[]> {
  const data = rows.map((row) => categoryToNode(row, timeZone));
  let level = new Map(data.map((node, i) => [rows[i]!.key, node]));
  while (level.size > 0) {
    const next = new Map<string, CategoryNode>();
    for (const part of chunks([...level.keys()])) {
      const children = await db.read.category.findMany({ where: { parentKey: { in: part } }, orderBy: { seq: 'asc' } });
      for (const child of children) {
        const node = categoryToNode(child, timeZone);
        level.get(child.parentKey!)!.subcategories.push(node);
        next.set(child.key, node);
      }
    }
    level = next;
  }
  return data;
}
