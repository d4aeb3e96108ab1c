/** Retry schedule: exponential from one second, capped at an hour, with jitter. */
const BASE_MS = 1_000;
const CAP_MS = 3_600_000;

/** A rejected event (4xx other than 408/429) is tried this many times, then marked dead. */
export const MAX_REJECTED_ATTEMPTS = 3;

/**
 * Delay before the next attempt after `attempts` failures. Half the exponential delay is fixed
 * and half random, so receivers coming back up are not hit by every event at the same instant.
 * A Retry-After from the receiver is honoured (up to the cap) when it asks for longer.
 */
export function retryDelayMs(attempts: number, retryAfterMs?: number, random = Math.random): number {
  const exponential = Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, attempts - 1));
  const jittered = exponential / 2 + random() * (exponential / 2);
  return Math.min(CAP_MS, Math.max(jittered, retryAfterMs ?? 0));
}
