import type { Db, PrismaDb } from '../db/client.js';
import { asBigInt, asNumber } from '../db/sql.js';
import { inTransaction } from '../db/transaction.js';
import type { PageRequest } from './page-request.js';

/**
 * The feed's numbering. A feed lists an entity's records in ascending `seq`, and page N covers
 * slots (N-1)*per_page to N*per_page-1 of that list. A slot is a stored record, or a hole: a
 * record deleted less than the grace period ago. A hole keeps the records after it where a
 * crawler that is already past it expects them; once the grace period is over the hole is
 * purged and the records after it move up. `total` counts slots, so last_page always reaches
 * the last record.
 *
 * Each process keeps the seq of every slot in memory (4 bytes a slot), so a page at any depth
 * is one bounded range scan of the primary key, and `total` comes from a counter row, never a
 * COUNT. The cache stays right when several instances share one database because slots change
 * in two ways only: appends, which always come after every known seq (inserts take turns, see
 * the feed_numbering migration) and which the cache loads when the counter outgrows it; and
 * purges, which bump feed_state.layout and make every instance reload.
 */

/** Entities numbered this way; a new one needs its triggers (see the migration) and a load query below. */
export type NumberedEntity = 'orders' | 'customers' | 'products';

export interface PageSlots {
  /** Slots in the numbering: the records, plus the holes still held. */
  total: number;
  /** The seq range holding the page's records; undefined for a page past the end. */
  seq?: { gte: number; lt: number };
}

interface State {
  live: number;
  holes: number;
  layout: number;
  oldestHoleAt: bigint | null;
}

export type SeqRange = NonNullable<PageSlots['seq']>;

/**
 * Page `request.page`: its rows, read by `rowsIn`, and the total to report with them. When this
 * process already knows where the page lies, the counter row and the rows are read at once, one
 * round trip instead of two; the rows stand if the counter shows that the numbering is still
 * the one they were located in.
 */
export async function readPage<Row>(
  db: Db,
  entity: NumberedEntity,
  request: PageRequest,
  deleteGraceMs: number,
  rowsIn: (seq: SeqRange) => Promise<Row[]>,
): Promise<{ total: number; rows: Row[] }> {
  const known = cachedIndex(db, entity);
  const first = (request.page - 1) * request.perPage;
  const end = first + request.perPage;
  if (known && first < known.length) {
    const [state, rows] = await Promise.all([readState(db, entity), rowsIn(rangeOf(known, first, end))]);
    const total = state.live + state.holes;
    if (state.layout === known.layout && !holesDue(state, deleteGraceMs) && Math.min(total, end) <= known.length) {
      return { total, rows: first < total ? rows : [] };
    }
  }
  const { total, seq } = await locatePage(db, entity, request, deleteGraceMs);
  return { total, rows: seq ? await rowsIn(seq) : [] };
}

const rangeOf = (index: SlotIndex, first: number, end: number): SeqRange => ({
  gte: index.at(first),
  lt: end < index.length ? index.at(end) : index.last + 1,
});

/** Where page `request.page` lies, and the total to report with it. */
export async function locatePage(
  db: Db,
  entity: NumberedEntity,
  request: PageRequest,
  deleteGraceMs: number,
): Promise<PageSlots> {
  let state = await readState(db, entity);
  if (holesDue(state, deleteGraceMs)) {
    await purgeHoles(db, entity, deleteGraceMs);
    state = await readState(db, entity);
  }
  const total = state.live + state.holes;
  const first = (request.page - 1) * request.perPage;
  if (first >= total) return { total };
  const end = first + request.perPage;
  const index = await slotIndex(db, entity, state.layout, Math.min(total, end), total);
  if (first >= index.length) return { total };
  return { total, seq: rangeOf(index, first, end) };
}

async function readState(db: Db, entity: NumberedEntity): Promise<State> {
  const [row] = await db.sql`SELECT live, holes, layout, oldest_hole_at FROM feed_state WHERE entity = ${entity}`;
  if (!row) throw new Error(`feed_state has no row for ${entity}; are the migrations applied?`);
  return {
    live: asNumber(row.live),
    holes: asNumber(row.holes),
    layout: asNumber(row.layout),
    oldestHoleAt: row.oldest_hole_at === null ? null : asBigInt(row.oldest_hole_at),
  };
}

function holesDue(state: State, deleteGraceMs: number): boolean {
  if (state.holes === 0) return false;
  return deleteGraceMs === 0 || Date.now() - Number(state.oldestHoleAt ?? 0) >= deleteGraceMs;
}

/** Closes the holes older than the grace period; every instance reloads its numbering after. */
async function purgeHoles(db: Db, entity: NumberedEntity, deleteGraceMs: number): Promise<void> {
  await inTransaction(db, async (tx) => {
    // Lock the counter row first: a delete committing meanwhile is then wholly seen or wholly after us.
    await tx.feedState.update({ where: { entity }, data: { holes: { increment: 0 } } });
    const purged = await tx.feedHole.deleteMany({
      where: deleteGraceMs === 0 ? { entity } : { entity, deletedAt: { lte: BigInt(Date.now() - deleteGraceMs) } },
    });
    if (purged.count === 0) return;
    const left = await tx.feedHole.aggregate({ where: { entity }, _count: { _all: true }, _min: { deletedAt: true } });
    await tx.feedState.update({
      where: { entity },
      data: { holes: left._count._all, oldestHoleAt: left._min.deletedAt, layout: { increment: 1 } },
    });
  });
}

/** The seqs of the first `length` slots, in order. */
class SlotIndex {
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

interface CacheEntry {
  index?: SlotIndex;
  loading?: Promise<void>;
}

const caches = new WeakMap<PrismaDb, Map<NumberedEntity, CacheEntry>>();

/** The numbering this process holds now, if it holds one and is not reloading it. */
function cachedIndex(db: Db, entity: NumberedEntity): SlotIndex | undefined {
  const entry = caches.get(db.read)?.get(entity);
  return entry && !entry.loading ? entry.index : undefined;
}

/** The cached numbering, reloaded after a purge and extended when it is shorter than `needed`. */
async function slotIndex(
  db: Db,
  entity: NumberedEntity,
  layout: number,
  needed: number,
  total: number,
): Promise<SlotIndex> {
  let perDb = caches.get(db.read);
  if (!perDb) caches.set(db.read, (perDb = new Map()));
  let entry = perDb.get(entity);
  if (!entry) perDb.set(entity, (entry = {}));

  // One load at a time per entity: a load started meanwhile may already cover this request.
  while (entry.loading) await entry.loading;
  const current = entry.index;
  if (current && current.layout === layout && current.length >= needed) return current;

  const index = current && current.layout === layout ? current : new SlotIndex(layout, total);
  const loading = loadSlotsAfter(db, entity, index).then(() => {
    entry.index = index;
  });
  // Waiters only need to know it ended; a failure reaches the request that started the load.
  entry.loading = loading.then(
    () => {
      entry.loading = undefined;
    },
    () => {
      entry.loading = undefined;
    },
  );
  await loading;
  return index;
}

const LOAD_BATCH = 20_000;

/** Slots after `after`: the table's rows and the entity's holes, merged by seq. */
const loadQueries: Record<NumberedEntity, (db: Db, after: number) => Promise<Array<{ seq: unknown }>>> = {
  orders: (db, after) => db.sql`
    SELECT seq FROM orders WHERE seq > ${after}
    UNION ALL SELECT seq FROM feed_holes WHERE entity = 'orders' AND seq > ${after}
    ORDER BY seq LIMIT ${LOAD_BATCH}`,
  customers: (db, after) => db.sql`
    SELECT seq FROM customers WHERE seq > ${after}
    UNION ALL SELECT seq FROM feed_holes WHERE entity = 'customers' AND seq > ${after}
    ORDER BY seq LIMIT ${LOAD_BATCH}`,
  products: (db, after) => db.sql`
    SELECT seq FROM products WHERE seq > ${after}
    UNION ALL SELECT seq FROM feed_holes WHERE entity = 'products' AND seq > ${after}
    ORDER BY seq LIMIT ${LOAD_BATCH}`,
};

/** Appends every slot after the last one the index holds: stored records and holes alike. */
async function loadSlotsAfter(db: Db, entity: NumberedEntity, index: SlotIndex): Promise<void> {
  for (;;) {
    const after = index.last;
    const rows = await loadQueries[entity](db, after);
    index.append(rows.map((row) => asNumber(row.seq)));
    if (rows.length < LOAD_BATCH) return;
  }
}
