import { z } from 'zod';
import { parseShopDate } from '../shared/dates.js';
import { flagSchema, integerSchema } from '../shared/fields.js';

const positiveInt = (fallback: number, max: number) => integerSchema(1, max).default(fallback);

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

/** The merchant API's list parameters shared by every entity (docs/merchant-api.md, "Lists"). */
export const listQuerySchema = z.strictObject({
  page: positiveInt(1, Number.MAX_SAFE_INTEGER),
  limit: positiveInt(50, 1000),
  count: flagSchema.default(false).describe('true (or 1) answers {"count": n} instead of the documents'),
  fields: z.string().optional().describe('comma-separated fields to return, e.g. id,total_price'),
  createdBefore: listDate('createdBefore').describe('stored before this instant'),
  createdAfter: listDate('createdAfter').describe('stored at or after this instant'),
  updatedBefore: listDate('updatedBefore').describe('last changed before this instant'),
  updatedAfter: listDate('updatedAfter').describe('last changed at or after this instant'),
  updatedMin: listDate('updatedMin').describe('alias of updatedAfter'),
});
