import { z } from 'zod';
import { formatStoreDate, readShopDate, shopDateSchema } from '../shared/dates.js';
import { flagSchema, text, title } from '../shared/fields.js';
import { fingerprint } from '../shared/hash.js';
import { shopIdSchema, shopIdToJson } from '../shared/ids.js';

/** A category as the shop pushes it: flat, with the id of its parent (null for a top level one). */
export const categoryDocumentSchema = z.object({
  id: shopIdSchema,
  parent_id: shopIdSchema.nullish(),
  title: title(500),
  handle: title(255),
  content: text(1_000_000).nullish(),
  available: flagSchema.prefault(true).describe('default true; false hides the category'),
  published_at: shopDateSchema
    .nullish()
    .describe('left out or null: the feed serves the time the category was first stored'),
});

export type CategoryDocument = z.output<typeof categoryDocumentSchema>;

export interface CategoryFields {
  keyIsNumber: boolean;
  parentKey: string | null;
  title: string;
  handle: string;
  content: string;
  available: boolean;
  publishedAt: Date | null;
}

/** A pushed category replaces the stored one; a missing parent_id makes it a top-level one. */
export function categoryColumns(doc: CategoryDocument, timeZone: string) {
  const fields: CategoryFields = {
    keyIsNumber: doc.id.isNumber,
    parentKey: doc.parent_id?.key ?? null,
    title: doc.title,
    handle: doc.handle,
    content: doc.content ?? '',
    available: doc.available,
    publishedAt: doc.published_at ? readShopDate(doc.published_at, timeZone) : null,
  };
  return { fields, docHash: fingerprint([doc.id.key, fields]) };
}

export interface StoredCategory extends CategoryFields {
  key: string;
  parent: { key: string; keyIsNumber: boolean } | null;
}

export const categoryWithParent = { parent: { select: { key: true, keyIsNumber: true } } } as const;

export interface CategoryNode {
  id: string | number;
  title: string;
  handle: string;
  content: string;
  available: boolean;
  published_at: string;
  subcategories: CategoryNode[];
}

/**
 * One node of the categories feed (docs/convertedin.md, "The feed"), without its subcategories yet. convertedin
 * requires published_at on every category, so one pushed without a date is served as
 * published when it was first stored; `available` is what says whether it is shown.
 */
export function categoryToNode(row: CategoryFields & { key: string; createdAt: Date }, timeZone: string): CategoryNode {
  return {
    id: shopIdToJson(row.key, row.keyIsNumber),
    title: row.title,
    handle: row.handle,
    content: row.content,
    available: row.available,
    published_at: formatStoreDate(row.publishedAt ?? row.createdAt, timeZone),
    subcategories: [],
  };
}

/** The merchant API's view: the flat document as it would be pushed back. */
export function categoryToDocument(row: StoredCategory, timeZone: string) {
  return {
    id: shopIdToJson(row.key, row.keyIsNumber),
    parent_id: row.parent ? shopIdToJson(row.parent.key, row.parent.keyIsNumber) : null,
    title: row.title,
    handle: row.handle,
    content: row.content,
    available: row.available,
    published_at: row.publishedAt === null ? null : formatStoreDate(row.publishedAt, timeZone),
  };
}
