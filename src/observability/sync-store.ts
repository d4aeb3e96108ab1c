import type { Db, Tx } from '../db/client.js';
import { ENTITIES } from '../db/changes.js';
import { inTransaction } from '../db/transaction.js';

export type Refusal = 401 | 422 | 429 | 503;

/** What one instance counted of one crawl since its last write (sync-recorder.ts). */
export interface CrawlSegment {
  /** The row this instance already writes to; undefined the first time. */
  dbId: number | undefined;
  entity: string;
  tokenIndex: number;
  perPage: number;
  startedAt: Date;
  lastSeenAt: Date;
  sawFirstPage: boolean;
  newPages: number;
  highestPage: number;
  lastPage: number;
  finishedAt: Date | undefined;
  refused: Record<Refusal, number>;
}

export interface HourCounts {
  entity: string;
  hour: Date;
  feedPages: number;
  feedRefused: number;
  docsAccepted: number;
  docsRejected: number;
}

/** Up to this many crawls per entity are kept, and none older than this. */
const KEEP_CRAWLS = 1_000;
const KEEP_MS = 8 * 24 * 3_600_000;
const PRUNE_EVERY_MS = 10 * 60_000;
/** A crawl unseen for this long is over; one that had not reached its last page was abandoned. */
export const CRAWL_IDLE_MS = 30 * 60_000;

type CrawlRow = NonNullable<Awaited<ReturnType<Tx['crawl']['findFirst']>>>;

/**
 * The row a segment seen first by this instance belongs to: the newest crawl of its key, if
 * that was seen lately and this segment does not start afresh from page 1 after it.
 */
async function adoptable(tx: Tx, segment: CrawlSegment): Promise<CrawlRow | undefined> {
  const { entity, tokenIndex, perPage } = segment;
  const row = await tx.crawl.findFirst({ where: { entity, tokenIndex, perPage }, orderBy: { id: 'desc' } });
  if (!row || row.lastSeenAt.getTime() < segment.startedAt.getTime() - CRAWL_IDLE_MS) return undefined;
  const startsAgain = segment.sawFirstPage && row.sawFirstPage && (row.highestPage > 1 || row.lastPage <= 1);
  return startsAgain ? undefined : row;
}

function merged(row: CrawlRow, s: CrawlSegment) {
  const pagesServed = row.pagesServed + s.newPages;
  const highestPage = Math.max(row.highestPage, s.highestPage);
  const newer = s.lastSeenAt >= row.lastSeenAt;
  const lastPage = s.lastPage > 0 && (newer || row.lastPage === 0) ? s.lastPage : row.lastPage;
  const done = lastPage > 0 && pagesServed >= lastPage && highestPage >= lastPage;
  return {
    startedAt: s.startedAt < row.startedAt ? s.startedAt : row.startedAt,
    lastSeenAt: newer ? s.lastSeenAt : row.lastSeenAt,
    sawFirstPage: row.sawFirstPage || s.sawFirstPage,
    pagesServed,
    highestPage,
    lastPage,
    finishedAt: row.finishedAt ?? (done ? (s.finishedAt ?? s.lastSeenAt) : null),
    refused401: row.refused401 + s.refused[401],
    refused422: row.refused422 + s.refused[422],
    refused429: row.refused429 + s.refused[429],
    refused503: row.refused503 + s.refused[503],
  };
}

async function writeSegment(tx: Tx, s: CrawlSegment): Promise<CrawlRow> {
  const row =
    (s.dbId === undefined ? undefined : await tx.crawl.findUnique({ where: { id: s.dbId } })) ??
    (await adoptable(tx, s));
  if (row) return tx.crawl.update({ where: { id: row.id }, data: merged(row, s) });
  const done = s.lastPage > 0 && s.newPages >= s.lastPage && s.highestPage >= s.lastPage;
  return tx.crawl.create({
    data: {
      entity: s.entity,
      tokenIndex: s.tokenIndex,
      perPage: s.perPage,
      startedAt: s.startedAt,
      lastSeenAt: s.lastSeenAt,
      sawFirstPage: s.sawFirstPage,
      pagesServed: s.newPages,
      highestPage: s.highestPage,
      lastPage: s.lastPage,
      finishedAt: done ? (s.finishedAt ?? s.lastSeenAt) : null,
      refused401: s.refused[401],
      refused422: s.refused[422],
      refused429: s.refused[429],
      refused503: s.refused[503],
    },
  });
}

async function prune(tx: Tx, now: number): Promise<void> {
  const before = new Date(now - KEEP_MS);
  await tx.crawl.deleteMany({ where: { lastSeenAt: { lt: before } } });
  await tx.activityHour.deleteMany({ where: { hour: { lt: before } } });
  for (const entity of ENTITIES) {
    const edge = await tx.crawl.findFirst({
      where: { entity },
      orderBy: { id: 'desc' },
      skip: KEEP_CRAWLS,
      select: { id: true },
    });
    if (edge) await tx.crawl.deleteMany({ where: { entity, id: { lte: edge.id } } });
  }
}

const lastPrune = new WeakMap<Db, number>();

/**
 * Merges segments and hourly counts into their rows in one transaction. Writers from every
 * instance take turns on a lock row (a row lock until commit on PostgreSQL; SQLite writes one
 * transaction at a time anyway), so two instances never both create the row of one crawl, nor
 * lose each other's increments. Returns each segment's row as it stands after the write.
 */
export async function writeSync(
  db: Db,
  segments: readonly CrawlSegment[],
  hours: readonly HourCounts[],
  now: number,
): Promise<CrawlRow[]> {
  const due = now - (lastPrune.get(db) ?? 0) > PRUNE_EVERY_MS;
  const rows = await inTransaction(db, async (tx) => {
    await tx.writeLock.upsert({
      where: { name: 'sync_activity' },
      create: { name: 'sync_activity', version: 1 },
      update: { version: { increment: 1 } },
    });
    const written: CrawlRow[] = [];
    for (const segment of segments) written.push(await writeSegment(tx, segment));
    for (const h of hours) {
      const counts = {
        feedPages: h.feedPages,
        feedRefused: h.feedRefused,
        docsAccepted: h.docsAccepted,
        docsRejected: h.docsRejected,
      };
      await tx.activityHour.upsert({
        where: { entity_hour: { entity: h.entity, hour: h.hour } },
        create: { entity: h.entity, hour: h.hour, ...counts },
        update: Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, { increment: v }])),
      });
    }
    if (due) await prune(tx, now);
    return written;
  });
  if (due) lastPrune.set(db, now);
  return rows;
}
