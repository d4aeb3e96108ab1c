import { isIP } from 'node:net';
import { z } from 'zod';
import type { PoolOptions } from './db/adapter.js';
import { isValidTimeZone } from './shared/dates.js';
import { resolveDatabaseTarget, type DatabaseTarget } from './db/target.js';
import { checkWebhookEnv, webhookSecrets, type WebhookSettings } from './webhook-settings.js';

import {
  flag,
  integerFromEnv,
  isPlaceholder,
  LOG_LEVELS,
  MIN_PRODUCTION_SECRET_LENGTH,
  readableFile,
  SECRET_COMMAND,
  secretList,
  trustProxySchema,
  type TrustProxy,
  wholeNumber,
} from './config-values.js';

export const envShape = {
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
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  METRICS_PORT: z
    .string()
    .optional()
    .transform((raw) => (raw?.trim() ? raw.trim() : undefined))
    .pipe(wholeNumber(0, 65_535).optional()),
  METRICS_HOST: z
    .string()
    .default('127.0.0.1')
    .refine((host) => isIP(host) !== 0, 'must be an IP address to bind, e.g. 127.0.0.1 or 0.0.0.0'),
  TRUST_PROXY: trustProxySchema,
  TLS_CERT_FILE: readableFile,
  TLS_KEY_FILE: readableFile,
  SHUTDOWN_TIMEOUT_MS: integerFromEnv(15_000, 0, 600_000),
  AUTH_FAILURE_WINDOW_SECONDS: integerFromEnv(900, 1, 86_400),
  AUTH_SLOWDOWN_AFTER: integerFromEnv(5, 0, 1_000_000),
  AUTH_SLOWDOWN_MS: integerFromEnv(1_000, 0, 60_000),
  AUTH_BLOCK_AFTER: integerFromEnv(20, 1, 1_000_000),
  DATABASE_POOL_MAX: integerFromEnv(10, 1, 1_000),
  DATABASE_CONNECT_TIMEOUT_MS: integerFromEnv(5_000, 100, 600_000),
  DATABASE_STATEMENT_TIMEOUT_MS: integerFromEnv(15_000, 100, 3_600_000),
  MIGRATE_ON_START: flag('true'),
  CONVERTEDIN_WEBHOOK_URL: z
    .string()
    .optional()
    .transform((raw) => (raw === undefined || raw.trim() === '' ? undefined : raw.trim().replace(/\/+$/, '')))
    .refine((raw) => raw === undefined || /^https?:\/\/[^/]/.test(raw), 'must be an absolute http(s) URL')
    .refine((raw) => raw === undefined || URL.canParse(raw), 'must be an absolute http(s) URL'),
  SHOP_DOMAIN: z.string().trim().max(255).optional(),
  WEBHOOK_ALLOW_PRIVATE: flag('false'),
  WEBHOOK_WORKER: flag('true'),
  WEBHOOK_TIMEOUT_MS: integerFromEnv(10_000, 100, 120_000),
  WEBHOOK_MAX_AGE_HOURS: integerFromEnv(72, 1, 24 * 30),
  WEBHOOK_RETENTION_HOURS: integerFromEnv(24 * 7, 1, 24 * 365),
  WEBHOOK_SECRET: webhookSecrets,
  WEBHOOK_PAUSE_AFTER_HOURS: integerFromEnv(24, 1, 24 * 30),
  FEED_DELETE_GRACE_SECONDS: integerFromEnv(86_400, 0, 30 * 86_400),

  // Memory and load bounds (docs/operations.md, "Limits").
  AUTH_THROTTLE_MAX_BYTES: integerFromEnv(16 * 1024 * 1024, 4_096, 1024 * 1024 * 1024),
  MAX_CONCURRENT_REQUESTS: integerFromEnv(16, 1, 10_000),
  MAX_QUEUED_REQUESTS: integerFromEnv(64, 0, 100_000),
  QUEUE_TIMEOUT_MS: integerFromEnv(2_000, 0, 60_000),

  // Sync status (docs/status.md): crawl tracking and when an entity counts as stale.
  CRAWL_TRACKING: flag('true'),
  CRAWL_STALE_AFTER_HOURS: integerFromEnv(26, 1, 24 * 30),
};

/** Every variable the service reads; .env.example documents exactly these (test/env-example.test.ts). */
export const CONFIG_VARIABLES = Object.keys(envShape) as ReadonlyArray<keyof typeof envShape>;

const envSchema = z
  .object(envShape)
  .superRefine(checkWebhookEnv)
  .superRefine((env, ctx) => {
    if (env.AUTH_BLOCK_AFTER <= env.AUTH_SLOWDOWN_AFTER) {
      ctx.addIssue({ code: 'custom', path: ['AUTH_BLOCK_AFTER'], message: 'must be greater than AUTH_SLOWDOWN_AFTER' });
    }
    if (Boolean(env.TLS_CERT_FILE) !== Boolean(env.TLS_KEY_FILE)) {
      const missing = env.TLS_CERT_FILE ? 'TLS_KEY_FILE' : 'TLS_CERT_FILE';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'is required when the other TLS_ file is set' });
    }
    if (env.NODE_ENV !== 'production') return;
    for (const name of ['CONVERTEDIN_TOKEN', 'MERCHANT_API_KEY'] as const) {
      if (env[name].some(isPlaceholder)) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: `still holds the example's placeholder: generate a secret, e.g. with ${SECRET_COMMAND}`,
        });
      } else if (env[name].some((secret) => secret.length < MIN_PRODUCTION_SECRET_LENGTH)) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: `every value must be at least ${MIN_PRODUCTION_SECRET_LENGTH} characters in production (e.g. ${SECRET_COMMAND})`,
        });
      }
    }
  });

export interface AuthThrottleOptions {
  /** How long failures from one address are remembered, counted from its first failure. */
  windowMs: number;
  /** Failures after which every further failed attempt is answered only after `slowdownMs`. */
  slowdownAfter: number;
  slowdownMs: number;
  /** Failures after which the address is refused with 429 until its window ends. */
  blockAfter: number;
  /** Roughly how much memory the counts may take; beyond it the oldest are forgotten. */
  maxBytes: number;
}

export interface ConcurrencyOptions {
  /** Requests served at once; beyond it they wait in line. */
  maxActive: number;
  /** How many may wait; beyond it a request is refused at once. */
  maxQueued: number;
  /** How long one may wait before it is refused. */
  queueTimeoutMs: number;
}

export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  database: DatabaseTarget;
  port: number;
  feedTokens: string[];
  merchantKeys: string[];
  storeTimeZone: string;
  feedMaxPerPage: number;
  /** How long a deleted record keeps its slot in the feed's numbering (src/paging/numbering.ts). */
  feedDeleteGraceSeconds: number;
  migrateOnStart: boolean;
  logLevel: (typeof LOG_LEVELS)[number];
  /** Unset: /metrics is served on the main port behind the merchant key. */
  metrics: { port: number | undefined; host: string };
  trustProxy: TrustProxy;
  tls: { certFile: string; keyFile: string } | undefined;
  shutdownTimeoutMs: number;
  authThrottle: AuthThrottleOptions;
  /** Feed and merchant requests served at once, and how many wait how long (src/http/concurrency.ts). */
  concurrency: ConcurrencyOptions;
  pool: PoolOptions;
  webhooks: WebhookSettings;
  status: {
    /** Record convertedin's crawls for /api/status (off: the feed skips even the in-memory count). */
    trackCrawls: boolean;
    /** An entity is stale when no crawl of it has finished for this long. */
    staleAfterMs: number;
  };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parses the environment with `schema`; a failure is one ConfigError naming every bad variable.
 * `PORT=` in a .env file, or an empty export, means "not set": the default applies.
 */
export function readEnvironment<S extends z.ZodType>(schema: S, rawEnv: NodeJS.ProcessEnv): z.output<S> {
  const env = Object.fromEntries(
    Object.entries(rawEnv).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? 'environment');
    const missing = issue.code === 'invalid_type' && env[name] === undefined;
    return `  ${name}: ${missing ? 'is required' : issue.message}`;
  });
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

type PoolEnv = Record<'DATABASE_POOL_MAX' | 'DATABASE_CONNECT_TIMEOUT_MS' | 'DATABASE_STATEMENT_TIMEOUT_MS', number>;

export const poolOptions = (e: PoolEnv): PoolOptions => ({
  maxConnections: e.DATABASE_POOL_MAX,
  connectTimeoutMs: e.DATABASE_CONNECT_TIMEOUT_MS,
  statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
});

/** Validates the environment once, at start-up; the message names every bad variable. */
export function loadConfig(rawEnv: NodeJS.ProcessEnv = process.env): Config {
  const e = readEnvironment(envSchema, rawEnv);
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
    logLevel: e.LOG_LEVEL,
    metrics: { port: e.METRICS_PORT, host: e.METRICS_HOST },
    trustProxy: e.TRUST_PROXY,
    tls: e.TLS_CERT_FILE && e.TLS_KEY_FILE ? { certFile: e.TLS_CERT_FILE, keyFile: e.TLS_KEY_FILE } : undefined,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    authThrottle: {
      windowMs: e.AUTH_FAILURE_WINDOW_SECONDS * 1000,
      slowdownAfter: e.AUTH_SLOWDOWN_AFTER,
      slowdownMs: e.AUTH_SLOWDOWN_MS,
      blockAfter: e.AUTH_BLOCK_AFTER,
      maxBytes: e.AUTH_THROTTLE_MAX_BYTES,
    },
    concurrency: {
      maxActive: e.MAX_CONCURRENT_REQUESTS,
      maxQueued: e.MAX_QUEUED_REQUESTS,
      queueTimeoutMs: e.QUEUE_TIMEOUT_MS,
    },
    pool: poolOptions(e),
    webhooks: {
      url: e.CONVERTEDIN_WEBHOOK_URL,
      shopDomain: e.SHOP_DOMAIN ?? '',
      allowPrivate: e.WEBHOOK_ALLOW_PRIVATE,
      runWorker: e.WEBHOOK_WORKER,
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
      maxAgeMs: e.WEBHOOK_MAX_AGE_HOURS * 3_600_000,
      retentionMs: e.WEBHOOK_RETENTION_HOURS * 3_600_000,
      secrets: e.WEBHOOK_SECRET,
      pauseAfterMs: e.WEBHOOK_PAUSE_AFTER_HOURS * 3_600_000,
    },
    status: { trackCrawls: e.CRAWL_TRACKING, staleAfterMs: e.CRAWL_STALE_AFTER_HOURS * 3_600_000 },
  };
}
