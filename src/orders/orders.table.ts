import { defineTable } from '../db/table.js';
import type { LineItemFields, OrderFields } from './order.document.js';

/**
 * An order as stored: its fields, the shop's id and the fingerprint of its document. Whether
 * its customer's id is a number is the customer's fact, copied here for the feed, and so not
 * part of the order's fingerprint.
 */
export interface OrderRow extends OrderFields {
  key: string;
  customerKeyIsNumber: boolean;
  docHash: string;
}

export interface LineItemRow extends LineItemFields {
  orderKey: string;
}

export const ORDERS = defineTable<OrderRow>(
  'orders',
  {
    key: ['text', (o) => o.key],
    key_is_number: ['boolean', (o) => o.keyIsNumber],
    customer_key: ['text', (o) => o.customerKey],
    customer_key_is_number: ['boolean', (o) => o.customerKeyIsNumber],
    ordered_at: ['instant', (o) => o.orderedAt],
    total_price: ['bigint', (o) => o.totalPrice],
    subtotal_price: ['bigint', (o) => o.subtotalPrice],
    total_tax: ['bigint', (o) => o.totalTax],
    total_discounts: ['bigint', (o) => o.totalDiscounts],
    taxes_included: ['boolean', (o) => o.taxesIncluded],
    currency: ['text', (o) => o.currency],
    country_code: ['text', (o) => o.countryCode],
    financial_status: ['text', (o) => o.financialStatus],
    phone: ['text', (o) => o.phone],
    customer_locale: ['text', (o) => o.customerLocale],
    contact_email: ['text', (o) => o.contactEmail],
    addresses: ['text', (o) => o.addresses],
    fulfillments: ['text', (o) => o.fulfillments],
    doc_hash: ['text', (o) => o.docHash],
    created_at: ['instant', (_, now) => now],
    updated_at: ['instant', (_, now) => now],
  },
  { key: 'key' },
);

/** Line items have no key of their own: a changed order's items are deleted and inserted again. */
export const LINE_ITEMS = defineTable<LineItemRow>('line_items', {
  order_key: ['text', (i) => i.orderKey],
  position: ['integer', (i) => i.position],
  product_id: ['text', (i) => i.productId],
  product_id_is_number: ['boolean', (i) => i.productIdIsNumber],
  quantity: ['integer', (i) => i.quantity],
  price: ['bigint', (i) => i.price],
  sku: ['text', (i) => i.sku],
  title: ['text', (i) => i.title],
  vendor: ['text', (i) => i.vendor],
  grams: ['integer', (i) => i.grams],
  properties: ['text', (i) => i.properties],
});
