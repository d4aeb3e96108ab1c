import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../app.js';
import { inTransaction } from '../db/transaction.js';
import { methodNotAllowed, notFound } from '../http/errors.js';
import { listQuerySchema } from '../http/merchant.js';
import { parseOr422 } from '../http/validation.js';
import { shopIdToJson } from '../shared/ids.js';

const STATUSES = ['pending', 'delivered', 'dead'] as const;

const deliveriesQuery = listQuerySchema.extend({
  status: z.enum(STATUSES, { error: `status must be one of ${STATUSES.join(', ')}` }).optional(),
  entity: z.enum(['orders', 'customers', 'products', 'collections'], { error: 'unknown entity' }).optional(),
  action: z.enum(['create', 'update', 'delete'], { error: 'action must be create, update or delete' }).optional(),
  entity_id: z.string().max(255).optional(),
});

type EventRow = Awaited<ReturnType<AppDeps['db']['read']['webhookEvent']['findFirstOrThrow']>>;

function view(row: EventRow) {
  return {
    id: row.eventId,
    topic: `${row.entity}/${row.action}`,
    entity_id: shopIdToJson(row.entityKey, row.keyIsNumber),
    status: row.status,
    attempts: row.attempts,
    last_status: row.lastStatus,
    last_error: row.lastError,
    next_attempt_at: row.status === 'pending' ? row.nextAttemptAt.toISOString() : null,
    give_up_at: row.giveUpAt.toISOString(),
    created_at: row.createdAt.toISOString(),
    delivered_at: row.deliveredAt?.toISOString() ?? null,
  };
}

/** What an operator needs to see and act on webhook delivery. */
export function deliveriesApi({ db, config }: AppDeps): Router {
  const router = Router();
  router
    .route('/api/webhooks/deliveries')
    .get(async (req, res) => {
      const q = parseOr422(deliveriesQuery, req.query);
      const where = { status: q.status, entity: q.entity, action: q.action, entityKey: q.entity_id };
      if (q.count) {
        res.json({ count: await db.read.webhookEvent.count({ where }) });
        return;
      }
      const rows = await db.read.webhookEvent.findMany({
        where,
        orderBy: { id: 'desc' },
        skip: (q.page - 1) * q.limit,
        take: q.limit,
      });
      res.json(rows.map(view));
    })
    .all(methodNotAllowed(['GET']));

  router
    .route('/api/webhooks/deliveries/:id/retry')
    .post(async (req, res) => {
      const now = new Date();
      const row = await inTransaction(db, async (tx) => {
        const found = await tx.webhookEvent.findUnique({ where: { eventId: req.params.id } });
        if (!found) return undefined;
        // A manual retry starts a fresh retry window; the attempt count keeps the history.
        return tx.webhookEvent.update({
          where: { id: found.id },
          data: {
            status: 'pending',
            nextAttemptAt: now,
            giveUpAt: new Date(now.getTime() + config.webhooks.maxAgeMs),
            leaseUntil: found.status === 'pending' ? found.leaseUntil : null,
            deliveredAt: null,
          },
        });
      });
      if (!row) throw notFound('No webhook event has this id.');
      res.status(202).json(view(row));
    })
    .all(methodNotAllowed(['POST']));
  return router;
}
