import type { Db, Tx } from '../db/client.js';

/**
 * The health of the webhook endpoint, one row per URL in the database, so every worker of every
 * instance sees the same pause. A pause stops new attempts (except those an operator asked for)
 * but not recording: events keep queuing and are sent once the endpoint is resumed.
 */
export interface EndpointHealth {
  paused: boolean;
  pausedAt: Date | null;
  pauseReason: string | null;
  /** Start of the current unbroken run of failed attempts. */
  failingSince: Date | null;
}

const HEALTHY: EndpointHealth = { paused: false, pausedAt: null, pauseReason: null, failingSince: null };

export async function readEndpointHealth(db: Db, url: string): Promise<EndpointHealth> {
  const row = await db.read.webhookEndpoint.findUnique({ where: { url } });
  if (!row) return HEALTHY;
  return {
    paused: row.pausedAt !== null,
    pausedAt: row.pausedAt,
    pauseReason: row.pauseReason,
    failingSince: row.failingSince,
  };
}

export interface FailureInput {
  url: string;
  now: Date;
  pauseAfterMs: number;
  /** A 410 Gone: the receiver says the endpoint no longer exists, so it is paused at once. */
  gone: boolean;
}

/**
 * After a failed attempt: starts the failing run if none is running, and pauses the endpoint
 * when the run has lasted `pauseAfterMs` or the receiver answered 410. Returns the reason when
 * this very call paused it (so exactly one worker logs the pause), otherwise undefined.
 */
export async function recordFailure(tx: Tx, input: FailureInput): Promise<string | undefined> {
  const { url, now, pauseAfterMs, gone } = input;
  // Conditional statements only, so concurrent workers can neither lose the start of the run
  // nor both claim to have paused it.
  await tx.$executeRaw`INSERT INTO webhook_endpoints (url) VALUES (${url}) ON CONFLICT (url) DO NOTHING`;
  await tx.webhookEndpoint.updateMany({ where: { url, failingSince: null }, data: { failingSince: now } });
  const row = await tx.webhookEndpoint.findUniqueOrThrow({ where: { url } });
  if (row.pausedAt !== null) return undefined;
  const failingMs = now.getTime() - row.failingSince!.getTime();
  if (!gone && failingMs < pauseAfterMs) return undefined;
  const reason = gone
    ? 'the endpoint answered 410 Gone'
    : `every attempt failed for ${Math.round(failingMs / 3_600_000)} hours`;
  const { count } = await tx.webhookEndpoint.updateMany({
    where: { url, pausedAt: null },
    data: { pausedAt: now, pauseReason: reason },
  });
  return count === 1 ? reason : undefined;
}

/**
 * The endpoint is healthy again. Touches the row only when it is not healthy already, so a
 * success, the common case, writes nothing. Returns whether it had been paused.
 */
async function markHealthy(tx: Tx, url: string): Promise<boolean> {
  const paused = await tx.webhookEndpoint.count({ where: { url, pausedAt: { not: null } } });
  await tx.webhookEndpoint.updateMany({
    where: { url, OR: [{ failingSince: { not: null } }, { pausedAt: { not: null } }] },
    data: { failingSince: null, pausedAt: null, pauseReason: null },
  });
  return paused > 0;
}

/**
 * Resumes a paused endpoint: healthy again, and every waiting event gets a fresh window from
 * now, since the time spent paused was not its receiver's to use. Returns whether it was paused.
 */
export async function resumeEndpoint(tx: Tx, url: string, now: Date, windowMs: number): Promise<boolean> {
  const wasPaused = await markHealthy(tx, url);
  if (wasPaused) {
    await tx.webhookEvent.updateMany({
      where: { status: 'pending' },
      data: { nextAttemptAt: now, giveUpAt: new Date(now.getTime() + windowMs) },
    });
  }
  return wasPaused;
}
