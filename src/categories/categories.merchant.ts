import { z } from 'zod';
import { flagSchema } from '../shared/fields.js';
import type { ListFilter, MerchantEntity } from '../db/entity.js';
import { deleteCategory } from './categories.delete.js';
import { upsertCategories } from './categories.upsert.js';
import {
  categoryDocumentSchema,
  categoryToDocument,
  categoryWithParent,
  type CategoryDocument,
} from './category.document.js';

const where = (filter: ListFilter) => ({ createdAt: filter.createdAt, updatedAt: filter.updatedAt });

const deleteOptions = z.strictObject({
  cascade: flagSchema.default(false).describe('also delete every category below it and the products in them'),
});

/** The merchant side of categories: pushed flat, each naming its parent. */
export function categoriesEntity(
  timeZone: string,
): MerchantEntity<CategoryDocument, z.ZodObject<Record<never, never>>, typeof deleteOptions> {
  return {
    entity: 'categories',
    singular: 'category',
    schema: categoryDocumentSchema,
    fields: categoryDocumentSchema,
    deleteOptions,
    find: async (client, key) => {
      const row = await client.category.findUnique({ where: { key }, include: categoryWithParent });
      return row && categoryToDocument(row, timeZone);
    },
    list: async (db, filter, _extra, page) => {
      const rows = await db.read.category.findMany({
        where: where(filter),
        orderBy: { seq: 'asc' },
        skip: page.skip,
        take: page.take,
        include: categoryWithParent,
      });
      return rows.map((row) => categoryToDocument(row, timeZone));
    },
    count: (db, filter) => db.read.category.count({ where: where(filter) }),
    upsert: (tx, docs) => upsertCategories(tx, docs, timeZone),
    remove: (tx, key, options) => deleteCategory(tx, key, options.cascade === true),
  };
}
