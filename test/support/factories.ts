import type { z } from 'zod';
import type { categoryDocumentSchema } from '../../src/categories/category.document.js';
import type { customerDocumentSchema } from '../../src/customers/customer.document.js';
import type { orderDocumentSchema } from '../../src/orders/order.document.js';
import type { productDocumentSchema } from '../../src/products/product.document.js';
import type { storeDocumentSchema } from '../../src/store/store.document.js';

/**
 * Documents as a shop sends them: the input side of the service's own schemas, so a misspelt
 * field or a wrong type in a test does not compile. A test that sends such a field on purpose
 * says so with `withInvalidFields`.
 */
export type OrderInput = z.input<typeof orderDocumentSchema>;
export type CustomerInput = z.input<typeof customerDocumentSchema>;
export type ProductInput = z.input<typeof productDocumentSchema>;
export type CategoryInput = z.input<typeof categoryDocumentSchema>;
export type StoreInput = z.input<typeof storeDocumentSchema>;

/** The document type of each entity pushed with PUT /api/<entity>. */
export interface EntityInput {
  orders: OrderInput;
  customers: CustomerInput;
  products: ProductInput;
  categories: CategoryInput;
}

let sequence = 0;
const next = () => ++sequence;

/**
 * The escape from the document types, for tests about refused input: `fields` may have a type
 * the schema refuses or a name it does not know. The result is no longer a document type, so it
 * can only be sent as the raw input it is.
 */
export function withInvalidFields(doc: object, fields: Record<string, unknown>): Record<string, unknown> {
  return { ...doc, ...fields };
}

/** A valid order document; override what the test is about. */
export function buildOrder(overrides: Partial<OrderInput> = {}): OrderInput {
  const n = next();
  return {
    id: 100_000 + n,
    ordered_at: '2024-03-01 10:00:00',
    total_price: '110.50',
    subtotal_price: '100.50',
    total_tax: '10',
    total_discounts: '0',
    taxes_included: false,
    currency: 'EGP',
    country_code: 'EG',
    financial_status: 'successful',
    phone: '01226699662',
    customer_locale: 'ar',
    contact_email: `buyer${n}@example.com`,
    line_items: [{ product_id: 324, quantity: 2, price: '50.25' }],
    ...overrides,
  };
}

export function buildCustomer(overrides: Partial<CustomerInput> = {}): CustomerInput {
  const n = next();
  return {
    id: 500_000 + n,
    email: `customer${n}@example.com`,
    first_name: 'Nour',
    last_name: 'Hassan',
    phone: '+201000000000',
    currency: 'EGP',
    registered_at: '2023-01-15 09:30:00',
    gender: 'female',
    ...overrides,
  };
}

/** A valid product document, in no category unless the test gives one. */
export function buildProduct(overrides: Partial<ProductInput> = {}): ProductInput {
  const n = next();
  return {
    id: 700_000 + n,
    title: `Cotton shirt ${n}`,
    handle: `cotton-shirt-${n}`,
    full_permalink: `https://shop.example/products/cotton-shirt-${n}`,
    image: `https://cdn.shop.example/p/${n}.jpg`,
    content: '<p>Soft cotton.</p>',
    type: 'Shirts',
    vendor: 'Nile Cotton',
    price: '250.00',
    compare_at_price: '300',
    quantity: 12,
    published_at: '2024-02-01 09:00:00',
    tags: ['summer', 'cotton'],
    images: [{ path: `https://cdn.shop.example/p/${n}.jpg`, width: 800, height: 600 }],
    ...overrides,
  };
}

/** A valid top-level category document; give `parent_id` to place it below another. */
export function buildCategory(overrides: Partial<CategoryInput> = {}): CategoryInput {
  const n = next();
  return {
    id: 900_000 + n,
    title: `Category ${n}`,
    handle: `category-${n}`,
    content: '<p>Things.</p>',
    available: true,
    published_at: '2024-01-01 00:00:00',
    ...overrides,
  };
}

export function buildStore(overrides: Partial<StoreInput> = {}): StoreInput {
  return {
    name: 'Nile Threads',
    currency: 'EGP',
    email: 'hello@nile-threads.example',
    description: 'Cotton from the Delta.',
    country: 'EG',
    ...overrides,
  };
}
