/**
 * The kinds of value an environment variable holds, each with the message that names what is
 * wrong: config.ts builds the service's variables from these.
 */
import { accessSync, constants } from 'node:fs';
import { isIP } from 'node:net';
import { z } from 'zod';

/** What Express's `trust proxy` takes: off or on, a hop count, or addresses and subnets. */
export type TrustProxy = boolean | number | string[];

/** Secrets in production must be long enough that guessing them is hopeless. */
export const MIN_PRODUCTION_SECRET_LENGTH = 16;

/**
 * Hex rather than base64: a `+` sent in a urlencoded form arrives as a space, so a base64 token
 * can fail to match on the feed.
 */
export const SECRET_COMMAND = 'openssl rand -hex 24';

/** The example file's values must never reach production unchanged. */
export const isPlaceholder = (secret: string) => /change-?me/i.test(secret);

export const secretList = z
  .string()
  .transform((raw) =>
    raw
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== ''),
  )
  .pipe(z.array(z.string()).min(1, 'must hold at least one value (comma-separated for rotation)'));

export const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .refine((raw) => /^\d+$/.test(raw.trim()), 'must be a whole number')
    .transform((raw) => Number(raw))
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

export const integerFromEnv = (fallback: number, min: number, max: number) =>
  z.string().default(String(fallback)).pipe(wholeNumber(min, max));

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Express's own names for address ranges, accepted in TRUST_PROXY besides addresses and subnets. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  if (rest.length > 0 || isIP(address) === 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (isIP(address) === 4 ? 32 : 128));
}

/**
 * Which hops may set X-Forwarded-For and X-Forwarded-Proto: `false` (none, the default),
 * a number of hops, or the proxies' addresses and subnets. `true` trusts any sender, which lets
 * a client choose its own address: only for a proxy that is the sole way in.
 */
export const trustProxySchema = z
  .string()
  .default('false')
  .transform((raw, ctx): TrustProxy => {
    const value = raw.trim();
    if (value === 'false' || value === '') return false;
    if (value === 'true') return true;
    if (/^\d+$/.test(value)) return Number(value);
    const entries = value.split(',').map((part) => part.trim());
    const bad = entries.filter((entry) => !isProxyAddress(entry));
    if (bad.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `must be true, false, a hop count or a list of addresses/subnets (not ${bad.join(', ')})`,
      });
      return z.NEVER;
    }
    return entries;
  });

export const readableFile = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    const file = raw?.trim();
    if (!file) return undefined;
    try {
      accessSync(file, constants.R_OK);
    } catch {
      ctx.addIssue({ code: 'custom', message: `cannot read ${file}` });
      return z.NEVER;
    }
    return file;
  });
export const flag = (fallback: 'true' | 'false') =>
  z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default(fallback)
    .transform((v) => v === 'true');
