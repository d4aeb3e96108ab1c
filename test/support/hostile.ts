import fc from 'fast-check';
import type { Express } from 'express';
import request from 'supertest';
import { expect } from 'vitest';
import { MERCHANT_KEY, arrangePush } from './app.js';
import { buildCategory, buildCustomer, buildOrder, buildProduct } from './factories.js';

/**
 * Arbitraries for hostile input, and the checks every property ends with: no 5xx, nothing
 * half-written, the sentinel records untouched, Object.prototype unpolluted.
 */

/** Keys an attacker or a confused client would try: pollution, the service's own names, brackets. */
export const hostileKey = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    'id',
    'orders',
    'customers',
    'token',
    'page',
    'per_page',
    'par_page',
    'limit',
    'count',
    'line_items',
    'customer',
    'email',
    'total_price',
    'price',
    'quantity',
    'properties',
    'constructor[prototype][polluted]',
    '__proto__[polluted]',
    'token[]',
    'a[b][c]',
  ),
  fc.string({ maxLength: 12 }),
);

/** Literals as they appear in JSON text, including numbers JavaScript cannot hold exactly. */
const numberLiteral = fc.oneof(
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)),
  fc.constantFrom(
    '1e308',
    '-1e308',
    '1e309',
    '-0',
    '9007199254740993',
    '123456789012345678901234567890',
    '0.1e-400',
    '1.0000000000000000001',
    '999999999999.9999',
    '4294967296',
  ),
);

export const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\ud800',
    'NaN',
    'Infinity',
    '-1',
    '0x10',
    '1e3',
    '2024-02-30 25:61:61',
    '0000-00-00 00:00:00',
    '9999-12-31T23:59:59+14:00',
    "'; DROP TABLE orders; --",
    '<script>alert(1)</script>',
    'محمد',
    '👩‍👩‍👧‍👦',
    'x'.repeat(5000),
  ),
);

const stringLiteral = hostileString.map((s) => JSON.stringify(s));

/**
 * JSON text rather than values: only text can carry `__proto__` as a plain key and the same
 * key twice in one object, which JSON.parse then resolves the way the server will.
 */
export const hostileJson: fc.Arbitrary<string> = fc.letrec<{ value: string; array: string; object: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    numberLiteral,
    stringLiteral,
    fc.constantFrom('true', 'false', 'null'),
    tie('array'),
    tie('object'),
  ),
  array: fc.array(tie('value'), { maxLength: 5 }).map((items) => `[${items.join(',')}]`),
  object: fc
    .array(fc.tuple(hostileKey, tie('value')), { maxLength: 6 })
    .map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
})).value;

/** Deep nesting, in the shape a parser recursing over it would choke on. */
export const deeplyNested = fc
  .tuple(fc.integer({ min: 100, max: 3000 }), fc.constantFrom('[', '{"a":'))
  .map(([depth, open]) => open.repeat(depth) + '1' + (open === '[' ? ']' : '}').repeat(depth));

export const MERCHANT_ENTITIES = ['orders', 'customers', 'products', 'categories'] as const;
export type MerchantEntityName = (typeof MERCHANT_ENTITIES)[number];

/** A valid document of each entity, with an id of the test's choosing. */
export const BUILDERS: Record<MerchantEntityName, (id?: string) => Record<string, unknown>> = {
  orders: (id) => buildOrder(id === undefined ? {} : { id }),
  customers: (id) => buildCustomer(id === undefined ? {} : { id }),
  products: (id) => buildProduct(id === undefined ? {} : { id }),
  categories: (id) => buildCategory(id === undefined ? {} : { id }),
};

const FIELDS: Record<MerchantEntityName, string[]> = {
  orders: ['id', 'ordered_at', 'total_price', 'subtotal_price', 'total_tax', 'taxes_included', 'currency'].concat([
    'country_code',
    'financial_status',
    'contact_email',
    'line_items',
    'customer',
    'fulfillments',
  ]),
  customers: ['id', 'email', 'currency', 'first_name', 'registered_at', 'gender', 'phone', 'addresses'],
  products: ['id', 'title', 'handle', 'full_permalink', 'image', 'images', 'price', 'tags', 'quantity'].concat([
    'stock_status',
    'category_id',
    'app_links',
    'published_at',
  ]),
  categories: ['id', 'title', 'handle', 'parent_id', 'available', 'published_at', 'content'],
};

/** A valid document with one field, or one field of its first line item, replaced or added hostilely. */
export function mutatedDocument(entity: MerchantEntityName): fc.Arbitrary<string> {
  const fields = FIELDS[entity];
  return fc
    .tuple(
      fc.integer({ min: 1, max: 1e9 }),
      fc.oneof(fc.constantFrom(...fields), hostileKey),
      // Strings half the time: text fields are where values travel furthest, into the database.
      fc.oneof(hostileJson, stringLiteral),
      fc.boolean(),
    )
    .map(([n, field, value, nested]) => {
      const id = `fuzz-${n}`;
      // A later duplicate key wins in JSON.parse, so appending a field replaces it.
      const withField = (json: string) => `${json.slice(0, -1)},${JSON.stringify(field)}:${value}}`;
      if (entity !== 'orders') return withField(JSON.stringify(BUILDERS[entity](id)));
      const order = buildOrder({ id });
      if (!nested) return withField(JSON.stringify(order));
      const [first, ...rest] = order.line_items;
      const items = [withField(JSON.stringify(first)), ...rest.map((item) => JSON.stringify(item))];
      return JSON.stringify({ ...order, line_items: 'ITEMS' }).replace('"ITEMS"', `[${items.join(',')}]`);
    });
}

/** Everything stored, as the merchant API shows it. */
export async function storedState(app: Express) {
  const [orders, customers, products, categories, store] = await Promise.all(
    [...MERCHANT_ENTITIES, 'store'].map((entity) =>
      request(app)
        .get(`/api/${entity}${entity === 'store' ? '' : '?limit=1000'}`)
        .set('Authorization', MERCHANT_KEY),
    ),
  );
  const list = (res: request.Response | undefined) => res!.body as Array<{ id: unknown }>;
  return {
    orders: list(orders),
    customers: list(customers),
    products: list(products),
    categories: list(categories),
    store: store!.body as unknown,
  };
}

const SENTINEL_ORDER = 'sentinel-order-5e1f';
const SENTINEL_CUSTOMER = 'sentinel-customer-5e1f';
const SENTINEL_CATEGORY = 'sentinel-category-5e1f';
const SENTINEL_PRODUCT = 'sentinel-product-5e1f';

/** The records no hostile request may change. */
export async function seedSentinels(app: Express): Promise<void> {
  await arrangePush(app, 'customers', [buildCustomer({ id: SENTINEL_CUSTOMER, email: 'sentinel@example.com' })]);
  await arrangePush(app, 'orders', [
    buildOrder({ id: SENTINEL_ORDER, customer: { id: SENTINEL_CUSTOMER }, contact_email: 'sentinel@example.com' }),
  ]);
  await arrangePush(app, 'categories', [buildCategory({ id: SENTINEL_CATEGORY })]);
  await arrangePush(app, 'products', [buildProduct({ id: SENTINEL_PRODUCT, category_id: SENTINEL_CATEGORY })]);
}

type State = Awaited<ReturnType<typeof storedState>>;
const sentinels = (state: State) => ({
  order: state.orders.find((o) => o.id === SENTINEL_ORDER),
  customer: state.customers.find((c) => c.id === SENTINEL_CUSTOMER),
  category: state.categories.find((c) => c.id === SENTINEL_CATEGORY),
  product: state.products.find((p) => p.id === SENTINEL_PRODUCT),
});

/**
 * What must hold after any request: below 500, JSON with a message when refused, nothing
 * written unless it succeeded, the sentinels as they were, and no prototype polluted.
 */
export function expectHarmless(
  res: { status: number; body: unknown; headers: Record<string, string> },
  before: State,
  after: State,
  wrote: boolean,
  hasBody = true,
): void {
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
  if (res.status >= 400 && hasBody) {
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({ message: expect.any(String) });
  }
  if (!wrote || res.status >= 300) expect(after).toEqual(before);
  expect(sentinels(after)).toEqual(sentinels(before));
  expect(sentinels(after).order).toBeDefined();
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

/** Kept small: each run is a few HTTP calls, and CI has two cores. */
export const RUNS = { numRuns: Number(process.env.FUZZ_RUNS ?? 60) };

/** Throttling off, so thousands of wrong secrets keep reaching the handlers. */
export const UNTHROTTLED = { AUTH_SLOWDOWN_AFTER: '999998', AUTH_BLOCK_AFTER: '999999', AUTH_SLOWDOWN_MS: '0' };
