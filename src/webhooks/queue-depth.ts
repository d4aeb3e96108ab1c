import type { Db } from '../db/client.js';
import { readEndpointHealth } from './endpoint.js';

/**
 * What /metrics reports about the outbox: events waiting, how long the oldest has waited, and
 * whether the endpoint at `url` is paused (the signature keeps `now` second for existing callers).
 */
export async function queueSnapshot(db: Db, now = Date.now(), url?: string) {
  const [pending, health] = await Promise.all([
    db.read.webhookEvent.aggregate({
      where: { status: 'pending' },
      _count: { _all: true },
      _min: { createdAt: true },
    }),
    url === undefined ? undefined : readEndpointHealth(db, url),
  ]);
  const oldest = pending._min.createdAt;
  return {
    depth: pending._count._all,
    oldestPendingSeconds: oldest ? Math.max(0, (now - oldest.getTime()) / 1000) : 0,
    endpointPaused: health?.paused ?? false,
  };
}
