import type { RequestHandler } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../http/deps.js';
import { readCategoriesPage } from '../categories/categories.feed.js';
import { readCustomersPage } from '../customers/customers.feed.js';
import { readOrdersPage } from '../orders/orders.feed.js';
import { readProductsPage } from '../products/products.feed.js';
import { requireFeedToken } from '../http/auth.js';
import type { AuthThrottle } from '../http/auth-throttle.js';
import { feedBody } from '../http/body.js';
import { rejectUnstorableText } from '../http/storable-text.js';
import type { Route } from '../http/routes.js';
import { parseOr422 } from '../http/validation.js';
import { readStore } from '../store/store.js';
import { storeToFeed } from '../store/store.document.js';
import { feedPageSchemas, storeInfoSchema } from './feed.schemas.js';
import { pageFormSchema, parsePageRequest } from './page-request.js';

/** products only: one category and everything below it. */
const collectionForm = z.object({
  collection_id: z.union([z.string(), z.int()]).optional().describe('a category id'),
  collectionid: z.union([z.string(), z.int()]).optional().describe('alias of collection_id'),
});

/** What convertedin calls, every path spelt out: `POST` with the token in the body. */
export function feedRoutes(deps: AppDeps, throttle: AuthThrottle, limit: RequestHandler): Route[] {
  const { db, config } = deps;
  const timeZone = config.storeTimeZone;
  const pageForm = pageFormSchema(config.feedMaxPerPage);
  const route = (
    path: string,
    operationId: string,
    summary: string,
    body: z.ZodObject,
    response: z.ZodType,
    answer: (body: Record<string, unknown>) => Promise<unknown>,
  ): Route => ({
    method: 'post',
    path,
    operationId,
    summary,
    tag: 'feed',
    auth: 'feed-token',
    database: true,
    body: { schema: body, form: true },
    responses: {
      200: { description: 'the page', schema: response },
      401: { description: 'missing or wrong token' },
      422: { description: 'a bad page or per_page' },
    },
    handlers: [
      ...feedBody,
      requireFeedToken(config.feedTokens, throttle),
      // After the token, so a caller without it learns nothing of the rules and takes no place in line.
      limit,
      rejectUnstorableText,
      async (req, res) => {
        res.json(await answer(req.body as Record<string, unknown>));
      },
    ],
  });
  const page = (body: Record<string, unknown>) => parsePageRequest(body, config.feedMaxPerPage);

  return [
    route(
      '/convertedin/storeinfo',
      'feedStoreInfo',
      'The store itself, without an envelope',
      z.object({ token: z.string() }),
      storeInfoSchema,
      async () => storeToFeed(await readStore(db.read), timeZone),
    ),
    route('/convertedin/orders', 'feedOrders', 'A page of orders', pageForm, feedPageSchemas.orders, (body) =>
      readOrdersPage(db, page(body), config),
    ),
    route(
      '/convertedin/customers',
      'feedCustomers',
      'A page of customers',
      pageForm,
      feedPageSchemas.customers,
      (body) => readCustomersPage(db, page(body), config),
    ),
    route(
      '/convertedin/products',
      'feedProducts',
      'A page of products, optionally of one category and its subcategories',
      pageForm.extend(collectionForm.shape),
      feedPageSchemas.products,
      async (body) => {
        const request = page(body);
        const form = parseOr422(collectionForm, body);
        const collection = form.collection_id ?? form.collectionid;
        const key =
          collection === undefined || String(collection).trim() === '' ? undefined : String(collection).trim();
        return readProductsPage(db, request, key, config);
      },
    ),
    route(
      '/convertedin/categories',
      'feedCategories',
      'A page of top-level categories, each with its whole subtree',
      pageForm,
      feedPageSchemas.categories,
      (body) => readCategoriesPage(db, page(body), timeZone),
    ),
  ];
}
