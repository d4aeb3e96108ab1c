import type { z } from 'zod';
import type { ShopId } from '../shared/ids.js';
import type { ChangeSet, Entity } from './changes.js';
import type { Db, Tx } from './client.js';

export type Document = Record<string, unknown>;

export interface DateRange {
  gte?: Date;
  lt?: Date;
}

/** The list filters every entity has: the service's own bookkeeping (when it stored or changed a record). */
export interface ListFilter {
  createdAt?: DateRange;
  updatedAt?: DateRange;
}

/** Which records of a list to answer with, in `seq` order. */
export interface ListPage {
  skip: number;
  take: number;
  /** The feed's grace period for deletes: an unfiltered list pages through the feed's numbering, which closes older holes. */
  deleteGraceMs: number;
}

/**
 * What an entity module offers the code that writes documents in: the schema a document is
 * validated with and the write. The import command needs no more than this.
 */
export interface StoredEntity<Doc extends { id: ShopId }> {
  entity: Entity;
  singular: string;
  /** Validates every full document: bulk, create, and a stored document with a patch applied. */
  schema: z.ZodType<Doc>;
  upsert(tx: Tx, docs: Doc[]): Promise<ChangeSet>;
}

/**
 * What the merchant API needs of an entity; the routes themselves are generic. `Filters` and
 * `Options` are the entity's own parameters (orders' financial_status, categories' cascade):
 * the routes parse them with the entity's schemas and hand them over typed, without knowing them.
 */
export interface MerchantEntity<
  Doc extends { id: ShopId },
  Filters extends z.ZodObject = z.ZodObject<Record<never, never>>,
  Options extends z.ZodObject = z.ZodObject<Record<never, never>>,
> extends StoredEntity<Doc> {
  /** The document's fields: what `fields` may name and what a partial update may send. */
  fields: z.ZodObject;
  /** List parameters of this entity beyond the shared ones. */
  filters?: Filters;
  /** Query parameters of DELETE. */
  deleteOptions?: Options;
  find(client: Tx, key: string): Promise<Document | null>;
  list(db: Db, filter: ListFilter, extra: Partial<z.output<Filters>>, page: ListPage): Promise<Document[]>;
  count(db: Db, filter: ListFilter, extra: Partial<z.output<Filters>>): Promise<number>;
  remove(tx: Tx, key: string, options: Partial<z.output<Options>>): Promise<ChangeSet>;
}
