import { z } from 'zod';
import type { AppDeps } from '../http/deps.js';
import { listQuerySchema } from '../http/list-query.js';
import { shopIdToJson } from '../shared/ids.js';

/** `coalesced`: settled without a request, since a newer event of its entity stands for it. */
const STATUSES = ['pending', 'delivered', 'dead', 'coalesced'] as const;

export const deliveriesQuery = listQuerySchema.extend({
  status: z.enum(STATUSES, { error: `status must be one of ${STATUSES.join(', ')}` }).optional(),
  entity: z.enum(['orders', 'customers', 'products', 'collections'], { error: 'unknown entity' }).optional(),
  action: z.enum(['create', 'update', 'delete'], { error: 'action must be create, update or delete' }).optional(),
  entity_id: z.string().max(255).optional(),
});

export type EventRow = Awaited<ReturnType<AppDeps['db']['read']['webhookEvent']['findFirstOrThrow']>>;

export function view(row: EventRow) {
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

export const deliverySchema = z
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
