import type { PrismaClient } from '../generated/sqlite/client.js';
import { createAdapter, DEFAULT_POOL, type PoolOptions } from './adapter.js';
import { postgresReader, sqliteReader, type SqlReader } from './sql.js';
import { sqliteFilePath, type DatabaseTarget } from './target.js';

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
  close(): Promise<void>;
}

export async function openDb(target: DatabaseTarget, pool: PoolOptions = DEFAULT_POOL): Promise<Db> {
  switch (target.provider) {
    case 'sqlite': {
      sqliteFilePath(target.url);
      const { PrismaClient: SqliteClient } = await import('../generated/sqlite/client.js');
      const connect = async () => {
        const client = new SqliteClient({ adapter: createAdapter(target) });
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
        close: async () => {
          await Promise.all([read.$disconnect(), write.$disconnect(), sql.close()]);
        },
      };
    }
    case 'postgresql': {
      const { PrismaClient: PgClient } = await import('../generated/postgresql/client.js');
      const client = new PgClient({ adapter: createAdapter(target, pool) }) as unknown as PrismaDb;
      const sql = postgresReader(target.url, pool);
      return {
        provider: 'postgresql',
        read: client,
        write: client,
        sql,
        close: async () => {
          await Promise.all([client.$disconnect(), sql.close()]);
        },
      };
    }
  }
}
