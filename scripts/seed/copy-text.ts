import type { CustomerRow, LineItemRow, OrderRow } from './rows.js';

/**
 * Rows in COPY's text format: tab-separated, `\N` for null, backslash escapes. One hand-written
 * line per table, because this runs for millions of rows and a generic column loop was a
 * third of the seed's time.
 */

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;

const text = (value: string) => (SPECIAL.test(value) ? value.replace(SPECIALS, (char) => ESCAPES[char]!) : value);
const maybe = (value: string | null) => (value === null ? '\\N' : text(value));
const flag = (value: boolean) => (value ? 't' : 'f');
const int = (value: number | bigint | null) => (value === null ? '\\N' : String(value));

export interface Table<Row> {
  name: string;
  columns: string[];
  line(row: Row): string;
}

export function customersTable(now: Date): Table<CustomerRow> {
  const stamp = now.toISOString();
  return {
    name: 'customers',
    columns: [
      'key',
      'key_is_number',
      'email',
      'email_lower',
      'first_name',
      'last_name',
      'phone',
      'currency',
      'gender',
      'registered_at',
      'addresses',
      'doc_hash',
      'created_at',
      'updated_at',
    ],
    line: (r) =>
      `${text(r.key)}\t${flag(r.keyIsNumber)}\t${text(r.email)}\t${text(r.emailLower)}\t${maybe(r.firstName)}\t` +
      `${maybe(r.lastName)}\t${maybe(r.phone)}\t${text(r.currency)}\t${text(r.gender)}\t` +
      `${r.registeredAt.toISOString()}\t${maybe(r.addresses)}\t${r.docHash}\t${stamp}\t${stamp}\n`,
  };
}

export function ordersTable(now: Date): Table<OrderRow> {
  const stamp = now.toISOString();
  return {
    name: 'orders',
    columns: [
      'key',
      'key_is_number',
      'customer_key',
      'ordered_at',
      'total_price',
      'subtotal_price',
      'total_tax',
      'total_discounts',
      'taxes_included',
      'currency',
      'country_code',
      'financial_status',
      'phone',
      'customer_locale',
      'contact_email',
      'addresses',
      'fulfillments',
      'doc_hash',
      'created_at',
      'updated_at',
    ],
    line: (r) =>
      `${text(r.key)}\t${flag(r.keyIsNumber)}\t${text(r.customerKey)}\t${r.orderedAt.toISOString()}\t` +
      `${r.totalPrice}\t${r.subtotalPrice}\t${r.totalTax}\t${r.totalDiscounts}\t${flag(r.taxesIncluded)}\t` +
      `${text(r.currency)}\t${text(r.countryCode)}\t${maybe(r.financialStatus)}\t${maybe(r.phone)}\t` +
      `${maybe(r.customerLocale)}\t${text(r.contactEmail)}\t${maybe(r.addresses)}\t${maybe(r.fulfillments)}\t` +
      `${r.docHash}\t${stamp}\t${stamp}\n`,
  };
}

export const lineItemsTable: Table<LineItemRow> = {
  name: 'line_items',
  columns: [
    'order_key',
    'position',
    'product_id',
    'product_id_is_number',
    'quantity',
    'price',
    'sku',
    'title',
    'vendor',
    'grams',
    'properties',
  ],
  line: (r) =>
    `${text(r.orderKey)}\t${r.position}\t${text(r.productId)}\t${flag(r.productIdIsNumber)}\t${r.quantity}\t` +
    `${r.price}\t${maybe(r.sku)}\t${maybe(r.title)}\t${maybe(r.vendor)}\t${int(r.grams)}\t${maybe(r.properties)}\n`,
};

export function copyText<Row>(table: Table<Row>, rows: Row[]): string {
  let out = '';
  for (const row of rows) out += table.line(row);
  return out;
}

export const copyStatement = <Row>(table: Table<Row>) =>
  `COPY "${table.name}" (${table.columns.map((column) => `"${column}"`).join(', ')}) FROM STDIN WITH (FREEZE)`;
