import type { Db } from '../db/client.js';
import { asBigInt, asBoolean, asDate, asText } from '../db/sql.js';
import { envelope, type Envelope, type FeedSettings, type PageRequest } from '../paging/page.js';
import { readPage, type WithFeedState } from '../paging/numbering.js';
import type { SeqRange } from '../paging/slot-index.js';
import { orderToFeed, type FeedOrder } from './order.document.js';

export type OrderFeedItem = ReturnType<typeof orderToFeed>;

type Row = Record<string, unknown> & WithFeedState;

/**
 * One page of the orders feed, ascending by internal sequence, in one statement: the orders of
 * the page's seq range, each with its line items gathered by the database into a JSON array
 * ([product_id, product_id_is_number, quantity, price], by position), and the counter row. The
 * aggregate is the only part the two providers spell differently.
 */
const pageQueries: Record<Db['provider'], (db: Db, seq: SeqRange, limit: number) => Promise<Row[]>> = {
  postgresql: (db, seq, limit) => db.sql`
    SELECT o.key, o.key_is_number, o.customer_key, o.customer_key_is_number, o.ordered_at, o.total_price,
      o.subtotal_price, o.total_tax, o.total_discounts, o.taxes_included, o.currency, o.country_code,
      o.financial_status, o.phone, o.customer_locale, o.contact_email,
      (SELECT json_agg(json_build_array(li.product_id, li.product_id_is_number, li.quantity, li.price)
        ORDER BY li.position) FROM line_items li WHERE li.order_key = o.key) AS line_items,
      (SELECT live || ' ' || holes || ' ' || layout || ' ' || coalesce(CAST(oldest_hole_at AS TEXT), '-')
        FROM feed_state WHERE entity = 'orders') AS feed_state
    FROM orders o WHERE o.seq >= ${seq.gte} AND o.seq < ${seq.lt} ORDER BY o.seq LIMIT ${limit}`,
  sqlite: (db, seq, limit) => db.sql`
    SELECT o.key, o.key_is_number, o.customer_key, o.customer_key_is_number, o.ordered_at, o.total_price,
      o.subtotal_price, o.total_tax, o.total_discounts, o.taxes_included, o.currency, o.country_code,
      o.financial_status, o.phone, o.customer_locale, o.contact_email,
      (SELECT json_group_array(json_array(li.product_id, li.product_id_is_number, li.quantity, li.price)
        ORDER BY li.position) FROM line_items li WHERE li.order_key = o.key) AS line_items,
      (SELECT live || ' ' || holes || ' ' || layout || ' ' || coalesce(CAST(oldest_hole_at AS TEXT), '-')
        FROM feed_state WHERE entity = 'orders') AS feed_state
    FROM orders o WHERE o.seq >= ${seq.gte} AND o.seq < ${seq.lt} ORDER BY o.seq LIMIT ${limit}`,
};

export async function readOrdersPage(
  db: Db,
  request: PageRequest,
  settings: FeedSettings,
): Promise<Envelope<OrderFeedItem>> {
  const query = pageQueries[db.provider];
  const { total, rows } = await readPage(db, 'orders', request, settings.feedDeleteGraceSeconds * 1000, (seq) =>
    query(db, seq, request.perPage),
  );
  return envelope(
    rows.map((row) => orderToFeed(feedOrder(row), settings.storeTimeZone)),
    request,
    total,
  );
}

type LineItem = [productId: string, productIdIsNumber: boolean | number, quantity: number, price: number];

/**
 * SQLite hands the array over as text, PostgreSQL's driver parses it; no line items is `[]`
 * from SQLite and null from PostgreSQL. Prices are thousandths below 2^53, exact as JSON numbers.
 */
const lineItemsOf = (value: unknown): LineItem[] =>
  (typeof value === 'string' ? JSON.parse(value) : (value ?? [])) as LineItem[];

function feedOrder(o: Row): FeedOrder {
  return {
    key: o.key as string,
    keyIsNumber: asBoolean(o.key_is_number),
    customerKey: o.customer_key as string,
    orderedAt: asDate(o.ordered_at),
    totalPrice: asBigInt(o.total_price),
    subtotalPrice: asBigInt(o.subtotal_price),
    totalTax: asBigInt(o.total_tax),
    totalDiscounts: asBigInt(o.total_discounts),
    taxesIncluded: asBoolean(o.taxes_included),
    currency: o.currency as string,
    countryCode: o.country_code as string,
    financialStatus: asText(o.financial_status),
    phone: asText(o.phone),
    customerLocale: asText(o.customer_locale),
    contactEmail: o.contact_email as string,
    customer: { key: o.customer_key as string, keyIsNumber: asBoolean(o.customer_key_is_number) },
    lineItems: lineItemsOf(o.line_items).map(([productId, productIdIsNumber, quantity, price]) => ({
      productId,
      productIdIsNumber: asBoolean(productIdIsNumber),
      quantity,
      price: BigInt(price),
    })),
  };
}
