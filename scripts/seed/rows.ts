import { customerHash, mergeCustomer } from '../../src/customers/customer.document.js';
import type { CustomerRow } from '../../src/customers/customers.table.js';
import { orderColumns, type OrderDocument } from '../../src/orders/order.document.js';
import type { LineItemRow, OrderRow } from '../../src/orders/orders.table.js';
import type { ShopId } from '../../src/shared/ids.js';
import { rng, sampleCustomer, sampleOrder, type SampleCustomer, type SampleOrder } from '../sample-data.js';

/**
 * The rows a push of the sample documents would store, column for column: the same merge and
 * the same `orderColumns` as the merchant API, so fingerprints match and a later push of the
 * same documents changes nothing. Only the validation step is skipped, as the generator's
 * values are valid by construction.
 */

export interface SeedPlan {
  customers: number;
  orders: number;
  timeZone: string;
  seed?: number;
}

const numberId = (id: number): ShopId => ({ key: String(id), isNumber: true });

function customerRow(sample: SampleCustomer, timeZone: string): CustomerRow {
  const id = numberId(sample.id);
  const fields = mergeCustomer(undefined, { ...sample, id }, {}, timeZone)!;
  return { key: id.key, keyIsNumber: true, ...fields, docHash: customerHash(id, fields) };
}

/** The document as the merchant API's schema outputs it for the pushed order. */
function orderDocument(sample: SampleOrder): OrderDocument {
  return {
    id: numberId(sample.id),
    ordered_at: sample.ordered_at,
    total_price: BigInt(sample.total_price),
    subtotal_price: BigInt(sample.subtotal_price),
    total_tax: BigInt(sample.total_tax),
    total_discounts: BigInt(sample.total_discounts),
    taxes_included: false,
    currency: sample.currency,
    country_code: sample.country_code,
    financial_status: sample.financial_status,
    phone: sample.phone,
    customer_locale: sample.customer_locale,
    contact_email: sample.contact_email,
    line_items: sample.line_items.map((item) => ({
      product_id: numberId(item.product_id),
      quantity: item.quantity,
      price: BigInt(item.price),
    })),
    customer: { id: numberId(sample.customer_id) },
  };
}

export interface SeedBatch {
  orders: OrderRow[];
  lineItems: LineItemRow[];
}

/** Customers and orders are made in batches of this many. */
export const SEED_BATCH = 5_000;

const batchRange = (index: number, count: number) => ({
  from: index * SEED_BATCH,
  to: Math.min(count, (index + 1) * SEED_BATCH),
});

/**
 * Customer `index`, drawn from a random stream of its own: any thread can make any customer
 * without holding them all, which matters at a million.
 */
function customerSample(plan: SeedPlan, index: number): SampleCustomer {
  return sampleCustomer(rng((plan.seed ?? 42) * 1_000_003 + index * 7_919 + 1), index);
}

export function seedCustomerSamples(plan: SeedPlan, index: number): SampleCustomer[] {
  const { from, to } = batchRange(index, plan.customers);
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => customerSample(plan, from + i));
}

export function seedCustomerBatch(plan: SeedPlan, index: number): CustomerRow[] {
  return seedCustomerSamples(plan, index).map((sample) => customerRow(sample, plan.timeZone));
}

/** The sample orders of batch `index`, from a random stream of the batch's own. */
export function seedOrderSamples(plan: SeedPlan, index: number): SampleOrder[] {
  const random = rng((plan.seed ?? 42) + 7_919 * (index + 1));
  const { from, to } = batchRange(index, plan.orders);
  const orders = [];
  for (let i = from; i < to; i++) {
    const customer = customerSample(plan, Math.floor(random() * plan.customers));
    orders.push(sampleOrder(random, customer, i));
  }
  return orders;
}

export function seedOrderBatch(plan: SeedPlan, index: number): SeedBatch {
  const batch: SeedBatch = { orders: [], lineItems: [] };
  for (const sample of seedOrderSamples(plan, index)) {
    const doc = orderDocument(sample);
    const link = { customerKey: doc.customer!.id.key, contactEmail: sample.contact_email };
    const { fields, lineItems, docHash } = orderColumns(doc, doc.id, link, plan.timeZone);
    batch.orders.push({ key: doc.id.key, ...fields, customerKeyIsNumber: true, docHash });
    for (const item of lineItems) batch.lineItems.push({ orderKey: doc.id.key, ...item });
  }
  return batch;
}

export const batchCount = (rows: number) => Math.ceil(rows / SEED_BATCH);
