import type { AuthThrottleOptions } from '../config.js';
import { HttpError } from './errors.js';

/**
 * What one tracked address costs, roughly: the Map entry, the record and the key's characters
 * (two bytes each). Keys are IP addresses or IPv6 /64s, so an entry stays near this size.
 */
const bytesOf = (address: string) => 160 + 2 * address.length;

interface Failures {
  count: number;
  /** When the address's window ends and its failures are forgotten (ms since the epoch). */
  resetAt: number;
  /** When the latest slowed answer goes out: the next one waits its turn after it. */
  releaseAt: number;
}

/**
 * Counts failed authentications per client address, in this process's memory. Only failures
 * count, so a client that always presents a valid secret is never slowed or refused, however
 * fast it crawls. After `slowdownAfter` failures each further failure is answered late, one
 * after another, so guesses sent side by side take as long as guesses sent in turn; after
 * `blockAfter` the address gets 429 with Retry-After, valid secret or not (otherwise the 429
 * would itself tell a guess apart), until its window ends.
 */
export class AuthThrottle {
  /** Addresses still below `blockAfter`, oldest window first: the first to go when memory is short. */
  private readonly counting = new Map<string, Failures>();
  /** Refused addresses, forgotten only when nothing else is left to forget. */
  private readonly blocked = new Map<string, Failures>();
  private bytes = 0;

  constructor(
    private readonly options: AuthThrottleOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** Throws a 429 while the address is refused. */
  refuseIfBlocked(address: string): void {
    const entry = this.current(this.blocked, address);
    if (!entry) return;
    const seconds = Math.max(1, Math.ceil((entry.resetAt - this.now()) / 1000));
    throw new HttpError(429, 'Too many failed attempts. Retry later.', { headers: { 'Retry-After': String(seconds) } });
  }

  /** Records a failed attempt and resolves when its answer may go out. */
  async recordFailure(address: string): Promise<void> {
    const now = this.now();
    let entry = this.current(this.counting, address) ?? this.current(this.blocked, address);
    if (!entry) {
      this.makeRoom(bytesOf(address));
      entry = { count: 0, resetAt: now + this.options.windowMs, releaseAt: now };
      this.counting.set(address, entry);
      this.bytes += bytesOf(address);
    }
    entry.count++;
    if (entry.count >= this.options.blockAfter && this.counting.delete(address)) this.blocked.set(address, entry);
    if (entry.count > this.options.slowdownAfter && this.options.slowdownMs > 0) {
      entry.releaseAt = Math.max(now, entry.releaseAt) + this.options.slowdownMs;
      const wait = entry.releaseAt - now;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  private current(map: Map<string, Failures>, address: string): Failures | undefined {
    const entry = map.get(address);
    if (entry && entry.resetAt <= this.now()) {
      this.forget(map, address);
      return undefined;
    }
    return entry;
  }

  private forget(map: Map<string, Failures>, address: string): void {
    if (map.delete(address)) this.bytes -= bytesOf(address);
  }

  /**
   * Keeps memory within its budget when many addresses fail (a spread-out attack). Windows all
   * last as long, so each map's first entries expire first: expired ones go, then the oldest
   * counting ones, and a refused address only when no counting one is left.
   */
  private makeRoom(needed: number): void {
    const now = this.now();
    for (const map of [this.counting, this.blocked]) {
      for (const [address, entry] of map) {
        if (entry.resetAt > now) break;
        this.forget(map, address);
      }
    }
    for (const map of [this.counting, this.blocked]) {
      for (const address of map.keys()) {
        if (this.bytes + needed <= this.options.maxBytes) return;
        this.forget(map, address);
      }
    }
  }
}
