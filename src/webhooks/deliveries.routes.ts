import { z } from 'zod';
import type { AppDeps } from '../http/deps.js';
import { inTransaction } from '../db/transaction.js';
import { notFound } from '../http/errors.js';
import type { Route } from '../http/routes.js';
import { listQuerySchema } from '../http/list-query.js';
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

const deliverySchema = z
  .object({
    id: z.string(),
    topic: z.string(),
    entity_id: z.union([z.string(), z.number()]),
    status: z.enum(STATUSES),
    attempts: z.int(),
    last_status: z.int().nullable(),
    last_error: z.string().nullable(),
    next_attempt_at: z.string().nullable(),
    give_up_at: z.string(),
    created_at: z.string(),
    delivered_at: z.string().nullable(),
  })
  .meta({ id: 'WebhookDelivery' });

/** What an operator needs to see and act on webhook delivery. */
export function deliveriesRoutes({ db, config }: AppDeps): Route[] {
  const list: Route = {
    method: 'get',
    path: '/api/webhooks/deliveries',
    operationId: 'listWebhookDeliveries',
    summary: 'Webhook events with their delivery status, newest first',
    tag: 'webhooks',
    auth: 'merchant-key',
    database: true,
    query: deliveriesQuery,
    responses: {
      200: { description: 'events, or {"count": n} with count=true', schema: z.array(deliverySchema) },
      422: { description: 'a bad filter' },
    },
    handlers: [
      async (req, res) => {
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
      },
    ],
  };
  const retry: Route = {
    method: 'post',
    path: '/api/webhooks/deliveries/:id/retry',
    operationId: 'retryWebhookDelivery',
    summary: 'Send one event again, with a fresh retry window',
    tag: 'webhooks',
    auth: 'merchant-key',
    database: true,
    responses: {
      202: { description: 'queued again', schema: deliverySchema },
      404: { description: 'no such event' },
    },
    handlers: [
      async (req, res) => {
        const now = new Date();
        const row = await inTransaction(db, async (tx) => {
          const found = await tx.webhookEvent.findUnique({ where: { eventId: String(req.params.id) } });
          if (!found) return undefined;
          // The attempt count keeps the history; only the window starts again.
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
      },
    ],
  };
  return [list, retry];
}
