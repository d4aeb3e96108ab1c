import { z } from 'zod';
import { formatStoreDate, readShopDate, shopDateSchema } from '../shared/dates.js';
import { appUrlSchema, flagSchema, integerSchema, text, title, webUrlSchema } from '../shared/fields.js';
import { fingerprint } from '../shared/hash.js';
import { shopIdSchema, shopIdToJson } from '../shared/ids.js';
import { moneySchema, moneyToJson } from '../shared/money.js';

const STOCK_STATUSES = ['instock', 'outofstock'] as const;

/** The feed sends tags as one comma-separated string, so a tag cannot itself hold a comma. */
const tagSchema = text(255)
  .trim()
  .refine((tag) => !tag.includes(','), 'must not contain a comma (tags travel as one comma-separated string)');

const imageSchema = z.object({
  path: webUrlSchema,
  width: integerSchema(1, 100_000).nullish(),
  height: integerSchema(1, 100_000).nullish(),
});

/** A product's fields, without the rule that spans two of them (see productDocumentSchema). */
export const productFieldsSchema = z.object({
  id: shopIdSchema,
  category_id: shopIdSchema.nullish(),
  title: title(500),
  handle: title(255),
  full_permalink: webUrlSchema,
  app_links: z.object({ ios: appUrlSchema.nullish(), android: appUrlSchema.nullish() }).nullish(),
  image: webUrlSchema.nullish(),
  content: text(1_000_000).nullish(),
  type: text(255).nullish(),
  vendor: text(255).nullish(),
  price: moneySchema,
  compare_at_price: moneySchema.nullish(),
  quantity: integerSchema(-1_000_000_000, 1_000_000_000).nullish(),
  stock_status: z.enum(STOCK_STATUSES, { error: 'must be instock or outofstock' }).nullish(),
  active: flagSchema
    .prefault(true)
    .describe('default true; false makes the product inactive: the feed serves published_at null'),
  published_at: shopDateSchema
    .nullish()
    .describe(
      'null makes the product inactive (stored as active false, the date kept, so active true ' +
        'publishes it again); left out, the stored date or the time the product is first stored',
    ),
  tags: z
    .union([text(10_000), z.array(tagSchema).max(250, 'must hold at most 250 tags')], {
      error: 'must be a comma-separated string or an array of strings',
    })
    .nullish(),
  images: z.array(imageSchema).max(250, 'must hold at most 250 images').nullish(),
});

/**
 * A product as the shop pushes it: the feed's field names, plus `active`. convertedin needs a
 * stock figure and an image for every product, so each must be there in one form or the other.
 */
export const productDocumentSchema = productFieldsSchema.superRefine((doc, ctx) => {
  if (doc.quantity == null && doc.stock_status == null) {
    ctx.addIssue({ code: 'custom', path: ['stock_status'], message: 'send quantity or stock_status (or both)' });
  }
  if (doc.image == null && !doc.images?.length) {
    ctx.addIssue({ code: 'custom', path: ['image'], message: 'send image or at least one entry in images' });
  }
});

export type ProductDocument = z.output<typeof productDocumentSchema>;

export interface ProductFields {
  keyIsNumber: boolean;
  categoryKey: string | null;
  title: string;
  handle: string;
  fullPermalink: string;
  appLinks: string | null;
  image: string | null;
  content: string;
  type: string | null;
  vendor: string | null;
  price: bigint;
  compareAtPrice: bigint | null;
  quantity: number | null;
  stockStatus: string;
  active: boolean;
  publishedAt: Date;
  tags: string;
  images: string;
}

function normaliseTags(tags: string | string[] | null | undefined): string {
  const list = typeof tags === 'string' ? tags.split(',') : (tags ?? []);
  return [...new Set(list.map((tag) => tag.trim()).filter((tag) => tag !== ''))].join(', ');
}

/**
 * The stored columns of a product. A pushed product replaces the stored one, except that
 * `published_at` left out keeps the stored date (or, for a new product, the time it is first
 * stored), since convertedin needs a date for every active product. convertedin reads a null
 * `published_at` as an inactive product, so an explicit null clears `active`; the date is kept
 * for when the product is made active again.
 */
export function productColumns(doc: ProductDocument, storedPublishedAt: Date | undefined, timeZone: string) {
  const fields: ProductFields = {
    keyIsNumber: doc.id.isNumber,
    categoryKey: doc.category_id?.key ?? null,
    title: doc.title,
    handle: doc.handle,
    fullPermalink: doc.full_permalink,
    appLinks: doc.app_links
      ? JSON.stringify({ ios: doc.app_links.ios ?? null, android: doc.app_links.android ?? null })
      : null,
    image: doc.image ?? null,
    content: doc.content ?? '',
    type: doc.type ?? null,
    vendor: doc.vendor ?? null,
    price: doc.price,
    compareAtPrice: doc.compare_at_price ?? null,
    quantity: doc.quantity ?? null,
    stockStatus: doc.stock_status ?? ((doc.quantity ?? 0) > 0 ? 'instock' : 'outofstock'),
    active: doc.active && doc.published_at !== null,
    publishedAt: doc.published_at
      ? readShopDate(doc.published_at, timeZone)
      : (storedPublishedAt ?? new Date(Math.floor(Date.now() / 1000) * 1000)),
    tags: normaliseTags(doc.tags),
    images: JSON.stringify(
      (doc.images ?? []).map((image) => ({
        path: image.path,
        width: image.width ?? null,
        height: image.height ?? null,
      })),
    ),
  };
  return { fields, docHash: fingerprint([doc.id.key, fields]) };
}

export interface StoredProduct extends ProductFields {
  key: string;
  category: { key: string; keyIsNumber: boolean } | null;
}

export const productWithCategory = { category: { select: { key: true, keyIsNumber: true } } } as const;

interface Image {
  path: string;
  width: number | null;
  height: number | null;
}

/** The feed's view of a product (docs/convertedin.md, "The feed"); `storeName` stands in for a missing vendor. */
export function productToFeed(row: StoredProduct, storeName: string, timeZone: string) {
  const images = JSON.parse(row.images) as Image[];
  return {
    id: shopIdToJson(row.key, row.keyIsNumber),
    category_id: row.categoryKey,
    title: row.title,
    handle: row.handle,
    full_permalink: row.fullPermalink,
    app_links:
      row.appLinks === null ? null : (JSON.parse(row.appLinks) as { ios: string | null; android: string | null }),
    image: row.image ?? images[0]!.path,
    content: row.content,
    type: row.type ?? '',
    vendor: row.vendor ?? storeName,
    price: moneyToJson(row.price),
    compare_at_price: row.compareAtPrice === null ? null : moneyToJson(row.compareAtPrice),
    quantity: row.quantity,
    stock_status: row.stockStatus,
    published_at: row.active ? formatStoreDate(row.publishedAt, timeZone) : null,
    tags: row.tags,
    images,
  };
}

/** The merchant API's view: the document as it would be pushed back. */
export function productToDocument(row: StoredProduct, timeZone: string) {
  return {
    id: shopIdToJson(row.key, row.keyIsNumber),
    category_id: row.category ? shopIdToJson(row.category.key, row.category.keyIsNumber) : null,
    title: row.title,
    handle: row.handle,
    full_permalink: row.fullPermalink,
    app_links: row.appLinks === null ? null : (JSON.parse(row.appLinks) as unknown),
    image: row.image,
    content: row.content,
    type: row.type,
    vendor: row.vendor,
    price: moneyToJson(row.price),
    compare_at_price: row.compareAtPrice === null ? null : moneyToJson(row.compareAtPrice),
    quantity: row.quantity,
    stock_status: row.stockStatus,
    active: row.active,
    published_at: formatStoreDate(row.publishedAt, timeZone),
    tags: row.tags,
    images: JSON.parse(row.images) as unknown,
  };
}
