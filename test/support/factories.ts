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
