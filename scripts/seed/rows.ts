import { customerHash, mergeCustomer, type CustomerFields } from '../../src/customers/customer.document.js';
import {
  orderColumns,
  type LineItemFields,
  type OrderDocument,
  type OrderFields,
} from '../../src/orders/order.document.js';
import type { ShopId } from '../../src/shared/ids.js';
import { rng, sampleCustomer, sampleOrder, type SampleCustomer, type SampleOrder } from '../sample-data.js';

/**
 * The rows a push of the sample documents would store, column for column: the same merge and
 * the same `orderColumns` as the merchant API, so fingerprints match and a later push of the
 * same documents changes nothing. Only the validation step is skipped, as the generator's
 * values are valid by construction.
 */

export interface CustomerRow extends CustomerFields {
  key: string;
  keyIsNumber: boolean;
  docHash: string;
}

export interface OrderRow extends OrderFields {
  key: string;
  docHash: string;
}

export interface LineItemRow extends LineItemFields {
  orderKey: string;
}

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

/** The sample customers (orders pick theirs from them) and their rows. */
export function seedCustomers(plan: SeedPlan) {
  const random = rng(plan.seed ?? 42);
  const samples = Array.from({ length: plan.customers }, (_, i) => sampleCustomer(random, i));
  return { samples, rows: samples.map((sample) => customerRow(sample, plan.timeZone)) };
}

/** Orders are made in batches of this many. */
export const SEED_BATCH = 5_000;

/**
 * The sample orders of batch `index`. Each batch draws from its own random stream, so batches
 * can be made in any order, by several threads, and still come out the same.
 */
export function seedOrderSamples(plan: SeedPlan, samples: SampleCustomer[], index: number): SampleOrder[] {
  const random = rng((plan.seed ?? 42) + 7919 * (index + 1));
  const end = Math.min(plan.orders, (index + 1) * SEED_BATCH);
  const orders = [];
  for (let i = index * SEED_BATCH; i < end; i++) orders.push(sampleOrder(random, samples, i));
  return orders;
}

export function seedOrderBatch(plan: SeedPlan, samples: SampleCustomer[], index: number): SeedBatch {
  const batch: SeedBatch = { orders: [], lineItems: [] };
  for (const sample of seedOrderSamples(plan, samples, index)) {
    const doc = orderDocument(sample);
    const { fields, lineItems, docHash } = orderColumns(doc, doc.id, doc.customer!.id.key, plan.timeZone);
    batch.orders.push({ key: doc.id.key, ...fields, docHash });
    for (const item of lineItems) batch.lineItems.push({ orderKey: doc.id.key, ...item });
  }
  return batch;
}
