/** Field path -> messages, as in Laravel's validation errors. */
export type FieldErrors = Record<string, string[]>;

/**
 * What the domain refuses, in its own terms. The write and read functions throw these without
 * knowing who called them; the HTTP error handler maps them to 404 and 409, and the import
 * command reports them as it reports any other refusal.
 */
export class RecordNotFound extends Error {
  override name = 'RecordNotFound';
}

/** The write would break a rule about other records: an id taken, a record others depend on. */
export class RecordConflict extends Error {
  override name = 'RecordConflict';
}

/**
 * An empty FieldErrors without a prototype: field names come from the client, and `__proto__`
 * or `constructor` as a key of a plain object would reach Object.prototype instead.
 */
export const noFieldErrors = (): FieldErrors => Object.create(null) as FieldErrors;
