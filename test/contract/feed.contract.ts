import { z } from 'zod';

/**
 * convertedin's side of the contract (docs/convertedin.md), written independently of the
 * service's own code. Strict objects: a missing, misspelt or extra key fails.
 */

const dateTime = z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
const id = z.union([z.int(), z.string().min(1)]);
const money = z.number().refine((n) => Number.isFinite(n) && Math.round(n * 1000) / 1000 === n, 'at most 3 decimals');

const orderContract = z.strictObject({
  id,
  ordered_at: dateTime,
  total_price: money,
  subtotal_price: money,
  total_tax: money,
  taxes_included: z.union([z.literal(0), z.literal(1)]),
  currency: z.string().regex(/^[A-Z]{3}$/),
  country_code: z.string().regex(/^[A-Z]{2}$/),
  financial_status: z.enum(['processing', 'successful', 'canceled', 'refunded']).nullable(),
  total_discounts: money,
  phone: z.string(),
  customer_locale: z.string().nullable(),
  contact_email: z.string(),
  line_items: z.array(z.strictObject({ product_id: id, quantity: z.int(), price: money })),
  customer: z.strictObject({ id }),
});

const customerContract = z.strictObject({
  id,
  email: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  orders_count: z.int().min(0),
  total_spent: money,
  currency: z.string().regex(/^[A-Z]{3}$/),
  phone: z.string().nullable(),
  registered_at: dateTime,
  gender: z.enum(['male', 'female', 'unknown']),
});

function envelopeContract<T extends z.ZodType>(item: T) {
  return z
    .strictObject({
      current_page: z.int().min(1),
      data: z.array(item),
      from: z.int().min(1).nullable(),
      to: z.int().min(1).nullable(),
      last_page: z.int().min(1),
      per_page: z.int().min(1),
      total: z.int().min(0),
    })
    .superRefine((page, ctx) => {
      const expectedFrom = page.data.length === 0 ? null : (page.current_page - 1) * page.per_page + 1;
      if (page.from !== expectedFrom) ctx.addIssue({ code: 'custom', message: `from should be ${expectedFrom}` });
      const expectedTo = expectedFrom === null ? null : expectedFrom + page.data.length - 1;
      if (page.to !== expectedTo) ctx.addIssue({ code: 'custom', message: `to should be ${expectedTo}` });
      if (page.last_page !== Math.max(1, Math.ceil(page.total / page.per_page))) {
        ctx.addIssue({ code: 'custom', message: 'last_page does not match total / per_page' });
      }
      if (page.data.length > page.per_page) ctx.addIssue({ code: 'custom', message: 'more items than per_page' });
    });
}

export const errorContract = z.strictObject({ message: z.string() });
export const validationErrorContract = z.strictObject({
  message: z.string(),
  errors: z.record(z.string(), z.array(z.string()).min(1)),
});

const absoluteUrl = z.url({ protocol: /^https?$/ });
const currency = z.string().regex(/^[A-Z]{3}$/);
const countryCode = z.string().regex(/^[A-Z]{2}$/);

const storeInfoContract = z.strictObject({
  code: z.literal(200),
  data: z.union([
    z.strictObject({
      name: z.string().min(1),
      currency,
      time_zone: z.string().min(1),
      email: z.string().min(1),
      description: z.string(),
      country: countryCode,
      country_code: countryCode,
    }),
    // Before the merchant has pushed a store (docs/feed.md, storeinfo "before a store is pushed").
    z.strictObject({
      name: z.literal(''),
      currency: z.null(),
      time_zone: z.string().min(1),
      email: z.literal(''),
      description: z.literal(''),
      country: z.null(),
      country_code: z.null(),
    }),
  ]),
});

const productContract = z
  .strictObject({
    id,
    category_id: z.string().min(1).nullable(),
    title: z.string(),
    handle: z.string(),
    full_permalink: absoluteUrl,
    app_links: z.strictObject({ ios: z.string().nullable(), android: z.string().nullable() }).nullable(),
    image: absoluteUrl,
    content: z.string(),
    type: z.string(),
    vendor: z.string(),
    price: money,
    compare_at_price: money.nullable(),
    quantity: z.int().nullable(),
    stock_status: z.enum(['instock', 'outofstock']).nullable(),
    published_at: dateTime.nullable(),
    tags: z.string(),
    images: z.array(
      z.strictObject({ path: absoluteUrl, width: z.int().min(1).nullable(), height: z.int().min(1).nullable() }),
    ),
  })
  .refine((p) => p.quantity !== null || p.stock_status !== null, 'send quantity or stock_status');

interface CategoryNode {
  id: string | number;
  title: string;
  handle: string;
  content: string;
  available: boolean;
  published_at: string;
  subcategories: CategoryNode[];
}

const categoryContract: z.ZodType<CategoryNode> = z.strictObject({
  id,
  title: z.string(),
  handle: z.string(),
  content: z.string(),
  available: z.boolean(),
  // Required by convertedin on every category: never null.
  published_at: dateTime,
  get subcategories() {
    return z.array(categoryContract);
  },
});

export const feedContracts: Record<string, z.ZodType> = {
  storeinfo: storeInfoContract,
  orders: envelopeContract(orderContract),
  customers: envelopeContract(customerContract),
  products: envelopeContract(productContract),
  categories: envelopeContract(categoryContract),
};
