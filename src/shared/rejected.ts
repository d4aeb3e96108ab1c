import type { FieldErrors } from './errors.js';

/**
 * Documents that are well-formed on their own but refused for what they say about other
 * records (a parent category that does not exist, a cycle), keyed by their index in the batch.
 * The merchant API turns it into a 422 naming each field; the import command rejects just those
 * documents and writes the rest.
 */
export class RejectedDocuments extends Error {
  override name = 'RejectedDocuments';

  constructor(readonly byIndex: ReadonlyMap<number, FieldErrors>) {
    super(`${byIndex.size} document(s) refer to records that do not allow it`);
  }
}
