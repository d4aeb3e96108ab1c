import { z } from 'zod';
import { embeddedCustomerSchema } from '../customers/customer.document.js';
import { formatStoreDate, readShopDate, shopDateSchema } from '../shared/dates.js';
import {
  addressesSchema,
  countryCodeSchema,
  currencySchema,
  emailSchema,
  flagSchema,
  integerSchema,
  text,
} from '../shared/fields.js';
import { fingerprint } from '../shared/hash.js';
import { shopIdSchema, shopIdToJson, type ShopId } from '../shared/ids.js';
import { moneySchema, moneyToJson } from '../shared/money.js';

export const FINANCIAL_STATUSES = ['processing', 'successful', 'canceled', 'refunded'] as const;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Line-item properties: short key/value pairs such as `{"type": "engraving", "data": "..."}`. */
const propertySchema = z.record(
  z
    .string()
    .max(100)
    .refine((key) => !FORBIDDEN_KEYS.has(key), 'is not an allowed property name'),
  z.union([text(1000), z.number(), z.boolean(), z.null()], { error: 'must be a string, number, boolean or null' }),
);

const lineItemSchema = z.object({
  product_id: shopIdSchema,
  quantity: integerSchema(1, 1_000_000),
  price: moneySchema,
  sku: text(255).nullish(),
  title: text(500).nullish(),
  vendor: text(255).nullish(),
  grams: integerSchema(0, 10_000_000_000).nullish(),
  properties: z.array(propertySchema).max(50, 'must hold at most 50 properties').nullish(),
});

const fulfillmentSchema = z.object({
  status: text(64).nullish(),
  carrier: text(255).nullish(),
  trackingNumbers: z.array(text(255)).max(50).nullish(),
  urls: z.array(text(2048)).max(50).nullish(),
  items: z
    .array(
      z.object({
        sku: text(255).nullish(),
        title: text(500).nullish(),
        quantity: integerSchema(0, Number.MAX_SAFE_INTEGER).nullish(),
      }),
    )
    .max(1000)
    .nullish(),
});

/** An order's fields, without the rule that spans two of them (see orderDocumentSchema). */
export const orderFieldsSchema = z.object({
  id: shopIdSchema,
  ordered_at: shopDateSchema,
  total_price: moneySchema,
  subtotal_price: moneySchema,
  total_tax: moneySchema.prefault(0),
  total_discounts: moneySchema.prefault(0),
  taxes_included: flagSchema.default(false),
  currency: currencySchema,
  country_code: countryCodeSchema,
  financial_status: z.enum(FINANCIAL_STATUSES, { error: `must be one of ${FINANCIAL_STATUSES.join(', ')}` }).nullish(),
  phone: text(64).nullish(),
  customer_locale: text(35).nullish(),
  contact_email: emailSchema
    .nullish()
    .describe("left out or null (a phone-only order): the customer's email, which convertedin needs instead"),
  line_items: z.array(lineItemSchema).max(1000, 'must hold at most 1000 line items'),
  customer: embeddedCustomerSchema.optional(),
  addresses: addressesSchema.nullish(),
  fulfillments: z.array(fulfillmentSchema).max(100, 'must hold at most 100 fulfillments').nullish(),
});

export const NO_EMAIL = 'is required: the order has no contact_email and its customer has no email';

/**
 * An order as the shop pushes it: the feed's field names plus what a shop keeps besides.
 * convertedin needs a contact email on every order, so a phone-only order must name a customer
 * to take it from; whether that customer has an email is known only once it is looked up.
 */
export const orderDocumentSchema = orderFieldsSchema.refine(
  (doc) => doc.contact_email != null || doc.customer != null,
  {
    path: ['contact_email'],
    message: 'is required: the order has no contact_email and names no customer to take one from',
    // Also when other fields are bad, so that every problem is named in one answer.
    when: (payload) => typeof payload.value === 'object' && payload.value !== null,
  },
);

export type OrderDocument = z.output<typeof orderDocumentSchema>;

export interface OrderFields {
  keyIsNumber: boolean;
  customerKey: string;
  orderedAt: Date;
  totalPrice: bigint;
  subtotalPrice: bigint;
  totalTax: bigint;
  totalDiscounts: bigint;
  taxesIncluded: boolean;
  currency: string;
  countryCode: string;
  financialStatus: string | null;
  phone: string | null;
  customerLocale: string | null;
  contactEmail: string;
  addresses: string | null;
  fulfillments: string | null;
}

export interface LineItemFields {
  position: number;
  productId: string;
  productIdIsNumber: boolean;
  quantity: number;
  price: bigint;
  sku: string | null;
  title: string | null;
  vendor: string | null;
  grams: number | null;
  properties: string | null;
}

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/** The columns of an order and its line items, given the customer it was linked to and the email it has. */
export function orderColumns(
  doc: OrderDocument,
  id: ShopId,
  link: { customerKey: string; contactEmail: string },
  timeZone: string,
) {
  const fields: OrderFields = {
    keyIsNumber: id.isNumber,
    customerKey: link.customerKey,
    orderedAt: readShopDate(doc.ordered_at, timeZone),
    totalPrice: doc.total_price,
    subtotalPrice: doc.subtotal_price,
    totalTax: doc.total_tax,
    totalDiscounts: doc.total_discounts,
    taxesIncluded: doc.taxes_included,
    currency: doc.currency,
    countryCode: doc.country_code,
    financialStatus: doc.financial_status ?? null,
    phone: doc.phone ?? doc.customer?.phone ?? null,
    customerLocale: doc.customer_locale ?? null,
    contactEmail: link.contactEmail,
    addresses: json(doc.addresses),
    fulfillments: json(doc.fulfillments),
  };
  const lineItems: LineItemFields[] = doc.line_items.map((item, position) => ({
    position,
    productId: item.product_id.key,
    productIdIsNumber: item.product_id.isNumber,
    quantity: item.quantity,
    price: item.price,
    sku: item.sku ?? null,
    title: item.title ?? null,
    vendor: item.vendor ?? null,
    grams: item.grams ?? null,
    properties: json(item.properties),
  }));
  return { fields, lineItems, docHash: fingerprint([id.key, fields, lineItems]) };
}

export interface StoredOrder extends OrderFields {
  key: string;
  customer: { key: string; keyIsNumber: boolean };
  lineItems: LineItemFields[];
}

/** What the feed reads of a stored order. */
export type FeedOrder = Omit<StoredOrder, 'addresses' | 'fulfillments' | 'lineItems'> & {
  lineItems: Array<Pick<LineItemFields, 'productId' | 'productIdIsNumber' | 'quantity' | 'price'>>;
};

/** The feed's view of an order (docs/convertedin.md, "The feed"). */
export function orderToFeed(row: FeedOrder, timeZone: string) {
  return {
    id: shopIdToJson(row.key, row.keyIsNumber),
    ordered_at: formatStoreDate(row.orderedAt, timeZone),
    total_price: moneyToJson(row.totalPrice),
    subtotal_price: moneyToJson(row.subtotalPrice),
    total_tax: moneyToJson(row.totalTax),
    taxes_included: row.taxesIncluded ? 1 : 0,
    currency: row.currency,
    country_code: row.countryCode,
    financial_status: row.financialStatus,
    total_discounts: moneyToJson(row.totalDiscounts),
    phone: row.phone ?? '',
    customer_locale: row.customerLocale,
    contact_email: row.contactEmail,
    line_items: row.lineItems.map((item) => ({
      product_id: shopIdToJson(item.productId, item.productIdIsNumber),
      quantity: item.quantity,
      price: moneyToJson(item.price),
    })),
    customer: { id: shopIdToJson(row.customer.key, row.customer.keyIsNumber) },
  };
}

/** What a stored order is read with, for orderToDocument and the webhook bodies. */
export const orderWithRelations = {
  lineItems: { orderBy: { position: 'asc' } },
  customer: { select: { key: true, keyIsNumber: true } },
} as const;

/** The merchant API's view: the feed fields plus everything else the shop pushed. */
export function orderToDocument(row: StoredOrder, timeZone: string) {
  const parse = (value: string | null) => (value === null ? null : (JSON.parse(value) as unknown));
  return {
    ...orderToFeed(row, timeZone),
    phone: row.phone,
    line_items: row.lineItems.map((item) => ({
      product_id: shopIdToJson(item.productId, item.productIdIsNumber),
      quantity: item.quantity,
      price: moneyToJson(item.price),
      sku: item.sku,
      title: item.title,
      vendor: item.vendor,
      grams: item.grams,
      properties: parse(item.properties),
    })),
    addresses: parse(row.addresses),
    fulfillments: parse(row.fulfillments),
  };
}
