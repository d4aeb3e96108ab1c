import type { Db } from '../db/client.js';
import { asBigInt, asBoolean, asDate, asNumber } from '../db/sql.js';
import { envelope, type Envelope, type FeedSettings, type PageRequest } from '../paging/page.js';
import { readPage, type WithFeedState } from '../paging/numbering.js';
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
 * One page of the customers feed, in one statement: the customers of the page's seq range, each
 * with its aggregates summed by the database from the orders themselves (integer thousandths,
 * through the customer_key, financial_status index), so they are exact after any sequence of
 * writes; and the counter row. Plain SQL, as for the orders feed.
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
    (seq) => db.sql<Row & WithFeedState>`
      SELECT c.key, c.key_is_number, c.email, c.first_name, c.last_name, c.phone, c.currency, c.registered_at,
        c.gender,
        (SELECT count(*) FROM orders o WHERE o.customer_key = c.key AND o.financial_status = ${COUNTED_STATUS})
          AS orders_count,
        (SELECT sum(o.total_price) FROM orders o WHERE o.customer_key = c.key AND o.financial_status = ${COUNTED_STATUS})
          AS total_spent,
        (SELECT live || ' ' || holes || ' ' || layout || ' ' || coalesce(CAST(oldest_hole_at AS TEXT), '-')
          FROM feed_state WHERE entity = 'customers') AS feed_state
      FROM customers c WHERE c.seq >= ${seq.gte} AND c.seq < ${seq.lt} ORDER BY c.seq LIMIT ${request.perPage}`,
  );
  return envelope(
    rows.map((row) => customerToFeed(row, settings.storeTimeZone)),
    request,
    total,
  );
}

/** One customer in its feed shape (a webhook's body), or undefined when it is gone. */
export async function readCustomerFeedItem(
  db: Db,
  key: string,
  timeZone: string,
): Promise<CustomerFeedItem | undefined> {
  const [row] = await db.sql<Row>`
    SELECT c.key, c.key_is_number, c.email, c.first_name, c.last_name, c.phone, c.currency, c.registered_at,
      c.gender,
      (SELECT count(*) FROM orders o WHERE o.customer_key = c.key AND o.financial_status = ${COUNTED_STATUS})
        AS orders_count,
      (SELECT sum(o.total_price) FROM orders o WHERE o.customer_key = c.key AND o.financial_status = ${COUNTED_STATUS})
        AS total_spent
    FROM customers c WHERE c.key = ${key}`;
  return row && customerToFeed(row, timeZone);
}

type Row = Record<string, unknown>;

/** A customers row, its aggregates included, in its feed shape; a customer without counted orders has a null sum. */
function customerToFeed(row: Row, timeZone: string): CustomerFeedItem {
  return {
    id: shopIdToJson(row.key as string, asBoolean(row.key_is_number)),
    email: row.email as string,
    first_name: (row.first_name as string | null) ?? '',
    last_name: (row.last_name as string | null) ?? '',
    orders_count: asNumber(row.orders_count),
    total_spent: moneyToJson(row.total_spent === null ? 0n : asBigInt(row.total_spent)),
    currency: row.currency as string,
    phone: row.phone as string | null,
    registered_at: formatStoreDate(asDate(row.registered_at), timeZone),
    gender: row.gender as string,
  };
}
