import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Config } from './config.js';
import { customersApi } from './customers/customers.api.js';
import type { Db } from './db/client.js';
import { feedRouter } from './feed/feed.router.js';
import { requireMerchantKey } from './http/auth.js';
import { AuthThrottle } from './http/auth-throttle.js';
import { merchantBody } from './http/body.js';
import { errorHandler, methodNotAllowed, routeNotFound } from './http/errors.js';
import { healthRouter } from './http/health.js';
import { createLogger, requestContext, type Logger } from './observability/logger.js';
import { Metrics } from './observability/metrics.js';
import { ordersApi } from './orders/orders.api.js';
import { deliveriesApi } from './webhooks/deliveries.api.js';

export interface AppDeps {
  db: Db;
  config: Config;
  /** Default: JSON lines on stdout at `config.logLevel`. */
  logger?: Logger;
  /** Default: a registry of this app's own. */
  metrics?: Metrics;
}

/** Builds the HTTP application; `main.ts` is what listens. */
export function buildApp(deps: AppDeps): Express {
  const { db, config } = deps;
  const logger = deps.logger ?? createLogger(config.logLevel);
  const metrics = deps.metrics ?? new Metrics();
  metrics.trackPool(db);
  // One count of failed attempts per address for the feed, the merchant API and /metrics alike.
  const throttle = new AuthThrottle(config.authThrottle);

  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('trust proxy', config.trustProxy);
  app.use(requestContext(logger), metrics.middleware());
  app.use(helmet());

  app.use(healthRouter(db));
  if (config.metrics.port === undefined) {
    app
      .route('/metrics')
      .get(requireMerchantKey(config.merchantKeys, throttle), metrics.handler())
      .all(methodNotAllowed(['GET']));
  }
  app.use(feedRouter(deps, throttle));
  app.use('/api', requireMerchantKey(config.merchantKeys, throttle), merchantBody);
  app.use(ordersApi(deps));
  app.use(customersApi(deps));
  app.use(deliveriesApi(deps));

  app.use(routeNotFound);
  app.use(errorHandler);
  return app;
}
