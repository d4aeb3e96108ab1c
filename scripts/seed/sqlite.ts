import Database from 'better-sqlite3';
import { CUSTOMERS } from '../../src/customers/customers.table.js';
import { insertInto, sqliteValues, type Table } from '../../src/db/table.js';
import { sqliteFilePath } from '../../src/db/target.js';
import { LINE_ITEMS, ORDERS } from '../../src/orders/orders.table.js';
import { batchCount, seedCustomerBatch, seedOrderBatch, type SeedPlan } from './rows.js';
import { RESET_SEEDED_NUMBERING } from './reset.js';

/** A prepared insert of one row of `table`, from its declaration. */
function inserter<Row>(db: Database.Database, table: Table<Row>, now: Date): (row: Row) => void {
  const statement = db.prepare(insertInto(table) + `VALUES (${table.columns.map(() => '?').join(', ')})`);
  const values = sqliteValues(table, now);
  return (row) => statement.run(values(row));
}

/**
 * Loads everything in one transaction through prepared statements. The feed_numbering
 * triggers count the rows as they would for any insert.
 */
export function loadSqlite(url: string, plan: SeedPlan): void {
  const db = new Database(sqliteFilePath(url), { timeout: 10_000 });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    const now = new Date();
    const insertCustomer = inserter(db, CUSTOMERS, now);
    const insertOrder = inserter(db, ORDERS, now);
    const insertLineItem = inserter(db, LINE_ITEMS, now);
    db.transaction(() => {
      for (let index = 0; index < batchCount(plan.customers); index++) {
        for (const customer of seedCustomerBatch(plan, index)) insertCustomer(customer);
      }
      for (let index = 0; index < batchCount(plan.orders); index++) {
        const batch = seedOrderBatch(plan, index);
        for (const order of batch.orders) insertOrder(order);
        for (const item of batch.lineItems) insertLineItem(item);
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
      db.exec(`DELETE FROM line_items; DELETE FROM orders; DELETE FROM customers; ${RESET_SEEDED_NUMBERING}
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
