import type { Db, PrismaDb } from '../db/client.js';
import { asNumber } from '../db/sql.js';

/**
 * The in-process half of the feed's numbering (see numbering.ts): per database and entity, the
 * seq of every slot in order, so that the slots of a page turn into a seq range without asking
 * the database. It only ever grows at its end, except after a purge, when it is loaded afresh.
 */

/** Entities numbered this way; a new one needs its triggers (see the migration) and a load query below. */
export type NumberedEntity = 'orders' | 'customers' | 'products';

/** Seqs from `gte` up to, not including, `lt`. */
export interface SeqRange {
  gte: number;
  lt: number;
}

/** The seqs of the first `length` slots, in order. */
export class SlotIndex {
  private seqs: Int32Array;
  length = 0;

  /** Sized from the counter up front: growing a million slots by doubling would hold two copies at once. */
  constructor(
    readonly layout: number,
    expected: number,
  ) {
    this.seqs = new Int32Array(Math.max(1024, Math.ceil(expected * 1.05)));
  }

  at(slot: number): number {
    return this.seqs[slot]!;
  }

  get last(): number {
    return this.length === 0 ? 0 : this.seqs[this.length - 1]!;
  }

  append(seqs: number[]): void {
    if (this.length + seqs.length > this.seqs.length) {
      const grown = new Int32Array(Math.max(Math.ceil(this.seqs.length * 1.5), this.length + seqs.length));
      grown.set(this.seqs.subarray(0, this.length));
      this.seqs = grown;
    }
    this.seqs.set(seqs, this.length);
    this.length += seqs.length;
  }
}

/** The seqs of slots `first` to `end` - 1, as far as the index holds them now. */
export const rangeOf = (index: SlotIndex, first: number, end: number): SeqRange => ({
  gte: index.at(first),
  lt: end < index.length ? index.at(end) : index.last + 1,
});

interface CacheEntry {
  index?: SlotIndex;
  loading?: Promise<void>;
}

const caches = new WeakMap<PrismaDb, Map<NumberedEntity, CacheEntry>>();

function entryOf(db: Db, entity: NumberedEntity): CacheEntry {
  let perDb = caches.get(db.read);
  if (!perDb) caches.set(db.read, (perDb = new Map()));
  let entry = perDb.get(entity);
  if (!entry) perDb.set(entity, (entry = {}));
  return entry;
}

/**
 * The numbering this process holds now, if any. It may be growing at its end meanwhile, which
 * leaves the slots it already holds as they are; the caller checks its layout against the
 * counter row, which tells a numbering replaced since.
 */
export function cachedIndex(db: Db, entity: NumberedEntity): SlotIndex | undefined {
  return entryOf(db, entity).index;
}

/**
 * The cached numbering, reloaded after a purge and extended when it is shorter than `needed`.
 * A load reads only as far as this request needs, then goes on to the end in the background:
 * after a restart, page 1 of ten million records waits for one batch, not for all of them, and
 * a crawler that resumes deep finds them loaded or waits only for the rest.
 */
export async function slotIndex(
  db: Db,
  entity: NumberedEntity,
  layout: number,
  needed: number,
  total: number,
): Promise<SlotIndex> {
  const entry = entryOf(db, entity);
  // One load at a time per entity: a load started meanwhile may already cover this request.
  for (;;) {
    const current = entry.index;
    if (current && current.layout === layout && current.length >= needed) return current;
    if (!entry.loading) break;
    await entry.loading;
  }
  const current = entry.index;
  const index = current && current.layout === layout ? current : new SlotIndex(layout, total);
  const enough = loadSlots(db, entity, index, needed).then(() => {
    entry.index = index;
  });
  // Waiters only need to know it ended; a failure reaches the request that started the load,
  // and a failure of the background part leaves the rest for the next request that needs it.
  entry.loading = enough
    .then(() => loadSlots(db, entity, index, Number.POSITIVE_INFINITY))
    .then(
      () => undefined,
      () => undefined,
    )
    .finally(() => {
      entry.loading = undefined;
    });
  await enough;
  return index;
}

// Each query has a fixed cost well above its rows' own: 100,000 a query load a million slots
// about three times faster than 20,000 did, and hold a few MiB of rows at a time.
const LOAD_BATCH = 100_000;

/**
 * Slots after `after`: the table's rows and the entity's holes, merged by seq, in one statement
 * so that a record deleted meanwhile is found once, as a row or as a hole. Each side is cut to a
 * batch before the merge: over the whole union, PostgreSQL sorted every remaining row for every
 * batch, which at ten million orders took a minute and a half to load.
 */
const loadQueries: Record<NumberedEntity, (db: Db, after: number) => Promise<Array<{ seq: unknown }>>> = {
  orders: (db, after) => db.sql`
    SELECT seq FROM (SELECT seq FROM orders WHERE seq > ${after} ORDER BY seq LIMIT ${LOAD_BATCH}) AS r
    UNION ALL SELECT seq FROM (SELECT seq FROM feed_holes WHERE entity = 'orders' AND seq > ${after}
      ORDER BY seq LIMIT ${LOAD_BATCH}) AS h
    ORDER BY seq LIMIT ${LOAD_BATCH}`,
  customers: (db, after) => db.sql`
    SELECT seq FROM (SELECT seq FROM customers WHERE seq > ${after} ORDER BY seq LIMIT ${LOAD_BATCH}) AS r
    UNION ALL SELECT seq FROM (SELECT seq FROM feed_holes WHERE entity = 'customers' AND seq > ${after}
      ORDER BY seq LIMIT ${LOAD_BATCH}) AS h
    ORDER BY seq LIMIT ${LOAD_BATCH}`,
  products: (db, after) => db.sql`
    SELECT seq FROM (SELECT seq FROM products WHERE seq > ${after} ORDER BY seq LIMIT ${LOAD_BATCH}) AS r
    UNION ALL SELECT seq FROM (SELECT seq FROM feed_holes WHERE entity = 'products' AND seq > ${after}
      ORDER BY seq LIMIT ${LOAD_BATCH}) AS h
    ORDER BY seq LIMIT ${LOAD_BATCH}`,
};

/** Appends the slots after the last one the index holds, stored records and holes alike, until it holds `needed` or all. */
async function loadSlots(db: Db, entity: NumberedEntity, index: SlotIndex, needed: number): Promise<void> {
  while (index.length < needed) {
    const rows = await loadQueries[entity](db, index.last);
    index.append(rows.map((row) => asNumber(row.seq)));
    if (rows.length < LOAD_BATCH) return;
  }
}
