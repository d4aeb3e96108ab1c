import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { AuthThrottle } from './auth-throttle.js';
import { clientKey } from './client-address.js';
import { unauthorized } from './errors.js';

/**
 * Compares a presented secret with the configured ones in constant time. Both sides are first
 * reduced to an HMAC under a per-process random key, so the comparison always runs over 32
 * bytes: it neither leaks the secret's length nor throws when lengths differ. Every configured
 * secret is checked, so timing does not reveal which one matched.
 */
function secretMatcher(secrets: readonly string[]): (presented: unknown) => number {
  const key = randomBytes(32);
  const digest = (value: string) => createHmac('sha256', key).update(value, 'utf8').digest();
  const expected = secrets.map(digest);
  /** The position of the matching secret, or -1. */
  return (presented) => {
    if (typeof presented !== 'string' || presented === '') return -1;
    const candidate = digest(presented);
    let matched = -1;
    expected.forEach((secret, index) => {
      if (timingSafeEqual(candidate, secret)) matched = index;
    });
    return matched;
  };
}

/** Apps whose log already says that X-Forwarded-For carried something other than an address. */
const warnedOfForgery = new WeakSet<AuthThrottle>();

/** The client's throttle key; a forged X-Forwarded-For is said once per app, not once per request. */
function addressOf(throttle: AuthThrottle, req: Request): string {
  return clientKey(req, (forwarded) => {
    if (warnedOfForgery.has(throttle)) return;
    warnedOfForgery.add(throttle);
    req.log.warn(
      { forwarded: forwarded.slice(0, 100) },
      "X-Forwarded-For is not an IP address: counting the connection's address instead (is TRUST_PROXY right?)",
    );
  });
}

/**
 * Refuses an address that failed too often, then lets a valid secret through; a wrong one is
 * counted (and answered late once the address has failed repeatedly) before its 401.
 */
async function admit(throttle: AuthThrottle, req: Request, valid: boolean, message: string): Promise<void> {
  const address = addressOf(throttle, req);
  throttle.refuseIfBlocked(address);
  if (valid) return;
  await throttle.recordFailure(address);
  throw unauthorized(message);
}

/** Merchant API: `Authorization: <key>` or `Authorization: Bearer <key>`. */
export function requireMerchantKey(keys: readonly string[], throttle: AuthThrottle): RequestHandler {
  const matches = secretMatcher(keys);
  return async (req, _res, next) => {
    const header = req.get('authorization')?.trim() ?? '';
    const presented = /^bearer\s+/i.test(header) ? header.replace(/^bearer\s+/i, '') : header;
    const valid = matches(presented) >= 0;
    await admit(throttle, req, valid, 'A valid API key is required in the Authorization header.');
    next();
  };
}

/**
 * Feed: the token travels in the body only, never in the query string where logs keep it.
 * Which token matched (its position, never the token) is left in `res.locals.feedTokenIndex`
 * for crawl tracking, before a refusal, so a 429 is counted against the right crawl too.
 */
export function requireFeedToken(tokens: readonly string[], throttle: AuthThrottle): RequestHandler {
  const matches = secretMatcher(tokens);
  return async (req, res, next) => {
    const body: unknown = req.body;
    const token = body && typeof body === 'object' ? (body as Record<string, unknown>).token : undefined;
    const index = matches(token);
    res.locals.feedTokenIndex = index;
    await admit(throttle, req, index >= 0, 'Invalid or missing token.');
    next();
  };
}
