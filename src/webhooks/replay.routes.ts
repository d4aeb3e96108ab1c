import { z } from 'zod';
import type { AppDeps } from '../http/deps.js';
import { inTransaction } from '../db/transaction.js';
import { conflict } from '../http/errors.js';
import { parseListDate } from '../http/list-query.js';
import type { Route } from '../http/routes.js';
import { parseOr422 } from '../http/validation.js';
import { resumeEndpoint } from './endpoint.js';

const TOPIC = /^(orders|customers|products|collections)\/(create|update|delete)$/;

const replayQuery = z.strictObject({
  status: z
    .enum(['dead', 'delivered'], { error: 'status must be dead or delivered' })
    .default('dead')
    .describe('which events to send again; dead unless given'),
  topic: z
    .string()
    .regex(TOPIC, 'topic must be <entity>/<action>, e.g. orders/update')
    .optional()
    .describe('e.g. orders/update'),
  since: z
    .string()
    .trim()
    .refine(
      (text) => parseListDate(text, 'UTC') !== undefined,
      'since must be an ISO 8601 date such as 2024-03-01T10:00:00Z',
    )
    .optional()
    .describe('only events recorded at or after this instant'),
});

/** Bulk replay and the endpoint's resume: what an operator does after an outage. */
export function replayRoutes({ db, config }: AppDeps): Route[] {
  const { url, maxAgeMs } = config.webhooks;
  const replay: Route = {
    method: 'post',
    path: '/api/webhooks/deliveries/retry',
    operationId: 'retryWebhookDeliveries',
    summary: 'Send again every event matching the filters (dead ones unless told), with a fresh window',
    tag: 'webhooks',
    auth: 'merchant-key',
    database: true,
    query: replayQuery,
    responses: { 202: { description: 'how many were queued again', schema: z.object({ retried: z.int() }) } },
    handlers: [
      async (req, res) => {
        const q = parseOr422(replayQuery, req.query);
        const [entity, action] = q.topic?.split('/') ?? [];
        const since = q.since === undefined ? undefined : parseListDate(q.since, config.storeTimeZone);
        const now = new Date();
        // One conditional statement: events settled meanwhile are counted once, in flight never.
        const { count } = await inTransaction(db, (tx) =>
          tx.webhookEvent.updateMany({
            where: { status: q.status, entity, action, createdAt: since && { gte: since } },
            data: {
              status: 'pending',
              operatorRetry: true,
              nextAttemptAt: now,
              giveUpAt: new Date(now.getTime() + maxAgeMs),
              leaseUntil: null,
              deliveredAt: null,
            },
          }),
        );
        res.status(202).json({ retried: count });
      },
    ],
  };
  const resume: Route = {
    method: 'post',
    path: '/api/webhooks/resume',
    operationId: 'resumeWebhookEndpoint',
    summary: 'Resume delivery to a paused endpoint; waiting events get a fresh window',
    tag: 'webhooks',
    auth: 'merchant-key',
    database: true,
    responses: {
      200: { description: 'resumed is false when it was not paused', schema: z.object({ resumed: z.boolean() }) },
      409: { description: 'webhooks are not configured' },
    },
    handlers: [
      async (_req, res) => {
        if (url === undefined) throw conflict('Webhooks are off: CONVERTEDIN_WEBHOOK_URL is not set.');
        const now = new Date();
        const resumed = await inTransaction(db, (tx) => resumeEndpoint(tx, url, now, maxAgeMs));
        res.json({ resumed });
      },
    ],
  };
  return [replay, resume];
}
