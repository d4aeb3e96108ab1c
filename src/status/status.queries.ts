import type { Db } from '../db/client.js';
import { ENTITIES, type Entity } from '../db/changes.js';
import { asNumber } from '../db/sql.js';
import { CRAWL_IDLE_MS } from '../observability/sync-store.js';
import { shopIdToJson } from '../shared/ids.js';

const HOUR_MS = 3_600_000;
const WEEK_MS = 7 * 24 * HOUR_MS;
/** The activity chart's span. */
const ACTIVITY_HOURS = 48;

type CrawlRow = NonNullable<Awaited<ReturnType<Db['read']['crawl']['findFirst']>>>;

const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;

/** How many of an entity's latest crawls the status lists. */
const RECENT_CRAWLS = 10;

/**
 * A crawl as the status shows it: the token by its position (1-based), never the token. One
 * that did not finish is abandoned once it has been idle for CRAWL_IDLE_MS or a newer crawl of
 * the same token and per_page has begun.
 */
function crawlView(row: CrawlRow, now: number, superseded = false) {
  const state = row.finishedAt
    ? 'finished'
    : superseded || now - row.lastSeenAt.getTime() > CRAWL_IDLE_MS
      ? 'abandoned'
      : 'running';
  return {
    token: row.tokenIndex < 0 ? null : row.tokenIndex + 1,
    per_page: row.perPage,
    started_at: row.startedAt.toISOString(),
    last_seen_at: row.lastSeenAt.toISOString(),
    pages_served: row.pagesServed,
    highest_page: row.highestPage,
    last_page: row.lastPage,
    state,
    finished: row.finishedAt !== null,
    finished_at: iso(row.finishedAt),
    duration_seconds: row.finishedAt ? (row.finishedAt.getTime() - row.startedAt.getTime()) / 1000 : null,
    refused: { 401: row.refused401, 422: row.refused422, 429: row.refused429, 503: row.refused503 },
  };
}

type CrawlView = ReturnType<typeof crawlView>;
const refusedTotal = (crawl: CrawlView) => Object.values(crawl.refused).reduce((a, b) => a + b, 0);

/** Records in the feed: the numbering's counter where there is one, a count for categories. */
async function records(db: Db, entity: Entity): Promise<number> {
  if (entity === 'categories') return db.read.category.count();
  const [row] = await db.sql`SELECT live FROM feed_state WHERE entity = ${entity}`;
  return row ? asNumber(row.live) : 0;
}

async function lastChange(db: Db, entity: Entity): Promise<Date | null> {
  const args = { _max: { updatedAt: true } } as const;
  const result =
    entity === 'orders'
      ? await db.read.order.aggregate(args)
      : entity === 'customers'
        ? await db.read.customer.aggregate(args)
        : entity === 'products'
          ? await db.read.product.aggregate(args)
          : await db.read.category.aggregate(args);
  return result._max.updatedAt;
}

async function entityStatus(db: Db, entity: Entity, now: number, staleAfterMs: number) {
  const [count, changed, recent, lastFinished, week] = await Promise.all([
    records(db, entity),
    lastChange(db, entity),
    db.read.crawl.findMany({
      where: { entity },
      orderBy: [{ lastSeenAt: 'desc' }, { id: 'desc' }],
      take: RECENT_CRAWLS,
    }),
    db.read.crawl.findFirst({ where: { entity, finishedAt: { not: null } }, orderBy: { finishedAt: 'desc' } }),
    db.read.crawl.count({ where: { entity, startedAt: { gte: new Date(now - WEEK_MS) } } }),
  ]);
  const views = recent.map((row) => {
    const newer = recent.some(
      (other) => other.id > row.id && other.tokenIndex === row.tokenIndex && other.perPage === row.perPage,
    );
    return crawlView(row, now, newer);
  });
  const lastCrawl = views[0] ?? null;
  const finished = lastFinished ? crawlView(lastFinished, now) : null;
  return {
    records: count,
    last_change_at: iso(changed),
    last_crawl: lastCrawl,
    last_finished_crawl: finished,
    recent_crawls: views,
    crawls_7d: week,
    stale: !lastFinished?.finishedAt || now - lastFinished.finishedAt.getTime() > staleAfterMs,
    // The latest crawl was refused and did not get through: a wrong token, a bad per_page, an outage.
    failing: lastCrawl !== null && !lastCrawl.finished && refusedTotal(lastCrawl) > 0,
  };
}

export async function entitiesStatus(db: Db, now: number, staleAfterMs: number) {
  const all = await Promise.all(ENTITIES.map((entity) => entityStatus(db, entity, now, staleAfterMs)));
  return Object.fromEntries(ENTITIES.map((entity, i) => [entity, all[i]!])) as Record<Entity, (typeof all)[number]>;
}

/**
 * Hourly series over the last ACTIVITY_HOURS hours, oldest first, one array per entity and
 * measure, ready for a chart: feed pages served and refused, documents accepted and refused.
 */
export async function activity(db: Db, now: number) {
  const current = now - (now % HOUR_MS);
  const first = current - (ACTIVITY_HOURS - 1) * HOUR_MS;
  const rows = await db.read.activityHour.findMany({ where: { hour: { gte: new Date(first) } } });
  const hours = Array.from({ length: ACTIVITY_HOURS }, (_, i) => new Date(first + i * HOUR_MS).toISOString());
  const series = () =>
    Object.fromEntries(ENTITIES.map((e) => [e, Array<number>(ACTIVITY_HOURS).fill(0)])) as Record<Entity, number[]>;
  const feed = { hours, pages: series(), refused: series() };
  const ingestion = { hours, accepted: series(), rejected: series() };
  for (const row of rows) {
    const slot = Math.round((row.hour.getTime() - first) / HOUR_MS);
    const entity = row.entity as Entity;
    if (slot < 0 || slot >= ACTIVITY_HOURS || !ENTITIES.includes(entity)) continue;
    feed.pages[entity][slot]! += row.feedPages;
    feed.refused[entity][slot]! += row.feedRefused;
    ingestion.accepted[entity][slot]! += row.docsAccepted;
    ingestion.rejected[entity][slot]! += row.docsRejected;
  }
  return { feed, ingestion };
}

/** The webhook target as it may be shown: no user, password, query or fragment. */
function publicTarget(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
}

/** The outbox, read with queries of its own (the delivery worker's are not for sharing). */
export async function webhooksStatus(db: Db, url: string, now: number) {
  const events = db.read.webhookEvent;
  const [pending, dead, delivered, failed, byTopic, endpoint] = await Promise.all([
    events.aggregate({ where: { status: 'pending' }, _count: { _all: true }, _min: { createdAt: true } }),
    events.count({ where: { status: 'dead' } }),
    events.findFirst({ where: { status: 'delivered' }, orderBy: { deliveredAt: 'desc' } }),
    events.findFirst({ where: { status: { not: 'delivered' }, lastError: { not: null } }, orderBy: { id: 'desc' } }),
    events.groupBy({ by: ['entity', 'action', 'status'], _count: { _all: true } }),
    db.read.webhookEndpoint.findUnique({ where: { url } }),
  ]);
  type Counts = Record<'pending' | 'delivered' | 'dead' | 'coalesced', number>;
  const topics = new Map<string, { topic: string } & Counts>();
  for (const group of byTopic) {
    const topic = `${group.entity}/${group.action}`;
    const counts = topics.get(topic) ?? { topic, pending: 0, delivered: 0, dead: 0, coalesced: 0 };
    if (['pending', 'delivered', 'dead', 'coalesced'].includes(group.status)) {
      counts[group.status as keyof Counts] += group._count._all;
    }
    topics.set(topic, counts);
  }
  const oldest = pending._min.createdAt;
  const event = (row: NonNullable<typeof delivered>) => ({
    id: row.eventId,
    topic: `${row.entity}/${row.action}`,
    entity_id: shopIdToJson(row.entityKey, row.keyIsNumber),
    status: row.status,
    attempts: row.attempts,
    last_status: row.lastStatus,
    last_error: row.lastError,
    delivered_at: iso(row.deliveredAt),
  });
  return {
    target: publicTarget(url),
    paused: endpoint?.pausedAt != null,
    pause_reason: endpoint?.pausedAt != null ? endpoint.pauseReason : null,
    pending: pending._count._all,
    dead,
    oldest_pending_seconds: oldest ? Math.max(0, (now - oldest.getTime()) / 1000) : null,
    last_delivery: delivered ? event(delivered) : null,
    last_failure: failed ? event(failed) : null,
    by_topic: [...topics.values()].sort((a, b) => a.topic.localeCompare(b.topic)),
  };
}

/** Migrations this build knows, and which of them the database has applied. */
export async function migrationsStatus(db: Db, known: readonly string[]) {
  const applied: Array<{ migration_name: string }> = await db.read.$queryRawUnsafe(
    'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
  );
  const done = new Set(applied.map((row) => row.migration_name));
  return {
    applied: applied.length,
    latest: [...done].sort().at(-1) ?? null,
    pending: known.filter((name) => !done.has(name)),
  };
}
