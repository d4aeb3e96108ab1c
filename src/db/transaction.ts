import type { Db, Tx } from './client.js';
import { isWriteConflict } from './errors.js';

const MAX_ATTEMPTS = 5;

/**
 * Runs `work` in one transaction and retries it from the start when a concurrent writer
 * conflicts with it (two bulk upserts inserting the same new id, say). `work` must therefore
 * read what it needs inside the transaction and have no effects outside it.
 */
export async function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.write.$transaction(work, { maxWait: 10_000, timeout: 120_000 });
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isWriteConflict(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * 2 ** attempt * Math.random()));
    }
  }
}
