import { z } from 'zod';
import type { Db } from '../db/client.js';
import { isDatabaseUnavailable } from '../db/errors.js';
import { readMigrations } from '../db/migrate.js';
import type { Route } from './routes.js';

/** Why the service cannot serve yet, or undefined when it can. */
async function notReadyBecause(db: Db, expected: readonly string[]): Promise<string | undefined> {
  let applied: Array<{ migration_name: string }>;
  try {
    applied = await db.read.$queryRawUnsafe(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
  } catch (error) {
    // Reachable but without the history table: nothing was ever migrated.
    return isDatabaseUnavailable(error) ? 'database unreachable' : 'migrations not applied';
  }
  const done = new Set(applied.map((row) => row.migration_name));
  const pending = expected.filter((name) => !done.has(name));
  return pending.length > 0 ? `migrations pending: ${pending.join(', ')}` : undefined;
}

/**
 * `/health`: the process is alive (a restart would not help otherwise). `/ready`: it can serve,
 * the database answering and every migration this build knows applied; load balancers and
 * orchestrators route traffic by it.
 */
export function healthRoutes(db: Db): Route[] {
  const expected = readMigrations(db.provider).map((m) => m.name);
  return [
    {
      method: 'get',
      path: '/health',
      operationId: 'getHealth',
      summary: 'Liveness: 200 while the process is up',
      tag: 'service',
      auth: 'none',
      database: false,
      responses: { 200: { description: 'alive', schema: z.object({ status: z.literal('ok') }) } },
      handlers: [(_req, res) => void res.json({ status: 'ok' })],
    },
    {
      method: 'get',
      path: '/ready',
      operationId: 'getReadiness',
      summary: 'Readiness: the database answers and every migration is applied',
      tag: 'service',
      auth: 'none',
      database: true,
      responses: {
        200: { description: 'ready', schema: z.object({ status: z.literal('ready') }) },
        503: { description: 'not ready', schema: z.object({ status: z.literal('unavailable'), reason: z.string() }) },
      },
      handlers: [
        async (req, res) => {
          const reason = await notReadyBecause(db, expected);
          if (reason) {
            req.log.warn({ reason }, 'not ready');
            res.setHeader('Retry-After', '5');
            res.status(503).json({ status: 'unavailable', reason });
            return;
          }
          res.json({ status: 'ready' });
        },
      ],
    },
  ];
}
