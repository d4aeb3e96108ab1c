import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { z } from 'zod';
import { categoriesRoutes } from './categories/categories.api.js';
import type { Config } from './config.js';
import { customersRoutes } from './customers/customers.api.js';
import type { Db } from './db/client.js';
import { feedRoutes } from './feed/feed.router.js';
import { requireMerchantKey } from './http/auth.js';
import { merchantBody } from './http/body.js';
import { errorHandler, routeNotFound } from './http/errors.js';
import { mountRoutes, type Route } from './http/routes.js';
import { buildOpenApi } from './openapi/openapi.js';
import { ordersRoutes } from './orders/orders.api.js';
import { productsRoutes } from './products/products.api.js';
import { storeRoutes } from './store/store.api.js';

export interface AppDeps {
  db: Db;
  config: Config;
}

/** Every route the app serves; the OpenAPI document is built from this same list. */
export function appRoutes(deps: AppDeps): Route[] {
  const routes: Route[] = [
    {
      method: 'get',
      path: '/health',
      summary: 'Liveness: 200 while the process is up',
      tag: 'service',
      auth: 'none',
      responses: { 200: { description: 'alive', schema: z.object({ status: z.literal('ok') }) } },
      handlers: [(_req, res) => void res.json({ status: 'ok' })],
    },
    ...feedRoutes(deps),
    ...storeRoutes(deps),
    ...ordersRoutes(deps),
    ...customersRoutes(deps),
    ...productsRoutes(deps),
    ...categoriesRoutes(deps),
  ];
  let document: ReturnType<typeof buildOpenApi> | undefined;
  routes.push({
    method: 'get',
    path: '/openapi.json',
    summary: 'This API described as OpenAPI 3.1',
    tag: 'service',
    auth: 'none',
    responses: { 200: { description: 'the OpenAPI document' } },
    handlers: [(_req, res) => void res.json((document ??= buildOpenApi(routes)))],
  });
  return routes;
}

/** Builds the HTTP application; `main.ts` is what listens. */
export function buildApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(helmet());
  app.use((_req, res, next) => {
    res.setHeader('X-Request-Id', randomUUID());
    next();
  });

  app.use('/api', requireMerchantKey(deps.config.merchantKeys), merchantBody);
  mountRoutes(app, appRoutes(deps));

  app.use(routeNotFound);
  app.use(errorHandler);
  return app;
}
