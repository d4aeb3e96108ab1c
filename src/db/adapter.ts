import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { DatabaseTarget } from './target.js';

export interface PoolOptions {
  /** Upper bound on waiting for a PostgreSQL connection, so an unreachable server fails fast. */
  connectTimeoutMs: number;
  maxConnections: number;
  /**
   * The server cancels a statement running longer than this; the client gives up a little later
   * still, so a server that stopped answering (frozen, or cut off mid-query) cannot hold a
   * request forever either.
   */
  statementTimeoutMs: number;
  /** Told about errors of idle pooled connections, e.g. when the server shuts down. */
  onIdleError?: (error: Error) => void;
}

export const DEFAULT_POOL: PoolOptions = { connectTimeoutMs: 5_000, maxConnections: 10, statementTimeoutMs: 15_000 };

/** Margin between the server's statement timeout and the client's own read timeout. */
const CLIENT_TIMEOUT_MARGIN_MS = 1_000;

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

/** The Prisma driver adapters: the only place that knows each provider's driver. */
export function sqliteAdapter(target: DatabaseTarget) {
  return new PrismaBetterSQLite3({ url: target.url, timeout: 5_000 });
}

export function postgresAdapter(target: DatabaseTarget, options: PoolOptions) {
  const pool = new pg.Pool({
    connectionString: target.url,
    application_name: 'convertedin-feed',
    connectionTimeoutMillis: options.connectTimeoutMs,
    statement_timeout: options.statementTimeoutMs,
    query_timeout: options.statementTimeoutMs + CLIENT_TIMEOUT_MARGIN_MS,
    keepAlive: true,
    max: options.maxConnections,
    idleTimeoutMillis: 30_000,
  });
  // An idle connection the server drops (a restart, an administrator) emits 'error' on the pool,
  // which would end the process without a listener. Prisma adds its own only once it first
  // connects, and the feed's plain reads share this pool, so the pool gets one from the start.
  pool.on('error', (error) => options.onIdleError?.(error));
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  const stats = (): PoolStats => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount });
  return { adapter, pool, stats };
}

/** The adapter alone, for the Prisma CLI (prisma.config.ts). */
export function createAdapter(target: DatabaseTarget, pool: PoolOptions = DEFAULT_POOL) {
  return target.provider === 'sqlite' ? sqliteAdapter(target) : postgresAdapter(target, pool).adapter;
}
