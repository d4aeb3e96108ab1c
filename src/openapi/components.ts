import { z } from 'zod';
import { categoryDocumentSchema } from '../categories/category.document.js';
import { customerDocumentSchema } from '../customers/customer.document.js';
import { orderFieldsSchema } from '../orders/order.document.js';
import { productFieldsSchema } from '../products/product.document.js';
import { storeDocumentSchema } from '../store/store.document.js';

/**
 * The merchant documents as the shop sends them, under the names generated clients give their
 * types. The very instances the routes validate with are named in zod's global registry (which
 * `z.toJSONSchema` reads ids from), so every schema built on them, such as a bulk body's
 * `{"orders": [...]}` or products' refined schema, refers to the one component, and the
 * document modules stay free of OpenAPI concerns. Descriptions already registered are kept.
 */
const DOCUMENTS: Record<string, z.ZodType> = {
  Order: orderFieldsSchema,
  Customer: customerDocumentSchema,
  Product: productFieldsSchema,
  Category: categoryDocumentSchema,
  Store: storeDocumentSchema,
};

for (const [id, schema] of Object.entries(DOCUMENTS)) {
  z.globalRegistry.add(schema, { ...z.globalRegistry.get(schema), id });
}

/** Every error body, as `errorHandler` in src/http/errors.ts writes it. */
export const errorBodySchema = z
  .object({
    message: z.string().describe('for people, not for parsing'),
    errors: z
      .record(z.string(), z.array(z.string()))
      .optional()
      .describe('422 only: the messages for each bad field, by its path such as orders[3].line_items[0].quantity'),
    request_id: z.string().optional().describe('500 only: the id the server logged the failure under'),
  })
  .meta({ id: 'Error' });

const retryAfter = (description: string) => ({
  'Retry-After': { description, schema: { type: 'integer', minimum: 1 } },
});

/**
 * The errors any route may answer for what it is rather than what it does: they follow from
 * its authentication, its input and whether it needs the database, so they are derived here
 * once instead of being repeated, and forgotten, on each route.
 */
export function derivedErrors(route: {
  auth: 'none' | 'feed-token' | 'merchant-key';
  database: boolean;
  body?: unknown;
  query?: unknown;
}): Record<number, string> {
  const errors: Record<number, string> = {};
  if (route.auth !== 'none') {
    errors[401] = route.auth === 'feed-token' ? 'a missing or wrong token' : 'a missing or wrong API key';
    // Only failed authentications count, so a valid secret is refused only when its address
    // failed too often first (src/http/auth-throttle.ts).
    errors[429] = 'too many failed authentications from this address';
  }
  if (route.body !== undefined || route.query !== undefined) errors[422] = 'a bad field or parameter';
  if (route.database) errors[503] = 'the database is unavailable';
  return errors;
}

/** The headers an error status comes with. */
export function errorHeaders(status: number) {
  if (status === 429) return retryAfter('seconds until this address may try again');
  if (status === 503) return retryAfter('seconds to wait before retrying');
  return undefined;
}
