import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import type { Logger } from '../observability/logger.js';
import { inTransaction } from '../db/transaction.js';
import { recordAttempt } from './attempts.js';
import { deliver, type DeliveryOutcome } from './deliver.js';
import { readEndpointHealth, recordFailure, resumeEndpoint } from './endpoint.js';
import { eventBody } from './payload.js';
import { MAX_REJECTED_ATTEMPTS, nextAttemptAt } from './schedule.js';
import { webhookRequest } from './request.js';

export interface WorkerOptions {
  db: Db;
  config: Config;
  /** Events claimed per round. */
  batchSize?: number;
  /** Pause between rounds when there was nothing to do. */
  idleMs?: number;
  logger?: Logger;
}

interface ClaimedEvent {
  id: number;
  eventId: string;
  entity: string;
  action: string;
  entityKey: string;
  keyIsNumber: boolean;
  attempts: number;
  giveUpAt: Date;
}

const PRUNE_EVERY_MS = 10 * 60_000;

/** Settled without a request: a coalesced event (outbox.ts) and one whose entity is gone. */
const SKIPPED = 'skipped: the entity no longer exists';

/**
 * Delivers the outbox. Several workers (in several processes) may run against one database:
 * an event is claimed by a conditional update that only one of them can win, and the claim is
 * a lease longer than the request timeout, so no event is ever in flight from two workers at
 * once. A worker that dies leaves its lease to expire; the event is then sent again with the
 * same event id, which receivers use to drop duplicates.
 *
 * Per entity, only the oldest pending event is eligible, so a receiver never sees an update
 * before its create or anything after a delete.
 *
 * While the endpoint is paused (endpoint.ts) only the entities of events an operator retried
 * are sent; the first success resumes the endpoint.
 */
export class WebhookWorker {
  private readonly db: Db;
  private readonly config: Config;
  private readonly batchSize: number;
  private readonly idleMs: number;
  private readonly leaseMs: number;
  private readonly logger: Logger | undefined;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private lastPrune = 0;

  constructor(options: WorkerOptions) {
    this.db = options.db;
    this.config = options.config;
    this.batchSize = options.batchSize ?? 20;
    this.idleMs = options.idleMs ?? 1_000;
    // Longer than any one delivery can take (rendering plus a request bounded by the timeout).
    this.leaseMs = options.config.webhooks.timeoutMs * 2 + 5_000;
    this.logger = options.logger;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Finishes the round in progress (its requests are bounded by the timeout), then returns. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let delivered = 0;
      try {
        delivered = await this.runOnce();
        if (Date.now() - this.lastPrune > PRUNE_EVERY_MS) await this.prune();
      } catch (error) {
        this.logger?.error({ err: { message: (error as Error).message } }, 'webhook round failed');
      }
      if (delivered === 0 && this.running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.idleMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }

  /** Claims due events and sends them; returns how many were claimed. */
  async runOnce(now = new Date()): Promise<number> {
    const claimed = await this.claim(now);
    await Promise.all(claimed.map((event) => this.send(event, now)));
    return claimed.length;
  }

  private async claim(now: Date): Promise<ClaimedEvent[]> {
    const due = {
      status: 'pending',
      nextAttemptAt: { lte: now },
      OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }],
    };
    const scope = await this.pausedScope();
    if (scope === false) return [];
    const candidates = await this.db.read.webhookEvent.findMany({
      where: { ...due, ...scope },
      orderBy: { id: 'asc' },
      take: this.batchSize * 4,
    });
    if (candidates.length === 0) return [];
    // The oldest pending event of each entity is the only one that may go now.
    const heads = await this.db.read.webhookEvent.groupBy({
      by: ['entity', 'entityKey'],
      where: { status: 'pending', OR: candidates.map((c) => ({ entity: c.entity, entityKey: c.entityKey })) },
      _min: { id: true },
    });
    const headIds = new Set(heads.map((h) => h._min.id));
    const eligible = candidates.filter((c) => headIds.has(c.id)).slice(0, this.batchSize);
    const leaseUntil = new Date(now.getTime() + this.leaseMs);
    return inTransaction(this.db, async (tx) => {
      const won: ClaimedEvent[] = [];
      for (const event of eligible) {
        const { count } = await tx.webhookEvent.updateMany({
          where: { id: event.id, ...due },
          data: { leaseUntil, attempts: { increment: 1 } },
        });
        if (count === 1) won.push({ ...event, attempts: event.attempts + 1 });
      }
      return won;
    });
  }

  /**
   * While the endpoint is paused, only the entities an operator retried an event of may go (all
   * of their events, oldest first, so order holds even when the retried one is not the oldest);
   * `false` when there are none. Unpaused: no restriction.
   */
  private async pausedScope(): Promise<object | false> {
    const { paused } = await readEndpointHealth(this.db, this.config.webhooks.url!);
    if (!paused) return {};
    const asked = await this.db.read.webhookEvent.findMany({
      where: { status: 'pending', operatorRetry: true },
      select: { entity: true, entityKey: true },
      orderBy: { id: 'asc' },
      take: this.batchSize,
    });
    if (asked.length === 0) return false;
    return { AND: [{ OR: asked.map(({ entity, entityKey }) => ({ entity, entityKey })) }] };
  }

  private async send(event: ClaimedEvent, now: Date): Promise<void> {
    const rendered = await eventBody(this.db, event, this.config.storeTimeZone);
    if (rendered === undefined) {
      await this.settle(event, { kind: 'delivered', status: 0 }, now, false);
      return;
    }
    const topic = `${event.entity}/${event.action}`;
    const message = { id: event.eventId, topic, body: JSON.stringify(rendered), at: now };
    const outcome = await deliver(webhookRequest(this.config, message));
    await this.settle(event, outcome, now, true);
  }

  /** Records the attempt, the event's new state and the endpoint's health in one transaction. */
  private async settle(event: ClaimedEvent, outcome: DeliveryOutcome, now: Date, sent: boolean): Promise<void> {
    const { url, maxAgeMs, pauseAfterMs } = this.config.webhooks;
    const common = {
      leaseUntil: null,
      operatorRetry: false,
      lastStatus: 'status' in outcome ? (outcome.status ?? null) : null,
    };
    // Logged after the commit, so a transaction retried on a conflict logs once.
    const result = await inTransaction(this.db, async (tx) => {
      if (sent) await recordAttempt(tx, event.id, now, outcome);
      if (outcome.kind === 'delivered') {
        const data = { ...common, status: 'delivered', deliveredAt: now, lastError: sent ? null : SKIPPED };
        await tx.webhookEvent.update({ where: { id: event.id }, data });
        return { resumed: sent && (await resumeEndpoint(tx, url!, now, maxAgeMs)) };
      }
      const retryAfterMs = outcome.kind === 'retry' ? outcome.retryAfterMs : undefined;
      const next = nextAttemptAt({ attempts: event.attempts, now, giveUpAt: event.giveUpAt, retryAfterMs });
      const exhausted = next === undefined || (outcome.kind === 'rejected' && event.attempts >= MAX_REJECTED_ATTEMPTS);
      await tx.webhookEvent.update({
        where: { id: event.id },
        data: {
          ...common,
          status: exhausted ? 'dead' : 'pending',
          nextAttemptAt: next ?? now,
          lastError: outcome.error,
        },
      });
      const paused = await recordFailure(tx, { url: url!, now, pauseAfterMs, gone: outcome.kind === 'gone' });
      return { exhausted, paused, error: outcome.error };
    });
    const detail = { eventId: event.eventId, attempts: event.attempts };
    if ('resumed' in result) {
      if (result.resumed) this.logger?.warn({ ...detail, url }, 'webhook endpoint resumed: an event was delivered');
      return;
    }
    if (result.paused) this.logger?.error({ ...detail, url, reason: result.paused }, 'webhook endpoint paused');
    if (result.exhausted) this.logger?.error({ ...detail, error: result.error }, 'webhook event dead');
    else this.logger?.warn({ ...detail, error: result.error }, 'webhook delivery failed');
  }

  /**
   * Drops delivered and coalesced events older than the retention, with their attempts (the
   * foreign key cascades); dead ones stay for an operator.
   */
  async prune(now = new Date()): Promise<number> {
    this.lastPrune = now.getTime();
    const before = new Date(now.getTime() - this.config.webhooks.retentionMs);
    const { count } = await inTransaction(this.db, (tx) =>
      tx.webhookEvent.deleteMany({
        where: {
          OR: [
            { status: 'delivered', deliveredAt: { lt: before } },
            { status: 'coalesced', createdAt: { lt: before } },
          ],
        },
      }),
    );
    return count;
  }
}
