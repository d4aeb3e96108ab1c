import { z } from 'zod';
import type { AppDeps } from '../app.js';
import { entityRoutes, type ListFilter, type MerchantEntity } from '../http/entity-routes.js';
import type { Route } from '../http/routes.js';
import { deleteCategory } from './categories.delete.js';
import { upsertCategories } from './categories.upsert.js';
import {
  categoryDocumentSchema,
  categoryToDocument,
  categoryWithParent,
  type CategoryDocument,
} from './category.document.js';

const where = (filter: ListFilter) => ({ createdAt: filter.createdAt, updatedAt: filter.updatedAt });

const deleteQuery = z.object({
  cascade: z
    .enum(['true', 'false'], { error: 'cascade must be true or false' })
    .default('false')
    .transform((v) => v === 'true')
    .describe('also delete every category below it and the products in them'),
});

/** The merchant side of categories: pushed flat, each naming its parent. */
export function categoriesEntity(timeZone: string): MerchantEntity<CategoryDocument> {
  return {
    entity: 'categories',
    singular: 'category',
    schema: categoryDocumentSchema,
    fields: categoryDocumentSchema,
    deleteQuery,
    find: async (client, key) => {
      const row = await client.category.findUnique({ where: { key }, include: categoryWithParent });
      return row && categoryToDocument(row, timeZone);
    },
    list: async (db, filter, page) => {
      const rows = await db.read.category.findMany({
        where: where(filter),
        orderBy: { seq: 'asc' },
        ...page,
        include: categoryWithParent,
      });
      return rows.map((row) => categoryToDocument(row, timeZone));
    },
    count: (db, filter) => db.read.category.count({ where: where(filter) }),
    upsert: (tx, docs) => upsertCategories(tx, docs, timeZone),
    remove: (tx, key, query) => deleteCategory(tx, key, query.cascade === true),
  };
}

export const categoriesRoutes = (deps: AppDeps): Route[] =>
  entityRoutes(categoriesEntity(deps.config.storeTimeZone), deps);
