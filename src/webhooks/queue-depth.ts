import type { Db } from '../db/client.js';

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
