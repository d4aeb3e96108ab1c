import type { Tx } from '../db/client.js';
import type { StoreDocument, StoredStore } from './store.document.js';

/** The store is a single row. */
const STORE_ID = 1;

export function readStore(client: Tx): Promise<StoredStore | null> {
  return client.store.findUnique({ where: { id: STORE_ID } });
}

/**
 * Creates or replaces the store record. It is not one of the entities convertedin takes
 * webhooks for, so unlike the per-entity writes it reports no ChangeSet.
 */
export async function saveStore(tx: Tx, doc: StoreDocument): Promise<StoredStore> {
  const fields = {
    name: doc.name,
    currency: doc.currency,
    email: doc.email,
    description: doc.description ?? '',
    country: doc.country,
  };
  return tx.store.upsert({ where: { id: STORE_ID }, create: { id: STORE_ID, ...fields }, update: fields });
}
