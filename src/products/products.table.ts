import { defineTable } from '../db/table.js';
import type { ProductFields } from './product.document.js';

/** A product as stored: its fields, the shop's id and the fingerprint of its document. */
export interface ProductRow extends ProductFields {
  key: string;
  docHash: string;
}

export const PRODUCTS = defineTable<ProductRow>(
  'products',
  {
    key: ['text', (p) => p.key],
    key_is_number: ['boolean', (p) => p.keyIsNumber],
    category_key: ['text', (p) => p.categoryKey],
    title: ['text', (p) => p.title],
    handle: ['text', (p) => p.handle],
    full_permalink: ['text', (p) => p.fullPermalink],
    app_links: ['text', (p) => p.appLinks],
    image: ['text', (p) => p.image],
    content: ['text', (p) => p.content],
    type: ['text', (p) => p.type],
    vendor: ['text', (p) => p.vendor],
    price: ['bigint', (p) => p.price],
    compare_at_price: ['bigint', (p) => p.compareAtPrice],
    quantity: ['integer', (p) => p.quantity],
    stock_status: ['text', (p) => p.stockStatus],
    active: ['boolean', (p) => p.active],
    published_at: ['instant', (p) => p.publishedAt],
    tags: ['text', (p) => p.tags],
    images: ['text', (p) => p.images],
    doc_hash: ['text', (p) => p.docHash],
    created_at: ['instant', (_, now) => now],
    updated_at: ['instant', (_, now) => now],
  },
  { key: 'key' },
);
