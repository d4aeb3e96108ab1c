import type { Db, Tx } from '../db/client.js';
import type { DeliveryOutcome } from './deliver.js';

/**
 * Attempts kept per event: the whole 72-hour schedule (11) with room for a few replays. Older
 * ones are dropped as new ones come; all go when the event is pruned (the foreign key cascades).
 */
export const KEPT_ATTEMPTS = 20;

/** Records one attempt in the transaction that settles it, and trims the event's history. */
export async function recordAttempt(tx: Tx, eventRowId: number, at: Date, outcome: DeliveryOutcome): Promise<void> {
  await tx.webhookAttempt.create({
    data: {
      webhookEventId: eventRowId,
      at,
      status: 'status' in outcome ? (outcome.status ?? null) : null,
      durationMs: outcome.durationMs ?? 0,
      error: outcome.kind === 'delivered' ? null : outcome.error,
      responseBody: outcome.responseBody ?? null,
    },
  });
  const stale = await tx.webhookAttempt.findMany({
    where: { webhookEventId: eventRowId },
    orderBy: { id: 'desc' },
    skip: KEPT_ATTEMPTS,
    select: { id: true },
  });
  if (stale.length > 0) await tx.webhookAttempt.deleteMany({ where: { id: { in: stale.map((a) => a.id) } } });
}

/** An event's attempts, oldest first, in the API's shape. */
export async function attemptHistory(db: Db, eventRowId: number) {
  const rows = await db.read.webhookAttempt.findMany({ where: { webhookEventId: eventRowId }, orderBy: { id: 'asc' } });
  return rows.map((row) => ({
    at: row.at.toISOString(),
    status: row.status,
    duration_ms: row.durationMs,
    error: row.error,
    response_body: row.responseBody,
  }));
}
