import { z } from 'zod';
import { isValidTimeZone } from './shared/dates.js';
import { resolveDatabaseTarget, type DatabaseTarget } from './db/target.js';

/** Secrets in production must be long enough that guessing them is hopeless. */
const MIN_PRODUCTION_SECRET_LENGTH = 16;

const secretList = z
  .string()
  .transform((raw) =>
    raw
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== ''),
  )
  .pipe(z.array(z.string()).min(1, 'must hold at least one value (comma-separated for rotation)'));

const integerFromEnv = (fallback: number, min: number, max: number) =>
  z
    .string()
    .default(String(fallback))
    .refine((raw) => /^\d+$/.test(raw.trim()), 'must be a whole number')
    .transform((raw) => Number(raw))
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_URL: z
      .string()
      .optional()
      .transform((raw, ctx): DatabaseTarget => {
        try {
          return resolveDatabaseTarget(raw);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: (error as Error).message });
          return z.NEVER;
        }
      }),
    PORT: integerFromEnv(3000, 0, 65_535),
    CONVERTEDIN_TOKEN: secretList,
    MERCHANT_API_KEY: secretList,
    STORE_TIMEZONE: z
      .string()
      .default('UTC')
      .refine(isValidTimeZone, 'must be an IANA timezone such as UTC or Africa/Cairo'),
    FEED_MAX_PER_PAGE: integerFromEnv(1000, 1, 10_000),
    FEED_DELETE_GRACE_SECONDS: integerFromEnv(86_400, 0, 30 * 86_400),
    MIGRATE_ON_START: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    for (const name of ['CONVERTEDIN_TOKEN', 'MERCHANT_API_KEY'] as const) {
      if (env[name].some((secret) => secret.length < MIN_PRODUCTION_SECRET_LENGTH)) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: `every value must be at least ${MIN_PRODUCTION_SECRET_LENGTH} characters in production`,
        });
      }
    }
  });

export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  database: DatabaseTarget;
  port: number;
  feedTokens: string[];
  merchantKeys: string[];
  storeTimeZone: string;
  feedMaxPerPage: number;
  /** How long a deleted record keeps its slot in the feed's numbering (src/feed/slots.ts). */
  feedDeleteGraceSeconds: number;
  migrateOnStart: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Validates the environment once, at start-up; the message names every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      const missing = issue.code === 'invalid_type' && env[name] === undefined;
      return `  ${name}: ${missing ? 'is required' : issue.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    nodeEnv: e.NODE_ENV,
    database: e.DATABASE_URL,
    port: e.PORT,
    feedTokens: e.CONVERTEDIN_TOKEN,
    merchantKeys: e.MERCHANT_API_KEY,
    storeTimeZone: e.STORE_TIMEZONE,
    feedMaxPerPage: e.FEED_MAX_PER_PAGE,
    feedDeleteGraceSeconds: e.FEED_DELETE_GRACE_SECONDS,
    migrateOnStart: e.MIGRATE_ON_START,
  };
}
