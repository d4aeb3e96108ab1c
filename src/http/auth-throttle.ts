import type { AuthThrottleOptions } from '../config.js';
import { HttpError } from './errors.js';

/** Beyond this many addresses, expired ones are swept and then the oldest forgotten. */
const MAX_TRACKED_ADDRESSES = 100_000;

interface Failures {
  count: number;
  /** When the address's window ends and its failures are forgotten (ms since the epoch). */
  resetAt: number;
}

/**
 * Counts failed authentications per client address, in this process's memory. Only failures
 * count, so a client that always presents a valid secret is never slowed or refused, however
 * fast it crawls. After `slowdownAfter` failures each further failure is answered late; after
 * `blockAfter` the address gets 429 with Retry-After, valid secret or not (otherwise the 429
 * would itself tell a guess apart), until its window ends.
 */
export class AuthThrottle {
  private readonly failures = new Map<string, Failures>();

  constructor(
    private readonly options: AuthThrottleOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** Throws a 429 while the address is refused. */
  refuseIfBlocked(address: string): void {
    const entry = this.current(address);
    if (!entry || entry.count < this.options.blockAfter) return;
    const seconds = Math.max(1, Math.ceil((entry.resetAt - this.now()) / 1000));
    throw new HttpError(429, 'Too many failed attempts. Retry later.', { headers: { 'Retry-After': String(seconds) } });
  }

  /** Records a failed attempt and resolves when its answer may go out. */
  async recordFailure(address: string): Promise<void> {
    let entry = this.current(address);
    if (!entry) {
      this.makeRoom();
      entry = { count: 0, resetAt: this.now() + this.options.windowMs };
      this.failures.set(address, entry);
    }
    entry.count++;
    if (entry.count > this.options.slowdownAfter && this.options.slowdownMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, this.options.slowdownMs));
    }
  }

  private current(address: string): Failures | undefined {
    const entry = this.failures.get(address);
    if (entry && entry.resetAt <= this.now()) {
      this.failures.delete(address);
      return undefined;
    }
    return entry;
  }

  /** Keeps memory bounded when many addresses fail (a spread-out attack). */
  private makeRoom(): void {
    if (this.failures.size < MAX_TRACKED_ADDRESSES) return;
    const now = this.now();
    for (const [address, entry] of this.failures) if (entry.resetAt <= now) this.failures.delete(address);
    // Entries are kept in insertion order, so the first one has the oldest window.
    const oldest = this.failures.keys().next();
    if (this.failures.size >= MAX_TRACKED_ADDRESSES && !oldest.done) this.failures.delete(oldest.value);
  }
}
