import { z } from 'zod';

/**
 * convertedin's side of the contract (shared/contract.md §1), written independently of the
 * service's own code. Strict objects: a missing, misspelt or extra key fails.
 */

const dateTime = z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
const id = z.union([z.int(), z.string().min(1)]);
const money = z.number().refine((n) => Number.isFinite(n) && Math.round(n * 1000) / 1000 === n, 'at most 3 decimals');

export const orderContract = z.strictObject({
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

export const customerContract = z.strictObject({
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

export function envelopeContract<T extends z.ZodType>(item: T) {
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

export const feedContracts: Record<string, z.ZodType> = {
  orders: envelopeContract(orderContract),
  customers: envelopeContract(customerContract),
};

export const errorContract = z.strictObject({ message: z.string() });
export const validationErrorContract = z.strictObject({
  message: z.string(),
  errors: z.record(z.string(), z.array(z.string()).min(1)),
});
