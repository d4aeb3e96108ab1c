import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { DatabaseTarget } from './target.js';

export interface PoolOptions {
  /** Upper bound on waiting for a PostgreSQL connection, so an unreachable server fails fast. */
  connectTimeoutMs: number;
  maxConnections: number;
}

export const DEFAULT_POOL: PoolOptions = { connectTimeoutMs: 5_000, maxConnections: 10 };

/** The Prisma driver adapter for a target: the only place that knows each provider's driver. */
export function createAdapter(target: DatabaseTarget, pool: PoolOptions = DEFAULT_POOL) {
  switch (target.provider) {
    case 'sqlite':
      return new PrismaBetterSQLite3({ url: target.url, timeout: 5_000 });
    case 'postgresql':
      return new PrismaPg({
        connectionString: target.url,
        connectionTimeoutMillis: pool.connectTimeoutMs,
        max: pool.maxConnections,
        idleTimeoutMillis: 30_000,
      });
  }
}
