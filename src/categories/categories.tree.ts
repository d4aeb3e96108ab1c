import type { Tx } from '../db/client.js';
import { chunks } from '../shared/chunks.js';

/**
 * A category and every category below it, level by level from the top, one query per level.
 * Ingestion keeps the tree acyclic; the visited set is what guarantees the walk ends regardless.
 */
export async function subtreeLevels(client: Tx, rootKey: string): Promise<string[][]> {
  const root = await client.category.findUnique({ where: { key: rootKey }, select: { key: true } });
  if (!root) return [];
  const seen = new Set([root.key]);
  const levels: string[][] = [];
  let level = [root.key];
  while (level.length > 0) {
    levels.push(level);
    const next: string[] = [];
    for (const part of chunks(level)) {
      const rows = await client.category.findMany({ where: { parentKey: { in: part } }, select: { key: true } });
      for (const row of rows) {
        if (!seen.has(row.key)) {
          seen.add(row.key);
          next.push(row.key);
        }
      }
    }
    level = next;
  }
  return levels;
}

/**
 * Category tree changes run one at a time: two batches committed side by side could otherwise
 * each add half of a cycle that neither sees. Updating the lock row holds a row lock until
 * commit on PostgreSQL; SQLite already runs one write transaction at a time.
 */
export async function lockCategoryTree(tx: Tx): Promise<void> {
  await tx.writeLock.upsert({
    where: { name: 'categories' },
    create: { name: 'categories', version: 1 },
    update: { version: { increment: 1 } },
  });
}
