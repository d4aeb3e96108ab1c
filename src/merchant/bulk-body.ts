import { z } from 'zod';
import { payloadTooLarge, validationFailed } from '../http/errors.js';
import { noFieldErrors } from '../shared/errors.js';
import type { ShopId } from '../shared/ids.js';
import { check, toFieldErrors } from '../shared/validation.js';
import { parseOr422 } from '../http/validation.js';

/** The most documents one bulk call may carry. */
export const MAX_BULK_DOCUMENTS = 1000;

/**
 * Reads `{"<entity>": [...]}`: every document is validated before anything is written, and
 * every bad field is reported by its path, e.g. `orders[3].line_items[0].quantity`.
 */
export function parseBulk<S extends z.ZodType<{ id: ShopId }>>(
  entity: string,
  schema: S,
  body: unknown,
): z.output<S>[] {
  const list = parseOr422(
    z.object({ [entity]: z.array(z.unknown(), { error: 'must be an array of documents' }) }),
    body,
  );
  const raw = list[entity] as unknown[];
  if (raw.length > MAX_BULK_DOCUMENTS) {
    throw payloadTooLarge(
      `At most ${MAX_BULK_DOCUMENTS} ${entity} may be sent in one call; this one has ${raw.length}.`,
    );
  }
  const errors = noFieldErrors();
  const docs: z.output<S>[] = [];
  const firstIndex = new Map<string, number>();
  raw.forEach((item, i) => {
    const result = check(schema, item);
    if (!result.success) {
      Object.assign(errors, toFieldErrors(result.error, [entity, i]));
      return;
    }
    const seen = firstIndex.get(result.data.id.key);
    if (seen !== undefined) errors[`${entity}[${i}].id`] = [`duplicates ${entity}[${seen}].id`];
    else firstIndex.set(result.data.id.key, i);
    docs.push(result.data);
  });
  if (Object.keys(errors).length > 0) throw validationFailed(errors);
  return docs;
}
