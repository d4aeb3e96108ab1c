import type { Db } from '../db/client.js';
import { envelope, type Envelope, type PageRequest } from '../feed/page-request.js';
import { locatePage } from '../feed/slots.js';
import type { FeedSettings } from '../orders/orders.feed.js';
import { formatStoreDate } from '../shared/dates.js';
import { shopIdToJson } from '../shared/ids.js';
import { moneyToJson } from '../shared/money.js';

/** Orders in this status count towards a customer's orders_count and total_spent. */
export const COUNTED_STATUS = 'successful';

export interface CustomerFeedItem {
  id: string | number;
  email: string;
  first_name: string;
  last_name: string;
  orders_count: number;
  total_spent: number;
  currency: string;
  phone: string | null;
  registered_at: string;
  gender: string;
}

/**
 * One page of the customers feed. The aggregates are summed by the database from the orders
 * themselves (integer thousandths), so they are exact after any sequence of writes.
 */
export async function readCustomersPage(
  db: Db,
  request: PageRequest,
  settings: FeedSettings,
): Promise<Envelope<CustomerFeedItem>> {
  const { total, seq } = await locatePage(db, 'customers', request, settings.feedDeleteGraceSeconds * 1000);
  if (!seq) return envelope([], request, total);

  const rows = await db.read.customer.findMany({ where: { seq }, orderBy: { seq: 'asc' }, take: request.perPage });
  const sums = await db.read.order.groupBy({
    by: ['customerKey'],
    where: { customerKey: { in: rows.map((row) => row.key) }, financialStatus: COUNTED_STATUS },
    _count: { _all: true },
    _sum: { totalPrice: true },
  });
  const byKey = new Map(sums.map((s) => [s.customerKey, s]));

  const data = rows.map((row): CustomerFeedItem => {
    const agg = byKey.get(row.key);
    return {
      id: shopIdToJson(row.key, row.keyIsNumber),
      email: row.email,
      first_name: row.firstName ?? '',
      last_name: row.lastName ?? '',
      orders_count: agg?._count._all ?? 0,
      total_spent: moneyToJson(agg?._sum.totalPrice ?? 0n),
      currency: row.currency,
      phone: row.phone,
      registered_at: formatStoreDate(row.registeredAt, settings.storeTimeZone),
      gender: row.gender,
    };
  });
  return envelope(data, request, total);
}
