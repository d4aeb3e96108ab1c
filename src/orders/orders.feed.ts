import type { Db } from '../db/client.js';
import { asBigInt, asBoolean, asDate, asNumber, asText } from '../db/sql.js';
import { envelope, type Envelope, type FeedSettings, type PageRequest } from '../paging/page.js';
import { readPage } from '../paging/numbering.js';
import { orderToFeed, type FeedOrder } from './order.document.js';

export type OrderFeedItem = ReturnType<typeof orderToFeed>;

type Row = Record<string, unknown>;

/**
 * One page of the orders feed, ascending by internal sequence: the page's range of seqs, then
 * its line items, in plain SQL (see src/db/sql.ts for why).
 */
export async function readOrdersPage(
  db: Db,
  request: PageRequest,
  settings: FeedSettings,
): Promise<Envelope<OrderFeedItem>> {
  const { total, rows: orders } = await readPage(
    db,
    'orders',
    request,
    settings.feedDeleteGraceSeconds * 1000,
    (seq) => db.sql`
      SELECT o.key, o.key_is_number, o.customer_key, o.ordered_at, o.total_price, o.subtotal_price, o.total_tax,
        o.total_discounts, o.taxes_included, o.currency, o.country_code, o.financial_status, o.phone,
        o.customer_locale, o.contact_email, o.customer_key_is_number
      FROM orders o WHERE o.seq >= ${seq.gte} AND o.seq < ${seq.lt} ORDER BY o.seq LIMIT ${request.perPage}`,
  );
  if (orders.length === 0) return envelope([], request, total);
  const items = await db.sql`
    SELECT order_key, product_id, product_id_is_number, quantity, price FROM line_items
    WHERE order_key IN (${orders.map((o) => o.key as string)}) ORDER BY order_key, position`;

  const byOrder = new Map<unknown, FeedOrder['lineItems']>();
  for (const item of items) {
    const line = {
      productId: item.product_id as string,
      productIdIsNumber: asBoolean(item.product_id_is_number),
      quantity: asNumber(item.quantity),
      price: asBigInt(item.price),
    };
    const list = byOrder.get(item.order_key);
    if (list) list.push(line);
    else byOrder.set(item.order_key, [line]);
  }
  const data = orders.map((o) => orderToFeed(feedOrder(o, byOrder.get(o.key) ?? []), settings.storeTimeZone));
  return envelope(data, request, total);
}

function feedOrder(o: Row, lineItems: FeedOrder['lineItems']): FeedOrder {
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
    lineItems,
  };
}
