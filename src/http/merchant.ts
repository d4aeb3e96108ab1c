import { z } from 'zod';
import { payloadTooLarge, validationFailed, type FieldErrors } from './errors.js';
import { parseOr422, toFieldErrors } from './validation.js';
import { parseShopDate } from '../shared/dates.js';
import type { ShopId } from '../shared/ids.js';

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
  const errors: FieldErrors = {};
  const docs: z.output<S>[] = [];
  const firstIndex = new Map<string, number>();
  raw.forEach((item, i) => {
    const result = schema.safeParse(item);
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

const positiveInt = (field: string, fallback: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `${field} must be a whole number`)
    .transform(Number)
    .pipe(z.number().min(1, `${field} must be at least 1`).max(max, `${field} must be at most ${max}`))
    .default(fallback);

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A date in a list filter: ISO 8601 with an offset, a date alone (midnight), or `Y-m-d H:i:s`, in the store's timezone. */
export function parseListDate(text: string, timeZone: string): Date | undefined {
  return parseShopDate(DATE_ONLY.test(text) ? `${text} 00:00:00` : text, timeZone);
}

const listDate = (field: string) =>
  z
    .string()
    .trim()
    .refine(
      (text) => parseListDate(text, 'UTC') !== undefined,
      `${field} must be an ISO 8601 date such as 2024-03-01T10:00:00Z or 2024-03-01`,
    )
    .optional();

/** The merchant API's list parameters shared by every entity (seeds 002 and 000). */
export const listQuerySchema = z.object({
  page: positiveInt('page', 1, Number.MAX_SAFE_INTEGER),
  limit: positiveInt('limit', 50, 1000),
  count: z
    .enum(['true', 'false'], { error: 'count must be true or false' })
    .default('false')
    .transform((v) => v === 'true'),
  fields: z.string().optional().describe('comma-separated fields to return, e.g. id,total_price'),
  createdBefore: listDate('createdBefore').describe('stored before this instant'),
  createdAfter: listDate('createdAfter').describe('stored at or after this instant'),
  updatedBefore: listDate('updatedBefore').describe('last changed before this instant'),
  updatedAfter: listDate('updatedAfter').describe('last changed at or after this instant'),
  updatedMin: listDate('updatedMin').describe('alias of updatedAfter'),
});
