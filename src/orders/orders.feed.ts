import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { envelope, type Envelope, type PageRequest } from '../feed/page-request.js';
import { locatePage } from '../feed/slots.js';
import { orderToFeed } from './order.document.js';

export type OrderFeedItem = ReturnType<typeof orderToFeed>;

export const orderWithRelations = {
  lineItems: { orderBy: { position: 'asc' } },
  customer: { select: { key: true, keyIsNumber: true } },
} as const;

export type FeedSettings = Pick<Config, 'storeTimeZone' | 'feedDeleteGraceSeconds'>;

/** One page of the orders feed, ascending by internal sequence. */
export async function readOrdersPage(
  db: Db,
  request: PageRequest,
  settings: FeedSettings,
): Promise<Envelope<OrderFeedItem>> {
  const { total, seq } = await locatePage(db, 'orders', request, settings.feedDeleteGraceSeconds * 1000);
  if (!seq) return envelope([], request, total);
  const rows = await db.read.order.findMany({
    where: { seq },
    orderBy: { seq: 'asc' },
    take: request.perPage,
    include: orderWithRelations,
  });
  return envelope(
    rows.map((row) => orderToFeed(row, settings.storeTimeZone)),
    request,
    total,
  );
}
