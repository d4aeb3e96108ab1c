import type { ListFilter, MerchantEntity } from '../db/entity.js';
import { listCount, listPageArgs } from '../paging/list-page.js';
import { customerDocumentSchema, customerToDocument, type CustomerDocument } from './customer.document.js';
import { deleteCustomer } from './customers.delete.js';
import { upsertCustomers } from './customers.upsert.js';

const where = (filter: ListFilter) => ({ createdAt: filter.createdAt, updatedAt: filter.updatedAt });

/** The merchant side of customers. */
export function customersEntity(timeZone: string): MerchantEntity<CustomerDocument> {
  return {
    entity: 'customers',
    singular: 'customer',
    schema: customerDocumentSchema,
    fields: customerDocumentSchema,
    find: async (client, key) => {
      const row = await client.customer.findUnique({ where: { key } });
      return row && customerToDocument(row, timeZone);
    },
    list: async (db, filter, _extra, page) => {
      const rows = await db.read.customer.findMany({
        ...(await listPageArgs(db, 'customers', where(filter), page)),
        orderBy: { seq: 'asc' },
      });
      return rows.map((row) => customerToDocument(row, timeZone));
    },
    count: (db, filter) =>
      listCount(db, 'customers', where(filter), () => db.read.customer.count({ where: where(filter) })),
    upsert: (tx, docs) =>
      upsertCustomers(
        tx,
        docs.map((doc) => ({ id: doc.id, doc, fallback: {} })),
        timeZone,
      ),
    remove: (tx, key) => deleteCustomer(tx, key),
  };
}
