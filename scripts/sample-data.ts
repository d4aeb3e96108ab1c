/**
 * Realistic synthetic shop data: a few hundred customers, Arabic and English names, several
 * currencies and statuses. Deterministic for a given seed, so demos look the same every run.
 */

export function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  'Ahmed',
  'Mona',
  'Omar',
  'Layla',
  'Youssef',
  'Nour',
  'Karim',
  'Salma',
  'John',
  'Emma',
  'محمد',
  'فاطمة',
  'سارة',
  'علي',
  'مريم',
];
const LAST = ['Hassan', 'Mahmoud', 'Saleh', 'El-Sayed', 'Farouk', 'Smith', 'Brown', 'الشريف', 'العلي', 'منصور'];
const MARKETS = [
  { currency: 'EGP', country: 'EG', phone: '+2010', locale: 'ar' },
  { currency: 'SAR', country: 'SA', phone: '+9665', locale: 'ar' },
  { currency: 'KWD', country: 'KW', phone: '+9655', locale: 'ar' },
  { currency: 'AED', country: 'AE', phone: '+9715', locale: 'en' },
  { currency: 'USD', country: 'US', phone: '+1202', locale: 'en' },
];
const STATUSES = ['successful', 'successful', 'successful', 'processing', 'canceled', 'refunded'] as const;

export interface SampleOptions {
  customers: number;
  orders: number;
  seed?: number;
}

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const pad = (n: number) => String(n).padStart(2, '0');
const dateOf = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};
/** An amount in thousandths rendered as a decimal string, so no float arithmetic touches it. */
export const money = (milli: number) => `${Math.floor(milli / 1000)}.${String(milli % 1000).padStart(3, '0')}`;

const START = Date.UTC(2024, 0, 1);
const SPAN = 365 * 24 * 3600 * 1000;

/** A customer document, ready to push. */
export function sampleCustomer(random: () => number, index: number) {
  const market = pick(random, MARKETS);
  const first = pick(random, FIRST);
  return {
    id: 10_001 + index,
    email: `customer${10_001 + index}@example.com`,
    first_name: first,
    last_name: pick(random, LAST),
    phone: `${market.phone}${String(Math.floor(random() * 1e7)).padStart(7, '0')}`,
    currency: market.currency,
    registered_at: dateOf(START + Math.floor(random() * SPAN * 0.5)),
    gender: pick(random, ['male', 'female', 'unknown'] as const),
  };
}

export type SampleCustomer = ReturnType<typeof sampleCustomer>;

/** An order of `customer`, its amounts kept as integer thousandths. */
export function sampleOrder(random: () => number, customer: SampleCustomer, index: number) {
  const market = MARKETS.find((m) => m.currency === customer.currency)!;
  const lineItems = Array.from({ length: 1 + Math.floor(random() * 4) }, () => ({
    product_id: 300 + Math.floor(random() * 200),
    quantity: 1 + Math.floor(random() * 3),
    price: 1000 * (5 + Math.floor(random() * 500)) + (market.currency === 'KWD' ? Math.floor(random() * 1000) : 0),
  }));
  const subtotal = lineItems.reduce((sum, item) => sum + item.quantity * item.price, 0);
  const tax = Math.floor(subtotal * 0.14);
  const discount = random() < 0.2 ? Math.floor(subtotal * 0.1) : 0;
  return {
    id: 90_001 + index,
    ordered_at: dateOf(START + SPAN * 0.5 + Math.floor(random() * SPAN * 0.5)),
    total_price: subtotal + tax - discount,
    subtotal_price: subtotal,
    total_tax: tax,
    total_discounts: discount,
    currency: customer.currency,
    country_code: market.country,
    financial_status: pick(random, STATUSES),
    phone: customer.phone,
    customer_locale: market.locale,
    contact_email: customer.email,
    line_items: lineItems,
    customer_id: customer.id,
  };
}

export type SampleOrder = ReturnType<typeof sampleOrder>;

/** The order as a shop pushes it: amounts as decimal strings, the customer embedded by id. */
export function orderToPush({ customer_id, line_items, ...order }: SampleOrder) {
  return {
    ...order,
    total_price: money(order.total_price),
    subtotal_price: money(order.subtotal_price),
    total_tax: money(order.total_tax),
    total_discounts: money(order.total_discounts),
    taxes_included: 0,
    line_items: line_items.map((item) => ({ ...item, price: money(item.price) })),
    customer: { id: customer_id },
  };
}

export function sampleShop({ customers: customerCount, orders: orderCount, seed = 42 }: SampleOptions) {
  const random = rng(seed);
  const customers = Array.from({ length: customerCount }, (_, i) => sampleCustomer(random, i));
  const orders = Array.from({ length: orderCount }, (_, i) =>
    orderToPush(sampleOrder(random, pick(random, customers), i)),
  );
  // The catalogue the orders' line items refer to (product ids 300..499), in a small tree.
  const categories = [
    { id: 1, title: 'Men', handle: 'men' },
    { id: 2, title: 'Women', handle: 'women' },
    { id: 11, parent_id: 1, title: 'Shirts', handle: 'men-shirts' },
    { id: 12, parent_id: 1, title: 'Trousers', handle: 'men-trousers' },
    { id: 21, parent_id: 2, title: 'Dresses', handle: 'women-dresses' },
    { id: 211, parent_id: 21, title: 'Evening dresses', handle: 'evening-dresses' },
  ];
  const leaves = [11, 12, 21, 211, 2];
  const products = Array.from({ length: 200 }, (_, i) => {
    const id = 300 + i;
    const quantity = Math.floor(random() * 50);
    return {
      id,
      category_id: pick(random, leaves),
      title: `${pick(random, ['Cotton', 'Linen', 'Silk', 'Wool'])} ${pick(random, ['shirt', 'dress', 'scarf', 'trousers'])} ${id}`,
      handle: `product-${id}`,
      full_permalink: `https://shop.example/products/product-${id}`,
      image: `https://cdn.shop.example/products/${id}.jpg`,
      price: money(1000 * (5 + Math.floor(random() * 500))),
      quantity,
      active: random() > 0.05,
      published_at: dateOf(START + Math.floor(random() * SPAN * 0.5)),
      tags: [pick(random, ['summer', 'winter']), pick(random, ['new', 'sale', 'classic'])],
      images: [{ path: `https://cdn.shop.example/products/${id}.jpg`, width: 1200, height: 1200 }],
    };
  });
  const store = {
    name: 'Nile Threads',
    currency: 'EGP',
    email: 'hello@nile-threads.example',
    description: 'Cotton and linen from the Delta.',
    country: 'EG',
  };
  return { store, categories, products, customers, orders };
}
