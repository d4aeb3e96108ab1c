let sequence = 0;
const next = () => ++sequence;

export interface LineItemInput {
  product_id: number | string;
  quantity: number;
  price: number | string;
  [key: string]: unknown;
}

export interface OrderInput {
  id: number | string;
  contact_email: string;
  line_items: LineItemInput[];
  [key: string]: unknown;
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

export interface CustomerInput {
  id: number | string;
  email: string;
  [key: string]: unknown;
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

export interface ProductInput {
  id: number | string;
  [key: string]: unknown;
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

export interface CategoryInput {
  id: number | string;
  [key: string]: unknown;
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

export function buildStore(overrides: Record<string, unknown> = {}) {
  return {
    name: 'Nile Threads',
    currency: 'EGP',
    email: 'hello@nile-threads.example',
    description: 'Cotton from the Delta.',
    country: 'EG',
    ...overrides,
  };
}
