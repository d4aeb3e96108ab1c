import Database from 'better-sqlite3';
import { sqliteFilePath } from '../../src/db/target.js';
import { batchCount, seedCustomerBatch, seedOrderBatch, type SeedPlan } from './rows.js';

/** Prisma's SQLite adapter stores instants as ISO 8601 text with an explicit +00:00 offset. */
const instant = (date: Date) => date.toISOString().replace('Z', '+00:00');
const flag = (value: boolean) => (value ? 1 : 0);

/**
 * Loads everything in one transaction through prepared statements. The feed_numbering
 * triggers count the rows as they would for any insert.
 */
export function loadSqlite(url: string, plan: SeedPlan): void {
  const db = new Database(sqliteFilePath(url), { timeout: 10_000 });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    const now = instant(new Date());
    const insertCustomer = db.prepare(
      `INSERT INTO customers (key, key_is_number, email, email_lower, first_name, last_name, phone, currency,
         gender, registered_at, addresses, doc_hash, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertOrder = db.prepare(
      `INSERT INTO orders (key, key_is_number, customer_key, ordered_at, total_price, subtotal_price, total_tax,
         total_discounts, taxes_included, currency, country_code, financial_status, phone, customer_locale,
         contact_email, addresses, fulfillments, doc_hash, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertLineItem = db.prepare(
      `INSERT INTO line_items (order_key, position, product_id, product_id_is_number, quantity, price, sku, title,
         vendor, grams, properties)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    db.transaction(() => {
      for (let index = 0; index < batchCount(plan.customers); index++) {
        for (const c of seedCustomerBatch(plan, index)) {
          insertCustomer.run(
            c.key,
            flag(c.keyIsNumber),
            c.email,
            c.emailLower,
            c.firstName,
            c.lastName,
            c.phone,
            c.currency,
            c.gender,
            instant(c.registeredAt),
            c.addresses,
            c.docHash,
            now,
            now,
          );
        }
      }
      for (let index = 0; index < batchCount(plan.orders); index++) {
        const batch = seedOrderBatch(plan, index);
        for (const o of batch.orders) {
          insertOrder.run(
            o.key,
            flag(o.keyIsNumber),
            o.customerKey,
            instant(o.orderedAt),
            o.totalPrice,
            o.subtotalPrice,
            o.totalTax,
            o.totalDiscounts,
            flag(o.taxesIncluded),
            o.currency,
            o.countryCode,
            o.financialStatus,
            o.phone,
            o.customerLocale,
            o.contactEmail,
            o.addresses,
            o.fulfillments,
            o.docHash,
            now,
            now,
          );
        }
        for (const li of batch.lineItems) {
          insertLineItem.run(
            li.orderKey,
            li.position,
            li.productId,
            flag(li.productIdIsNumber),
            li.quantity,
            li.price,
            li.sku,
            li.title,
            li.vendor,
            li.grams,
            li.properties,
          );
        }
      }
    })();
    db.exec('ANALYZE');
  } finally {
    db.close();
  }
}

export function resetSqlite(url: string): void {
  const db = new Database(sqliteFilePath(url), { timeout: 10_000 });
  try {
    db.transaction(() => {
      db.exec(`DELETE FROM line_items; DELETE FROM orders; DELETE FROM customers; DELETE FROM feed_holes;
        UPDATE feed_state SET live = 0, holes = 0, oldest_hole_at = NULL, layout = layout + 1;
        DELETE FROM sqlite_sequence WHERE name IN ('line_items', 'orders', 'customers');`);
    })();
  } finally {
    db.close();
  }
}

export function countSqlite(url: string): number {
  const db = new Database(sqliteFilePath(url), { readonly: true });
  try {
    const row = db.prepare('SELECT (SELECT count(*) FROM orders) + (SELECT count(*) FROM customers) AS n').get() as {
      n: number;
    };
    return row.n;
  } finally {
    db.close();
  }
}
