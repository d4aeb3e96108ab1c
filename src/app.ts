import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Config } from './config.js';
import { customersApi } from './customers/customers.api.js';
import type { Db } from './db/client.js';
import { feedRouter } from './feed/feed.router.js';
import { requireMerchantKey } from './http/auth.js';
import { merchantBody } from './http/body.js';
import { errorHandler, methodNotAllowed, routeNotFound } from './http/errors.js';
import { ordersApi } from './orders/orders.api.js';
import { deliveriesApi } from './webhooks/deliveries.api.js';

export interface AppDeps {
  db: Db;
  config: Config;
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

  app
    .route('/health')
    .get((_req, res) => {
      res.json({ status: 'ok' });
    })
    .all(methodNotAllowed(['GET']));

  app.use(feedRouter(deps));
  app.use('/api', requireMerchantKey(deps.config.merchantKeys), merchantBody);
  app.use(ordersApi(deps));
  app.use(customersApi(deps));
  app.use(deliveriesApi(deps));

  app.use(routeNotFound);
  app.use(errorHandler);
  return app;
}
