import type { ListFilter, MerchantEntity } from '../db/entity.js';
import { listCount, listPageArgs } from '../paging/list-page.js';
import {
  productDocumentSchema,
  productFieldsSchema,
  productToDocument,
  productWithCategory,
  type ProductDocument,
} from './product.document.js';
import { deleteProduct } from './products.delete.js';
import { upsertProducts } from './products.upsert.js';

const where = (filter: ListFilter) => ({ createdAt: filter.createdAt, updatedAt: filter.updatedAt });

/** The merchant side of products. */
export function productsEntity(timeZone: string): MerchantEntity<ProductDocument> {
  return {
    entity: 'products',
    singular: 'product',
    schema: productDocumentSchema,
    fields: productFieldsSchema,
    find: async (client, key) => {
      const row = await client.product.findUnique({ where: { key }, include: productWithCategory });
      return row && productToDocument(row, timeZone);
    },
    list: async (db, filter, _extra, page) => {
      const rows = await db.read.product.findMany({
        ...(await listPageArgs(db, 'products', where(filter), page)),
        orderBy: { seq: 'asc' },
        include: productWithCategory,
      });
      return rows.map((row) => productToDocument(row, timeZone));
    },
    count: (db, filter) =>
      listCount(db, 'products', where(filter), () => db.read.product.count({ where: where(filter) })),
    upsert: (tx, docs) => upsertProducts(tx, docs, timeZone),
    remove: (tx, key) => deleteProduct(tx, key),
  };
}
