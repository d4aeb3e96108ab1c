import type { Db } from '../db/client.js';
import { asBigInt, asBoolean, asDate, asNumber } from '../db/sql.js';
import { envelope, type Envelope, type FeedSettings, type PageRequest } from '../paging/page.js';
import { readPage } from '../paging/numbering.js';
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
 * themselves (integer thousandths), so they are exact after any sequence of writes. Plain SQL,
 * as for the orders feed.
 */
export async function readCustomersPage(
  db: Db,
  request: PageRequest,
  settings: FeedSettings,
): Promise<Envelope<CustomerFeedItem>> {
  const { total, rows } = await readPage(
    db,
    'customers',
    request,
    settings.feedDeleteGraceSeconds * 1000,
    (seq) => db.sql`
      SELECT key, key_is_number, email, first_name, last_name, phone, currency, registered_at, gender
      FROM customers WHERE seq >= ${seq.gte} AND seq < ${seq.lt} ORDER BY seq LIMIT ${request.perPage}`,
  );
  return envelope(await customersToFeed(db, rows, settings.storeTimeZone), request, total);
}

/** One customer in its feed shape (a webhook's body), or undefined when it is gone. */
export async function readCustomerFeedItem(
  db: Db,
  key: string,
  timeZone: string,
): Promise<CustomerFeedItem | undefined> {
  const rows = await db.sql`
    SELECT key, key_is_number, email, first_name, last_name, phone, currency, registered_at, gender
    FROM customers WHERE key = ${key}`;
  return (await customersToFeed(db, rows, timeZone))[0];
}

/** Customers rows in their feed shape, with their aggregates summed in one query. */
async function customersToFeed(db: Db, rows: Array<Record<string, unknown>>, timeZone: string) {
  if (rows.length === 0) return [];
  const sums = await db.sql`
    SELECT customer_key, count(*) AS orders_count, sum(total_price) AS total_spent FROM orders
    WHERE customer_key IN (${rows.map((row) => row.key as string)}) AND financial_status = ${COUNTED_STATUS}
    GROUP BY customer_key`;
  const byKey = new Map(sums.map((sum) => [sum.customer_key, sum]));

  return rows.map((row): CustomerFeedItem => {
    const agg = byKey.get(row.key);
    return {
      id: shopIdToJson(row.key as string, asBoolean(row.key_is_number)),
      email: row.email as string,
      first_name: (row.first_name as string | null) ?? '',
      last_name: (row.last_name as string | null) ?? '',
      orders_count: agg ? asNumber(agg.orders_count) : 0,
      total_spent: moneyToJson(agg ? asBigInt(agg.total_spent) : 0n),
      currency: row.currency as string,
      phone: row.phone as string | null,
      registered_at: formatStoreDate(asDate(row.registered_at), timeZone),
      gender: row.gender as string,
    };
  });
}
