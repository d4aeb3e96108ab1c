import type { Db } from '../db/client.js';
import { envelope, offsetOf, type Envelope, type PageRequest } from '../feed/page-request.js';
import { orderToFeed } from './order.document.js';

export type OrderFeedItem = ReturnType<typeof orderToFeed>;

export const orderWithRelations = {
  lineItems: { orderBy: { position: 'asc' } },
  customer: { select: { key: true, keyIsNumber: true } },
} as const;

/** One page of the orders feed, ascending by internal sequence. */
export async function readOrdersPage(db: Db, request: PageRequest, timeZone: string): Promise<Envelope<OrderFeedItem>> {
  const total = await db.read.order.count();
  const skip = offsetOf(request);
  if (skip >= total) return envelope([], request, total);
  const rows = await db.read.order.findMany({
    orderBy: { seq: 'asc' },
    skip,
    take: request.perPage,
    include: orderWithRelations,
  });
  return envelope(
    rows.map((row) => orderToFeed(row, timeZone)),
    request,
    total,
  );
}
