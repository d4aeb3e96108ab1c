import type { Db } from '../db/client.js';
import type { ListPage } from '../db/entity.js';
import { asNumber } from '../db/sql.js';
import { currentState } from './numbering.js';
import { slotIndex, type NumberedEntity } from './slot-index.js';

/**
 * Merchant list pages that cost the same at any depth when nothing filters them, by paging
 * through the feed's numbering (numbering.ts) instead of OFFSET.
 *
 * The numbering lists slots, records and holes, and a list skips records only. Say the index
 * holds seq L at slot p. The p slots before it are the records below L and the holes below L,
 * h of them; so skipping p records means skipping the p - h records below L, then h more:
 * `seq >= L ORDER BY seq OFFSET h`, an OFFSET no larger than the holes still held. That holds
 * while the database has the slots the index has below L: a delete turns a record into a hole
 * and an insert comes after every slot, neither moves a slot; only a purge does, and a purge
 * changes the layout, which the page's statement checks along with its rows.
 */

/** Prisma leaves out a condition that is undefined, so a where of undefined values alone is no filter. */
const filters = (where: object) => Object.values(where).some((value) => value !== undefined);

/**
 * The findMany arguments of a list page: OFFSET when `where` filters (the numbering knows
 * nothing of filters), otherwise the seqs of the page's records, found through the numbering.
 */
export async function listPageArgs<Where extends object>(
  db: Db,
  entity: NumberedEntity,
  where: Where,
  page: ListPage,
): Promise<{ where: Where & { seq?: { in: number[] } }; skip: number; take: number }> {
  const { skip, take } = page;
  if (filters(where)) return { where, skip, take };
  return { where: { ...where, seq: { in: await pageSeqs(db, entity, page) } }, skip: 0, take };
}

/** How many records a list holds: the numbering's counter when nothing filters it, else `count()`. */
export async function listCount(
  db: Db,
  entity: NumberedEntity,
  where: object,
  count: () => Promise<number>,
): Promise<number> {
  if (filters(where)) return count();
  // The triggers keep `live` in the transaction that inserts or deletes, so it is the COUNT(*).
  const [row] = await db.sql`SELECT live FROM feed_state WHERE entity = ${entity}`;
  if (!row) throw new Error(`feed_state has no row for ${entity}; are the migrations applied?`);
  return asNumber(row.live);
}

async function pageSeqs(db: Db, entity: NumberedEntity, page: ListPage): Promise<number[]> {
  for (;;) {
    // Closing due holes first keeps the OFFSET to the holes of the grace period.
    const state = await currentState(db, entity, page.deleteGraceMs);
    const slots = state.live + state.holes;
    if (page.skip >= slots) return [];
    const index = await slotIndex(db, entity, state.layout, page.skip + 1, slots);
    if (page.skip >= index.length) return [];
    const rows = await pageQueries[entity](db, index.at(page.skip), page.take, index.layout);
    // No rows is also the answer when the layout moved on since the index was cut; then cut it again.
    if (rows.length > 0 || (await currentLayout(db, entity)) === index.layout) {
      return rows.map((row) => asNumber(row.seq));
    }
  }
}

async function currentLayout(db: Db, entity: NumberedEntity): Promise<number> {
  const [row] = await db.sql`SELECT layout FROM feed_state WHERE entity = ${entity}`;
  return asNumber(row?.layout);
}

type PageQuery = (db: Db, from: number, take: number, layout: number) => Promise<Array<{ seq: unknown }>>;

/**
 * Records from seq `from` on, past the holes below it: one statement, so the holes it counts,
 * the layout it checks and the rows it reads are of one moment.
 */
const pageQueries: Record<NumberedEntity, PageQuery> = {
  orders: (db, from, take, layout) => db.sql`
    SELECT seq FROM orders
    WHERE seq >= ${from} AND (SELECT layout FROM feed_state WHERE entity = 'orders') = ${layout}
    ORDER BY seq LIMIT ${take}
    OFFSET (SELECT count(*) FROM feed_holes WHERE entity = 'orders' AND seq < ${from})`,
  customers: (db, from, take, layout) => db.sql`
    SELECT seq FROM customers
    WHERE seq >= ${from} AND (SELECT layout FROM feed_state WHERE entity = 'customers') = ${layout}
    ORDER BY seq LIMIT ${take}
    OFFSET (SELECT count(*) FROM feed_holes WHERE entity = 'customers' AND seq < ${from})`,
  products: (db, from, take, layout) => db.sql`
    SELECT seq FROM products
    WHERE seq >= ${from} AND (SELECT layout FROM feed_state WHERE entity = 'products') = ${layout}
    ORDER BY seq LIMIT ${take}
    OFFSET (SELECT count(*) FROM feed_holes WHERE entity = 'products' AND seq < ${from})`,
};
