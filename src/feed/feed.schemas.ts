import { z } from 'zod';
import type { CategoryNode } from '../categories/category.document.js';

/**
 * The shapes the feed answers with, for the OpenAPI document. The tests check every feed answer
 * against their own copy of the contract (test/contract), written from the contract itself.
 * Each has an `id`, the name of its component in the document and so of its generated type.
 */

const id = z.union([z.int(), z.string()]).describe('the shop id, with the JSON type it was pushed with');
const date = z.string().describe('Y-m-d H:i:s in STORE_TIMEZONE');
const money = z.number().describe('the stored decimal, at most 3 places');

const order = z
  .object({
    id,
    ordered_at: date,
    total_price: money,
    subtotal_price: money,
    total_tax: money,
    taxes_included: z.union([z.literal(0), z.literal(1)]),
    currency: z.string(),
    country_code: z.string(),
    financial_status: z.enum(['processing', 'successful', 'canceled', 'refunded']).nullable(),
    total_discounts: money,
    phone: z.string(),
    customer_locale: z.string().nullable(),
    contact_email: z.string(),
    line_items: z.array(z.object({ product_id: id, quantity: z.int(), price: money })),
    customer: z.object({ id }),
  })
  .meta({ id: 'FeedOrder' });

const customer = z
  .object({
    id,
    email: z.string(),
    first_name: z.string(),
    last_name: z.string(),
    orders_count: z.int().describe('successful orders only'),
    total_spent: money.describe('over successful orders only'),
    currency: z.string(),
    phone: z.string().nullable(),
    registered_at: date,
    gender: z.enum(['male', 'female', 'unknown']),
  })
  .meta({ id: 'FeedCustomer' });

const product = z
  .object({
    id,
    category_id: z.string().nullable(),
    title: z.string(),
    handle: z.string(),
    full_permalink: z.string(),
    app_links: z.object({ ios: z.string().nullable(), android: z.string().nullable() }).nullable(),
    image: z.string().describe('the first of images when the product names no image of its own'),
    content: z.string().describe('HTML'),
    type: z.string(),
    vendor: z.string().describe('the store name when the product names none'),
    price: money,
    compare_at_price: money.nullable(),
    quantity: z.int().nullable(),
    stock_status: z.enum(['instock', 'outofstock']),
    published_at: date.nullable().describe('null for an inactive product'),
    tags: z.string().describe('comma-separated'),
    images: z.array(z.object({ path: z.string(), width: z.int().nullable(), height: z.int().nullable() })),
  })
  .meta({ id: 'FeedProduct' });

const category: z.ZodType<CategoryNode> = z
  .object({
    id,
    title: z.string(),
    handle: z.string(),
    content: z.string(),
    available: z.boolean(),
    published_at: date.describe('when the category was first stored, if the shop sent no date'),
    get subcategories() {
      return z.array(category).describe('[] for a leaf');
    },
  })
  .meta({ id: 'CategoryNode' });

const envelope = (id: string, item: z.ZodType, description?: string) =>
  z
    .object({
      current_page: z.int(),
      data: z.array(item),
      from: z.int().nullable(),
      to: z.int().nullable(),
      last_page: z.int(),
      per_page: z.int(),
      total: z.int(),
    })
    .meta({ id, ...(description && { description }) });

export const storeInfoSchema = z
  .object({
    code: z.literal(200),
    data: z.object({
      name: z.string(),
      currency: z.string().nullable().describe('null until the merchant has pushed the store'),
      time_zone: z.string(),
      email: z.string(),
      description: z.string(),
      country: z.string().nullable(),
      country_code: z.string().nullable(),
    }),
  })
  .meta({ id: 'StoreInfo' });

export const feedPageSchemas = {
  orders: envelope('OrdersFeedPage', order),
  customers: envelope('CustomersFeedPage', customer),
  products: envelope('ProductsFeedPage', product),
  categories: envelope('CategoriesFeedPage', category, 'paginated over top-level categories'),
};
