import type { Db } from '../db/client.js';
import type { Logger } from '../observability/logger.js';
import type { Config } from '../config.js';
import { assertPublicDestination } from './destination.js';

/** What /metrics reports about the outbox: events waiting, and how long the oldest has waited. */
export async function queueSnapshot(db: Db, now = Date.now()) {
  const pending = await db.read.webhookEvent.aggregate({
    where: { status: 'pending' },
    _count: { _all: true },
    _min: { createdAt: true },
  });
  const oldest = pending._min.createdAt;
  return {
    depth: pending._count._all,
    oldestPendingSeconds: oldest ? Math.max(0, (now - oldest.getTime()) / 1000) : 0,
  };
}

/** In production a webhook URL must not point into the service's own network. */
export async function checkWebhookDestination(config: Config, logger: Logger): Promise<void> {
  const { url, allowPrivate } = config.webhooks;
  if (!url || allowPrivate || config.nodeEnv !== 'production') return;
  try {
    await assertPublicDestination(url);
  } catch (error) {
    const message = (error as Error).message;
    // An internal address is a configuration error; a name that does not resolve yet is checked
    // again on every delivery.
    if (/internal address/.test(message)) throw new WebhookDestinationError(message);
    logger.warn({ err: { message } }, 'webhook destination could not be resolved at start');
  }
}

export class WebhookDestinationError extends Error {
  override name = 'WebhookDestinationError';
}
