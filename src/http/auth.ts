import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { unauthorized } from './errors.js';

/**
 * Compares a presented secret with the configured ones in constant time. Both sides are first
 * reduced to an HMAC under a per-process random key, so the comparison always runs over 32
 * bytes: it neither leaks the secret's length nor throws when lengths differ. Every configured
 * secret is checked, so timing does not reveal which one matched.
 */
export function secretMatcher(secrets: readonly string[]): (presented: unknown) => boolean {
  const key = randomBytes(32);
  const digest = (value: string) => createHmac('sha256', key).update(value, 'utf8').digest();
  const expected = secrets.map(digest);
  return (presented) => {
    if (typeof presented !== 'string' || presented === '') return false;
    const candidate = digest(presented);
    let matched = false;
    for (const secret of expected) matched = timingSafeEqual(candidate, secret) || matched;
    return matched;
  };
}

/** Merchant API: `Authorization: <key>` or `Authorization: Bearer <key>`. */
export function requireMerchantKey(keys: readonly string[]): RequestHandler {
  const matches = secretMatcher(keys);
  return (req, _res, next) => {
    const header = req.get('authorization')?.trim() ?? '';
    const presented = /^bearer\s+/i.test(header) ? header.replace(/^bearer\s+/i, '') : header;
    if (!matches(presented)) throw unauthorized('A valid API key is required in the Authorization header.');
    next();
  };
}

/** Feed: the token travels in the body only, never in the query string where logs keep it. */
export function requireFeedToken(tokens: readonly string[]): RequestHandler {
  const matches = secretMatcher(tokens);
  return (req, _res, next) => {
    const body: unknown = req.body;
    const token = body && typeof body === 'object' ? (body as Record<string, unknown>).token : undefined;
    if (!matches(token)) throw unauthorized('Invalid or missing token.');
    next();
  };
}
