import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { openDb } from '../src/db/client.js';
import { testDatabase } from './support/app.js';

describe('PostgreSQL pool', () => {
  it.runIf(inject('provider') === 'postgresql')(
    'When the server terminates an idle connection that only plain feed reads used, then the process survives and reconnects',
    async () => {
      const database = await testDatabase();
      const errors: Error[] = [];
      const db = await openDb(database.target, { onIdleError: (error) => errors.push(error) });
      try {
        // A plain read only: Prisma itself has not connected yet.
        await db.sql`SELECT 1 AS one`;
        const admin = new pg.Client({ connectionString: database.target.url });
        await admin.connect();
        await admin.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'convertedin-feed' AND pid <> pg_backend_pid()`,
        );
        await admin.end();
        await new Promise((resolve) => setTimeout(resolve, 200));

        const rows = await db.sql<{ one: number }>`SELECT 1 AS one`;

        expect(errors.length).toBeGreaterThan(0);
        expect(rows).toEqual([{ one: 1 }]);
      } finally {
        await db.close();
      }
    },
  );
});
