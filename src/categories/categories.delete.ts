import { ChangeSet } from '../db/changes.js';
import type { Tx } from '../db/client.js';
import { RecordConflict, RecordNotFound } from '../shared/errors.js';
import { chunks } from '../shared/chunks.js';
import { lockCategoryTree, subtreeLevels } from './categories.tree.js';
import { counted, them } from '../shared/words.js';
import { echoedId } from '../shared/words.js';

/**
 * Deletes a category. Nothing is re-parented: while it has subcategories or products the answer
 * is 409, unless `cascade`, which deletes the whole subtree and the products in it.
 */
export async function deleteCategory(tx: Tx, key: string, cascade: boolean): Promise<ChangeSet> {
  await lockCategoryTree(tx);
  const levels = await subtreeLevels(tx, key);
  if (levels.length === 0) throw new RecordNotFound(`No category has the id ${echoedId(key)}.`);
  const keys = levels.flat();
  if (!cascade) {
    const children = await tx.category.count({ where: { parentKey: key } });
    const products = await tx.product.count({ where: { categoryKey: key } });
    if (children + products > 0) {
      const held = [
        ...(children > 0 ? [counted(children, 'subcategories')] : []),
        ...(products > 0 ? [counted(products, 'products')] : []),
      ];
      const refer = them(children + products);
      throw new RecordConflict(
        `Category ${key} still has ${held.join(' and ')}. ` +
          `Move or delete ${refer} first, or send cascade=true to delete ${refer} too.`,
      );
    }
  }
  const changes = new ChangeSet();
  for (const part of chunks(keys)) {
    const products = await tx.product.findMany({
      where: { categoryKey: { in: part } },
      select: { key: true, keyIsNumber: true },
    });
    await tx.product.deleteMany({ where: { categoryKey: { in: part } } });
    changes.add(
      'products',
      'deleted',
      products.map((p) => ({ key: p.key, isNumber: p.keyIsNumber })),
    );
  }
  // Deepest level first: a parent row cannot go while a child still points at it.
  for (const level of levels.reverse()) {
    for (const part of chunks(level)) {
      const rows = await tx.category.findMany({
        where: { key: { in: part } },
        select: { key: true, keyIsNumber: true },
      });
      await tx.category.deleteMany({ where: { key: { in: part } } });
      changes.add(
        'categories',
        'deleted',
        rows.map((r) => ({ key: r.key, isNumber: r.keyIsNumber })),
      );
    }
  }
  return changes;
}
