import { ChangeSet } from '../db/changes.js';
import type { Tx } from '../db/client.js';
import { storedHashes } from '../db/bulk.js';
import type { FieldErrors } from '../shared/errors.js';
import { chunks } from '../shared/chunks.js';
import { RejectedDocuments } from '../shared/rejected.js';
import { lockCategoryTree, subtreeLevels } from './categories.tree.js';
import { categoryColumns, type CategoryDocument } from './category.document.js';

/**
 * The parent of every category the batch touches, as it will be once the batch is written:
 * the batch's own parent_id values, then the stored parents up every chain that leaves the
 * batch. Keys in `absent` are named as parents but exist nowhere.
 */
async function parentsAfter(tx: Tx, docs: CategoryDocument[]) {
  const parentOf = new Map<string, string | null>(docs.map((doc) => [doc.id.key, doc.parent_id?.key ?? null]));
  const absent = new Set<string>();
  let pending = [...new Set(docs.flatMap((doc) => (doc.parent_id ? [doc.parent_id.key] : [])))].filter(
    (key) => !parentOf.has(key),
  );
  while (pending.length > 0) {
    const next = new Set<string>();
    for (const part of chunks(pending)) {
      const rows = await tx.category.findMany({ where: { key: { in: part } }, select: { key: true, parentKey: true } });
      for (const row of rows) parentOf.set(row.key, row.parentKey);
      for (const key of part) if (!parentOf.has(key)) absent.add(key);
      for (const row of rows) if (row.parentKey !== null && !parentOf.has(row.parentKey)) next.add(row.parentKey);
    }
    pending = [...next];
  }
  return { parentOf, absent };
}

/**
 * How deep categories may nest, a top-level one being level 1. Real shops stay under ten; the
 * bound keeps every walk of a tree (the feed reads one level per query and writes subtrees as
 * nested JSON) short, where a chain thousands deep made its page fail.
 */
const MAX_CATEGORY_DEPTH = 32;

const tooDeep = (key: string, depth: number) =>
  `would put category ${key} ${depth} levels deep; categories nest at most ${MAX_CATEGORY_DEPTH} levels`;

/**
 * A parent must exist (in the database or the same batch), no category may become its own
 * ancestor, and no category may end up deeper than MAX_CATEGORY_DEPTH, counting the stored
 * subtree of a category that moves.
 */
async function checkTree(tx: Tx, docs: CategoryDocument[]): Promise<void> {
  const { parentOf, absent } = await parentsAfter(tx, docs);
  const rejected = new Map<number, FieldErrors>();
  const depths: Array<[number, number]> = [];
  docs.forEach((doc, i) => {
    const parent = doc.parent_id?.key;
    if (parent === undefined) return;
    if (absent.has(parent)) {
      rejected.set(i, { parent_id: [`names no category: push category ${parent} first or in the same batch`] });
      return;
    }
    const seen = new Set<string>();
    let depth = 1;
    for (let key: string | null | undefined = parent; key != null && !seen.has(key); key = parentOf.get(key)) {
      if (key === doc.id.key) {
        rejected.set(i, { parent_id: [`would make category ${doc.id.key} its own ancestor`] });
        return;
      }
      seen.add(key);
      depth++;
    }
    if (depth > MAX_CATEGORY_DEPTH) rejected.set(i, { parent_id: [tooDeep(doc.id.key, depth)] });
    else depths.push([i, depth]);
  });
  if (rejected.size === 0) await checkMovedSubtrees(tx, docs, depths, rejected);
  if (rejected.size > 0) throw new RejectedDocuments(rejected);
}

/**
 * A stored category that changes parent takes its stored subtree along: the deepest of those
 * descendants must still fit. Only moved categories are walked, one query per level of theirs.
 */
async function checkMovedSubtrees(
  tx: Tx,
  docs: CategoryDocument[],
  depths: Array<[number, number]>,
  rejected: Map<number, FieldErrors>,
): Promise<void> {
  const storedParent = new Map<string, string | null>();
  for (const part of chunks(depths.map(([i]) => docs[i]!.id.key))) {
    const rows = await tx.category.findMany({ where: { key: { in: part } }, select: { key: true, parentKey: true } });
    for (const row of rows) storedParent.set(row.key, row.parentKey);
  }
  for (const [i, depth] of depths) {
    const doc = docs[i]!;
    const before = storedParent.get(doc.id.key);
    if (before === undefined || before === doc.parent_id?.key) continue;
    const levels = await subtreeLevels(tx, doc.id.key);
    const deepest = depth + levels.length - 1;
    if (deepest > MAX_CATEGORY_DEPTH) rejected.set(i, { parent_id: [tooDeep(levels.at(-1)![0]!, deepest)] });
  }
}

/** How far below the nearest parent outside `keys` each key sits, so parents can be inserted first. */
function depthWithin(keys: Set<string>, parentOf: (key: string) => string | null): Map<string, number> {
  const depth = new Map<string, number>();
  const of = (key: string): number => {
    const known = depth.get(key);
    if (known !== undefined) return known;
    const parent = parentOf(key);
    const d = parent !== null && keys.has(parent) ? of(parent) + 1 : 0;
    depth.set(key, d);
    return d;
  };
  for (const key of keys) of(key);
  return depth;
}

/**
 * Creates or replaces categories by id inside the caller's transaction. The batch is flat:
 * a child may come before its parent. A category identical to the stored one is not written.
 */
export async function upsertCategories(tx: Tx, docs: CategoryDocument[], timeZone: string): Promise<ChangeSet> {
  await lockCategoryTree(tx);
  await checkTree(tx, docs);
  const keys = docs.map((d) => d.id.key);
  const stored = await storedHashes(tx, 'categories', keys);

  const changes = new ChangeSet();
  const creates = [];
  const updates = [];
  for (const doc of docs) {
    const { fields, docHash } = categoryColumns(doc, timeZone);
    const before = stored.get(doc.id.key)?.doc_hash;
    if (before === docHash) continue;
    if (before === undefined) creates.push({ doc, row: { key: doc.id.key, ...fields, docHash } });
    else updates.push({ doc, row: { ...fields, docHash } });
  }
  // A new category's parent may be new too: insert parents before children.
  const newParent = new Map(creates.map((c) => [c.row.key, c.row.parentKey]));
  const depth = depthWithin(new Set(newParent.keys()), (key) => newParent.get(key) ?? null);
  creates.sort((a, b) => depth.get(a.row.key)! - depth.get(b.row.key)!);
  for (const part of chunks(creates)) await tx.category.createMany({ data: part.map((c) => c.row) });
  for (const { doc, row } of updates) await tx.category.update({ where: { key: doc.id.key }, data: row });
  changes.add(
    'categories',
    'created',
    creates.map((c) => c.doc.id),
  );
  changes.add(
    'categories',
    'updated',
    updates.map((u) => u.doc.id),
  );
  return changes;
}
