import type { RequestHandler } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../http/deps.js';
import { readCategoriesPage } from '../categories/categories.feed.js';
import { readCustomersPage } from '../customers/customers.feed.js';
import { readOrdersPage } from '../orders/orders.feed.js';
import { readProductsPage } from '../products/products.feed.js';
import { requireFeedToken } from '../http/auth.js';
import type { AuthThrottle } from '../http/auth-throttle.js';
import type { Entity } from '../db/changes.js';
import type { SyncRecorder } from '../observability/sync-recorder.js';
import { feedBody } from '../http/body.js';
import { rejectUnstorableText } from '../http/storable-text.js';
import type { Route } from '../http/routes.js';
import { parseOr422 } from '../http/validation.js';
import { readStore } from '../store/store.js';
import { storeToFeed } from '../store/store.document.js';
import { feedPageSchemas, storeInfoSchema } from './feed.schemas.js';
import { defaultPerPage, pageFormSchema, parsePageRequest } from './page-request.js';

/** products only: one category and everything below it. */
const collectionForm = z.object({
  collection_id: z.union([z.string(), z.int()]).optional().describe('a category id'),
  collectionid: z.union([z.string(), z.int()]).optional().describe('alias of collection_id'),
});

/** A whole number from a raw form field, for tracking only: 0 when it is not one. */
const roughInteger = (raw: unknown, fallback: number) => {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  return Number.isSafeInteger(value) && value > 0 ? value : 0;
};

/**
 * Reports every answer of an entity's feed to the recorder once it is sent: refusals included,
 * which never reach the handler. Only memory is touched here (see sync-recorder.ts).
 */
function trackCrawl(recorder: SyncRecorder, entity: Entity, perPageDefault: number): RequestHandler {
  return (req, res, next) => {
    res.on('finish', () => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const served = res.locals.feedPage as { page: number; perPage: number; lastPage: number } | undefined;
      if (res.statusCode === 200 && !served) return;
      recorder.feedAnswered({
        entity,
        status: res.statusCode,
        tokenIndex: (res.locals.feedTokenIndex as number | undefined) ?? -1,
        page: served?.page ?? roughInteger(body.page, 1),
        perPage: served?.perPage ?? roughInteger(body.per_page ?? body.par_page, perPageDefault),
        lastPage: served?.lastPage,
      });
    });
    next();
  };
}

/** What convertedin calls, every path spelt out: `POST` with the token in the body. */
export function feedRoutes(
  deps: AppDeps,
  throttle: AuthThrottle,
  limit: RequestHandler,
  recorder: SyncRecorder,
): Route[] {
  const { db, config } = deps;
  const page = (body: Record<string, unknown>) => parsePageRequest(body, config.feedMaxPerPage);
  const timeZone = config.storeTimeZone;
  const pageForm = pageFormSchema(config.feedMaxPerPage);
  const route = (
    path: string,
    operationId: string,
    summary: string,
    body: z.ZodObject,
    response: z.ZodType,
    answer: (body: Record<string, unknown>) => Promise<unknown>,
    entity?: Entity,
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
      ...(entity && config.status.trackCrawls
        ? [trackCrawl(recorder, entity, defaultPerPage(config.feedMaxPerPage))]
        : []),
      requireFeedToken(config.feedTokens, throttle),
      // After the token, so a caller without it learns nothing of the rules and takes no place in line.
      limit,
      rejectUnstorableText,
      async (req, res) => {
        const form = req.body as Record<string, unknown>;
        const result = await answer(form);
        // One category's products are a walk of their own, not a page of the products crawl.
        if (entity && form.collection_id === undefined && form.collectionid === undefined) {
          const { current_page, per_page, last_page } = result as Record<string, number>;
          res.locals.feedPage = { page: current_page, perPage: per_page, lastPage: last_page };
        }
        res.json(result);
      },
    ],
  });

  return [
    route(
      '/convertedin/storeinfo',
      'feedStoreInfo',
      'The store itself, without an envelope',
      z.object({ token: z.string() }),
      storeInfoSchema,
      async () => storeToFeed(await readStore(db.read), timeZone),
    ),
    route(
      '/convertedin/orders',
      'feedOrders',
      'A page of orders',
      pageForm,
      feedPageSchemas.orders,
      (body) => readOrdersPage(db, page(body), config),
      'orders',
    ),
    route(
      '/convertedin/customers',
      'feedCustomers',
      'A page of customers',
      pageForm,
      feedPageSchemas.customers,
      (body) => readCustomersPage(db, page(body), config),
      'customers',
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
      'products',
    ),
    route(
      '/convertedin/categories',
      'feedCategories',
      'A page of top-level categories, each with its whole subtree',
      pageForm,
      feedPageSchemas.categories,
      (body) => readCategoriesPage(db, page(body), timeZone),
      'categories',
    ),
  ];
}
