import { z } from 'zod';
import type { AppDeps } from '../http/deps.js';
import { inTransaction } from '../db/transaction.js';
import { notFound } from '../http/errors.js';
import type { Route } from '../http/routes.js';
import { parseOr422 } from '../http/validation.js';
import { attemptHistory } from './attempts.js';
import { deliveriesQuery, deliverySchema, view } from './delivery.view.js';
import { replayRoutes } from './replay.routes.js';

/** What an operator needs to see and act on webhook delivery. */
export function deliveriesRoutes(deps: AppDeps): Route[] {
  const { db, config } = deps;
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
          // The attempt count keeps the history; only the window starts again. An operator's
          // retry goes even while the endpoint is paused, and its success resumes it.
          return tx.webhookEvent.update({
            where: { id: found.id },
            data: {
              status: 'pending',
              operatorRetry: true,
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
  const history: Route = {
    method: 'get',
    path: '/api/webhooks/deliveries/:id',
    operationId: 'getWebhookDelivery',
    summary: 'One event with its attempts, oldest first',
    tag: 'webhooks',
    auth: 'merchant-key',
    database: true,
    responses: {
      200: { description: 'the event and its attempts', schema: deliveryWithHistorySchema },
      404: { description: 'no such event' },
    },
    handlers: [
      async (req, res) => {
        const row = await db.read.webhookEvent.findUnique({ where: { eventId: String(req.params.id) } });
        if (!row) throw notFound('No webhook event has this id.');
        res.json({ ...view(row), history: await attemptHistory(db, row.id) });
      },
    ],
  };
  // The bulk replay's fixed path goes before /deliveries/:id, which would otherwise take it.
  return [list, ...replayRoutes(deps), retry, history];
}

const deliveryWithHistorySchema = deliverySchema
  .extend({
    history: z.array(
      z.object({
        at: z.string(),
        status: z.int().nullable().describe('the HTTP status; null when no answer came'),
        duration_ms: z.int(),
        error: z.string().nullable(),
        response_body: z.string().nullable().describe('the first 1 KB of the answer'),
      }),
    ),
  })
  .meta({ id: 'WebhookDeliveryWithHistory' });
