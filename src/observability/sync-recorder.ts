import type { Db } from '../db/client.js';
import type { Entity } from '../db/changes.js';
import type { Logger } from './logger.js';
import { CRAWL_IDLE_MS, writeSync, type CrawlSegment, type HourCounts, type Refusal } from './sync-store.js';

/** How often this instance writes what it counted; /api/status writes first, so it never lags itself. */
const FLUSH_EVERY_MS = 2_000;

const REFUSALS: ReadonlySet<number> = new Set<Refusal>([401, 422, 429, 503]);

/** Which pages of a crawl this instance served, one bit a page (a crawl of 12,000 pages is 1.5 KB). */
class PageSet {
  private bits = new Uint8Array(16);
  size = 0;

  /** True when the page was not in the set yet. */
  add(page: number): boolean {
    const byte = page >> 3;
    if (byte >= this.bits.length) {
      const grown = new Uint8Array(Math.max(byte + 1, this.bits.length * 2));
      grown.set(this.bits);
      this.bits = grown;
    }
    const mask = 1 << (page & 7);
    if (this.bits[byte]! & mask) return false;
    this.bits[byte]! |= mask;
    this.size++;
    return true;
  }
}

/** This instance's view of one crawl, and what of it is not in the database yet. */
interface LocalCrawl {
  entity: Entity;
  tokenIndex: number;
  perPage: number;
  dbId?: number;
  pages: PageSet;
  startedAt: number;
  lastSeenAt: number;
  sawFirstPage: boolean;
  highestPage: number;
  lastPage: number;
  finishedAt?: number;
  /** Counted since the last write. */
  newPages: number;
  refused: Record<Refusal, number>;
  dirty: boolean;
}

const noRefusals = (): Record<Refusal, number> => ({ 401: 0, 422: 0, 429: 0, 503: 0 });
const hourOf = (ms: number) => ms - (ms % 3_600_000);

export interface FeedAnswer {
  entity: Entity;
  status: number;
  /** Position of the matching token in CONVERTEDIN_TOKEN; -1 when none matched. */
  tokenIndex: number;
  page: number;
  /** 0 when the request's per_page could not be read. */
  perPage: number;
  /** From the answer; only for a 200. */
  lastPage?: number;
}

/**
 * Counts feed crawls and hourly activity in memory and writes them every two seconds in one
 * transaction, so the feed's own requests never wait on a write. Every instance merges its
 * counts into the same rows (sync-store.ts), so the history is the same whichever answers.
 *
 * Crawl boundaries: pages may come in any order, so a crawl is not "page 1 to last_page in
 * order" but the pages one token asks for with one per_page until either it asks for page 1
 * again after having gone past it, or it falls silent for CRAWL_IDLE_MS. It is finished once
 * as many distinct pages as `last_page` were served, the last one included.
 */
export class SyncRecorder {
  private readonly crawls = new Map<string, LocalCrawl>();
  /** Crawls replaced by a newer one of the same key, kept until their last counts are written. */
  private retired: LocalCrawl[] = [];
  private hours = new Map<string, HourCounts>();
  private queue: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Db,
    private readonly options: { trackFeed: boolean; logger?: Logger; now?: () => number },
  ) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** Starts the periodic write; it never keeps the process alive on its own. */
  start(): void {
    this.timer ??= setInterval(() => void this.flush(), FLUSH_EVERY_MS);
    this.timer.unref();
  }

  /** Stops the periodic write and writes what is left. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  feedAnswered(answer: FeedAnswer): void {
    if (!this.options.trackFeed) return;
    const { status } = answer;
    if (status !== 200 && !REFUSALS.has(status)) return;
    const now = this.now();
    // A token that matched none has no crawl of its own per per_page: that would let a guesser
    // grow this map with every per_page it tries.
    const perPage = answer.tokenIndex < 0 ? 0 : answer.perPage;
    const key = `${answer.entity}|${answer.tokenIndex}|${perPage}`;
    let crawl = this.crawls.get(key);
    const restarts =
      status === 200 && answer.page === 1 && crawl?.sawFirstPage && (crawl.highestPage > 1 || crawl.lastPage <= 1);
    if (!crawl || now - crawl.lastSeenAt > CRAWL_IDLE_MS || restarts) {
      if (crawl?.dirty) this.retired.push(crawl);
      crawl = {
        entity: answer.entity,
        tokenIndex: answer.tokenIndex,
        perPage,
        pages: new PageSet(),
        startedAt: now,
        lastSeenAt: now,
        sawFirstPage: false,
        highestPage: 0,
        lastPage: 0,
        newPages: 0,
        refused: noRefusals(),
        dirty: false,
      };
      this.crawls.set(key, crawl);
    }
    crawl.lastSeenAt = now;
    crawl.dirty = true;
    const hour = this.hour(answer.entity, now);
    if (status !== 200) {
      crawl.refused[status as Refusal]++;
      hour.feedRefused++;
      return;
    }
    hour.feedPages++;
    const lastPage = answer.lastPage ?? 0;
    crawl.lastPage = lastPage;
    // A page past the end is an empty answer, not a page of the crawl.
    if (answer.page > lastPage) return;
    if (answer.page === 1) crawl.sawFirstPage = true;
    crawl.highestPage = Math.max(crawl.highestPage, answer.page);
    if (crawl.pages.add(answer.page)) crawl.newPages++;
    if (crawl.finishedAt === undefined && crawl.pages.size >= lastPage && crawl.highestPage >= lastPage) {
      crawl.finishedAt = now;
    }
  }

  /** Documents the merchant API accepted or refused (a refused bulk push refuses all of them). */
  documents(entity: Entity, accepted: number, rejected: number): void {
    const hour = this.hour(entity, this.now());
    hour.docsAccepted += accepted;
    hour.docsRejected += rejected;
  }

  private hour(entity: Entity, now: number): HourCounts {
    const at = hourOf(now);
    const key = `${entity}|${at}`;
    let counts = this.hours.get(key);
    if (!counts) {
      counts = { entity, hour: new Date(at), feedPages: 0, feedRefused: 0, docsAccepted: 0, docsRejected: 0 };
      this.hours.set(key, counts);
    }
    return counts;
  }

  /** Writes everything counted so far; runs one write at a time, and never throws. */
  flush(): Promise<void> {
    this.queue = this.queue.then(() => this.writeOnce());
    return this.queue;
  }

  private async writeOnce(): Promise<void> {
    const crawls = [...this.retired, ...[...this.crawls.values()].filter((c) => c.dirty)];
    const hours = [...this.hours.values()];
    if (crawls.length === 0 && hours.length === 0) return;
    const segments = crawls.map((crawl): CrawlSegment => {
      const segment = {
        dbId: crawl.dbId,
        entity: crawl.entity,
        tokenIndex: crawl.tokenIndex,
        perPage: crawl.perPage,
        startedAt: new Date(crawl.startedAt),
        lastSeenAt: new Date(crawl.lastSeenAt),
        sawFirstPage: crawl.sawFirstPage,
        newPages: crawl.newPages,
        highestPage: crawl.highestPage,
        lastPage: crawl.lastPage,
        finishedAt: crawl.finishedAt === undefined ? undefined : new Date(crawl.finishedAt),
        refused: crawl.refused,
      };
      crawl.newPages = 0;
      crawl.refused = noRefusals();
      crawl.dirty = false;
      return segment;
    });
    const retired = this.retired;
    this.retired = [];
    this.hours = new Map();
    try {
      const rows = await writeSync(this.db, segments, hours, this.now());
      rows.forEach((row, i) => {
        // What other instances added: the next page 1 must know the crawl had gone past it.
        const crawl = crawls[i]!;
        crawl.dbId = row.id;
        crawl.sawFirstPage ||= row.sawFirstPage;
        crawl.highestPage = Math.max(crawl.highestPage, row.highestPage);
      });
      this.forgetIdle();
    } catch (error) {
      // Put the counts back; the next write takes them along.
      segments.forEach((segment, i) => {
        const crawl = crawls[i]!;
        crawl.newPages += segment.newPages;
        for (const status of REFUSALS) crawl.refused[status as Refusal] += segment.refused[status as Refusal];
        crawl.dirty = true;
      });
      this.retired.push(...retired);
      for (const counts of hours) {
        const merged = this.hour(counts.entity as Entity, counts.hour.getTime());
        merged.feedPages += counts.feedPages;
        merged.feedRefused += counts.feedRefused;
        merged.docsAccepted += counts.docsAccepted;
        merged.docsRejected += counts.docsRejected;
      }
      this.options.logger?.warn({ err: { message: (error as Error).message } }, 'sync activity not written yet');
    }
  }

  /** Keeps memory bounded: a crawl idle past CRAWL_IDLE_MS, and written, is over for good. */
  private forgetIdle(): void {
    const now = this.now();
    for (const [key, crawl] of this.crawls) {
      if (!crawl.dirty && now - crawl.lastSeenAt > CRAWL_IDLE_MS) this.crawls.delete(key);
    }
  }
}
