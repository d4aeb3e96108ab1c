import type { Db } from '../db/client.js';
import { asBigInt, asNumber } from '../db/sql.js';
import { inTransaction } from '../db/transaction.js';
import type { PageRequest } from './page.js';
import { cachedIndex, rangeOf, slotIndex, type NumberedEntity, type SeqRange } from './slot-index.js';

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

export interface PageSlots {
  /** Slots in the numbering: the records, plus the holes still held. */
  total: number;
  /** The seq range holding the page's records; undefined for a page past the end. */
  seq?: SeqRange;
}

export interface NumberingState {
  /** Rows in the entity's table, kept by the triggers in the same transaction as the rows. */
  live: number;
  holes: number;
  layout: number;
  oldestHoleAt: bigint | null;
}

/**
 * What a page query selects besides its rows, so that the counter row comes back in the same
 * statement (one round trip, one snapshot). Every feed page query ends its column list with it,
 * the entity's name in place of ENTITY; `stateOf` reads it back.
 *
 *   (SELECT live || ' ' || holes || ' ' || layout || ' ' || coalesce(CAST(oldest_hole_at AS TEXT), '-')
 *    FROM feed_state WHERE entity = 'ENTITY') AS feed_state
 */
export interface WithFeedState {
  feed_state: unknown;
}

function stateOf(row: WithFeedState): NumberingState {
  if (typeof row.feed_state !== 'string')
    throw new Error('feed_state has no row for this feed; are the migrations applied?');
  const [live, holes, layout, oldest] = row.feed_state.split(' ');
  return {
    live: Number(live),
    holes: Number(holes),
    layout: Number(layout),
    oldestHoleAt: oldest === '-' || oldest === undefined ? null : BigInt(oldest),
  };
}

/**
 * Page `request.page`: its rows, read by `rowsIn`, and the total to report with them. When this
 * process already knows where the page lies, that is one statement, which brings the counter
 * row along (WithFeedState); the rows stand if the counter shows that the numbering is still
 * the one they were located in.
 */
export async function readPage<Row extends WithFeedState>(
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
    // Another request may extend this very index while we wait, so the check below must use the
    // length the range was cut from, not the one the index has by then.
    const length = known.length;
    const rows = await rowsIn(rangeOf(known, first, end));
    // A range of holes only has no row to bring the counter along.
    const state = rows.length > 0 ? stateOf(rows[0]!) : await readState(db, entity);
    const total = state.live + state.holes;
    if (state.layout === known.layout && !holesDue(state, deleteGraceMs) && Math.min(total, end) <= length) {
      return { total, rows: first < total ? rows : [] };
    }
  }
  const { total, seq } = await locatePage(db, entity, request, deleteGraceMs);
  return { total, rows: seq ? await rowsIn(seq) : [] };
}

/** Where page `request.page` lies, and the total to report with it. */
export async function locatePage(
  db: Db,
  entity: NumberedEntity,
  request: PageRequest,
  deleteGraceMs: number,
): Promise<PageSlots> {
  const state = await currentState(db, entity, deleteGraceMs);
  const total = state.live + state.holes;
  const first = (request.page - 1) * request.perPage;
  if (first >= total) return { total };
  const end = first + request.perPage;
  const index = await slotIndex(db, entity, state.layout, Math.min(total, end), total);
  if (first >= index.length) return { total };
  return { total, seq: rangeOf(index, first, end) };
}

/** The counter row, once the holes older than the grace period are closed. */
export async function currentState(db: Db, entity: NumberedEntity, deleteGraceMs: number): Promise<NumberingState> {
  const state = await readState(db, entity);
  if (!holesDue(state, deleteGraceMs)) return state;
  await purgeHoles(db, entity, deleteGraceMs);
  return readState(db, entity);
}

async function readState(db: Db, entity: NumberedEntity): Promise<NumberingState> {
  const [row] = await db.sql`SELECT live, holes, layout, oldest_hole_at FROM feed_state WHERE entity = ${entity}`;
  if (!row) throw new Error(`feed_state has no row for ${entity}; are the migrations applied?`);
  return {
    live: asNumber(row.live),
    holes: asNumber(row.holes),
    layout: asNumber(row.layout),
    oldestHoleAt: row.oldest_hole_at === null ? null : asBigInt(row.oldest_hole_at),
  };
}

function holesDue(state: NumberingState, deleteGraceMs: number): boolean {
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
