import type { Db } from '../db/client.js';
import { envelope, offsetOf, type Envelope, type PageRequest } from '../feed/page-request.js';
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
  timeZone: string,
): Promise<Envelope<CustomerFeedItem>> {
  const total = await db.read.customer.count();
  const skip = offsetOf(request);
  if (skip >= total) return envelope([], request, total);

  const rows = await db.read.customer.findMany({ orderBy: { seq: 'asc' }, skip, take: request.perPage });
  return envelope(await customersToFeed(db, rows, timeZone), request, total);
}

type CustomerRow = Awaited<ReturnType<Db['read']['customer']['findMany']>>[number];

/** The feed shape of customers, with their aggregates summed in one query. */
export async function customersToFeed(db: Db, rows: CustomerRow[], timeZone: string): Promise<CustomerFeedItem[]> {
  const sums = await db.read.order.groupBy({
    by: ['customerKey'],
    where: { customerKey: { in: rows.map((row) => row.key) }, financialStatus: COUNTED_STATUS },
    _count: { _all: true },
    _sum: { totalPrice: true },
  });
  const byKey = new Map(sums.map((s) => [s.customerKey, s]));
  return rows.map((row): CustomerFeedItem => {
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
      registered_at: formatStoreDate(row.registeredAt, timeZone),
      gender: row.gender,
    };
  });
}
