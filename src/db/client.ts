import type { PrismaClient } from '../generated/sqlite/client.js';
import { DEFAULT_POOL, postgresAdapter, sqliteAdapter, type PoolOptions, type PoolStats } from './adapter.js';
import { postgresReader, sqliteReader, type SqlReader } from './sql.js';
import { sqliteFilePath, type DatabaseTarget } from './target.js';
import { NO_OUTBOX, type Outbox } from './changes.js';

/**
 * Both generated clients come from the same models (prisma/models.prisma), so they expose the
 * same API. Feature code is typed against the SQLite client, the narrower of the two, which
 * keeps it to what every provider supports.
 */
export type PrismaDb = PrismaClient;
export type Tx = Parameters<Parameters<PrismaDb['$transaction']>[0]>[0];

/**
 * `read` serves plain queries, `write` runs transactions. On PostgreSQL they are one pooled
 * client. SQLite has a single connection per client, and a query sent on the connection that
 * holds an open transaction would see its uncommitted rows; a second connection (in WAL mode)
 * gives readers the last committed state instead.
 */
export interface Db {
  provider: DatabaseTarget['provider'];
  read: PrismaDb;
  write: PrismaDb;
  /** Plain SQL reads through the driver, for the feed's hot path (src/db/sql.ts). */
  sql: SqlReader;
  /** What every committed change also writes (webhook events); see `commitChanges`. */
  outbox: Outbox;
  /** PostgreSQL's connection pool right now; SQLite has two fixed connections and no pool. */
  poolStats(): PoolStats | undefined;
  close(): Promise<void>;
}

export async function openDb(
  target: DatabaseTarget,
  pool: Partial<PoolOptions> = {},
  outbox: Outbox = NO_OUTBOX,
): Promise<Db> {
  switch (target.provider) {
    case 'sqlite': {
      sqliteFilePath(target.url);
      const { PrismaClient: SqliteClient } = await import('../generated/sqlite/client.js');
      const connect = async () => {
        const client = new SqliteClient({ adapter: sqliteAdapter(target) });
        await client.$queryRawUnsafe('PRAGMA journal_mode = WAL');
        await client.$executeRawUnsafe('PRAGMA foreign_keys = ON');
        await client.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
        return client;
      };
      const write = await connect();
      const read = await connect();
      const sql = sqliteReader(sqliteFilePath(target.url));
      return {
        provider: 'sqlite',
        read,
        write,
        sql,
        outbox,
        poolStats: () => undefined,
        close: async () => {
          await Promise.all([read.$disconnect(), write.$disconnect(), sql.close()]);
        },
      };
    }
    case 'postgresql': {
      const { PrismaClient: PgClient } = await import('../generated/postgresql/client.js');
      const { adapter, pool: connections, stats } = postgresAdapter(target, { ...DEFAULT_POOL, ...pool });
      const client = new PgClient({ adapter }) as unknown as PrismaDb;
      return {
        provider: 'postgresql',
        read: client,
        write: client,
        // The feed's plain reads share Prisma's pool, and so its timeouts and its metrics.
        sql: postgresReader(connections),
        outbox,
        poolStats: stats,
        // Disconnecting the client ends the shared pool (disposeExternalPool).
        close: () => client.$disconnect(),
      };
    }
  }
}
