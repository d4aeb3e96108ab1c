const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * The wait after each failed attempt, in the spirit of Svix's schedule (now, 5 s, 5 min, 30 min,
 * 2 h, 5 h, 10 h, 10 h) but carried on every 12 hours (the last wait repeats) to outlast a
 * weekend, with a last attempt when the window closes: 12 attempts in the default 72 hours.
 * docs/webhooks.md shows the same table.
 */
export const RETRY_SCHEDULE_MS = [
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  10 * HOUR,
  12 * HOUR,
] as const;

/**
 * Each wait is lengthened by a random share up to this, so retries of many events spread out.
 * Only lengthened: the table stays a lower bound, and the count of attempts in a window is fixed.
 */
export const JITTER = 0.1;

/** A Retry-After longer than this is read as this: a receiver cannot park an event for weeks. */
export const RETRY_AFTER_CAP_MS = 24 * HOUR;

/** A rejected event (4xx other than 408, 410 and 429) is tried this many times, then marked dead. */
export const MAX_REJECTED_ATTEMPTS = 3;

export interface RetryInput {
  /** Attempts made so far, the failed one included (1 after the first). */
  attempts: number;
  now: Date;
  /** The end of the event's retry window. */
  giveUpAt: Date;
  retryAfterMs?: number | undefined;
  random?: () => number;
}

/**
 * When to try again after a failure, or undefined once the window is spent. The scheduled wait
 * (with jitter) is lengthened to a receiver's Retry-After; a retry that would fall past the
 * window's end is moved to the end itself, so the last attempt comes when the window closes.
 */
export function nextAttemptAt({ attempts, now, giveUpAt, retryAfterMs, random = Math.random }: RetryInput) {
  const step = RETRY_SCHEDULE_MS[Math.min(Math.max(attempts, 1), RETRY_SCHEDULE_MS.length) - 1]!;
  const scheduled = step * (1 + JITTER * random());
  const wait = Math.max(scheduled, Math.min(retryAfterMs ?? 0, RETRY_AFTER_CAP_MS));
  const at = new Date(now.getTime() + wait);
  if (at <= giveUpAt) return at;
  return now < giveUpAt ? giveUpAt : undefined;
}
