import { createReadStream, statSync } from 'node:fs';
import { categoriesEntity } from '../categories/categories.merchant.js';
import { customersEntity } from '../customers/customers.merchant.js';
import { commitChanges, ENTITIES, type Entity } from '../db/changes.js';
import type { Db } from '../db/client.js';
import type { StoredEntity } from '../db/entity.js';
import { check, toFieldErrors } from '../shared/validation.js';
import { ordersEntity } from '../orders/orders.merchant.js';
import { productsEntity } from '../products/products.merchant.js';
import type { ShopId } from '../shared/ids.js';
import { RejectedDocuments } from '../shared/rejected.js';
import { readDocuments, type ReadDocument } from './documents.js';

/** The same definitions the merchant API validates and writes with. */
const DEFINITIONS: Record<Entity, (timeZone: string) => StoredEntity<{ id: ShopId }>> = {
  orders: ordersEntity,
  customers: customersEntity,
  products: productsEntity,
  categories: categoriesEntity,
};

export const isEntity = (name: string): name is Entity => (ENTITIES as readonly string[]).includes(name);

interface Rejection {
  line: number;
  item?: number;
  reasons: string[];
}

export interface ImportSummary {
  entity: Entity;
  documents: number;
  /** Per entity: importing orders also creates and updates the customers they embed. */
  created: Partial<Record<Entity, number>>;
  updated: Partial<Record<Entity, number>>;
  /** Documents of the imported entity that matched what was stored already. */
  unchanged: number;
  rejectedCount: number;
  /** The first MAX_LISTED_REJECTIONS, so a file of bad lines cannot fill memory. */
  rejected: Rejection[];
}

const MAX_LISTED_REJECTIONS = 10_000;

export interface Progress {
  bytesRead: number;
  totalBytes: number;
  documents: number;
}

export interface ImportOptions {
  db: Db;
  entity: Entity;
  file: string;
  timeZone: string;
  batchSize?: number;
  onProgress?: (progress: Progress) => void;
}

interface Pending {
  doc: { id: ShopId };
  source: ReadDocument;
}

/**
 * Loads a JSON array or NDJSON file of merchant-API documents, streaming, in batches that each
 * commit through the same validation and write functions as the API. Running it twice is safe:
 * the second run finds every document unchanged.
 */
export async function importFile(options: ImportOptions): Promise<ImportSummary> {
  const { db, entity, file, timeZone, batchSize = 1000, onProgress } = options;
  const definition = DEFINITIONS[entity](timeZone);
  const summary: ImportSummary = {
    entity,
    documents: 0,
    created: {},
    updated: {},
    unchanged: 0,
    rejectedCount: 0,
    rejected: [],
  };
  const reject = (source: ReadDocument, reasons: string[]) => {
    summary.rejectedCount++;
    if (summary.rejected.length < MAX_LISTED_REJECTIONS) {
      summary.rejected.push({ line: source.line, ...(source.item !== undefined && { item: source.item }), reasons });
    }
  };

  let batch: Pending[] = [];
  const flush = async () => {
    while (batch.length > 0) {
      const docs = batch.map((p) => p.doc);
      try {
        const changes = await commitChanges(db, (tx) => definition.upsert(tx, docs));
        for (const e of ENTITIES) {
          const created = changes.count(e, 'created');
          const updated = changes.count(e, 'updated');
          if (created > 0) summary.created[e] = (summary.created[e] ?? 0) + created;
          if (updated > 0) summary.updated[e] = (summary.updated[e] ?? 0) + updated;
        }
        summary.unchanged += docs.length - changes.count(entity, 'created', 'updated');
        batch = [];
      } catch (error) {
        if (!(error instanceof RejectedDocuments)) throw error;
        // Drop what the batch's own checks refused and write the rest.
        for (const [index, fields] of error.byIndex) {
          reject(
            batch[index]!.source,
            Object.entries(fields).flatMap(([field, messages]) => messages.map((m) => `${field}: ${m}`)),
          );
        }
        batch = batch.filter((_, index) => !error.byIndex.has(index));
      }
    }
  };

  const totalBytes = statSync(file).size;
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  const keys = new Set<string>();
  for await (const source of readDocuments(stream)) {
    summary.documents++;
    if (source.error !== undefined) {
      reject(source, [source.error]);
      continue;
    }
    const parsed = check(definition.schema, source.value);
    if (!parsed.success) {
      reject(
        source,
        Object.entries(toFieldErrors(parsed.error)).flatMap(([field, messages]) =>
          messages.map((m) => `${field}: ${m}`),
        ),
      );
      continue;
    }
    // One batch holds an id once; a later copy in the file waits for the next batch and wins.
    if (keys.has(parsed.data.id.key) || batch.length >= batchSize) {
      await flush();
      keys.clear();
      onProgress?.({ bytesRead: stream.bytesRead, totalBytes, documents: summary.documents });
    }
    keys.add(parsed.data.id.key);
    batch.push({ doc: parsed.data, source });
  }
  await flush();
  onProgress?.({ bytesRead: totalBytes, totalBytes, documents: summary.documents });
  return summary;
}
