import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import { z } from 'zod';
import { feedRoutes } from './feed/feed.routes.js';
import { requireMerchantKey } from './http/auth.js';
import { AuthThrottle } from './http/auth-throttle.js';
import { merchantBody } from './http/body.js';
import { concurrencyLimit } from './http/concurrency.js';
import { errorHandler, routeNotFound } from './http/errors.js';
import type { AppDeps } from './http/deps.js';
import { healthRoutes } from './http/health.js';
import { precomputedJson } from './http/precomputed.js';
import { mountRoutes, type Route } from './http/routes.js';
import { merchantRoutes } from './merchant/merchant.routes.js';
import { createLogger, requestContext } from './observability/logger.js';
import { countDocuments } from './observability/ingest-counts.js';
import { Metrics } from './observability/metrics.js';
import { SyncRecorder } from './observability/sync-recorder.js';
import { buildOpenApi } from './openapi/openapi.js';
import { consoleRoutes } from './status/console.routes.js';
import { statusRoutes } from './status/status.routes.js';
import { deliveriesRoutes } from './webhooks/deliveries.routes.js';

export type { AppDeps };

/** What the routes share beyond the deps: one count of failed attempts per address, one registry, one recorder. */
interface Shared {
  throttle: AuthThrottle;
  metrics: Metrics;
  /** One bound on the feed and merchant requests in flight together. */
  limit: RequestHandler;
  recorder: SyncRecorder;
}

/** Every route the app serves; the OpenAPI document is built from this same list. */
function appRoutes(deps: AppDeps, { throttle, metrics, limit, recorder }: Shared): Route[] {
  const { db, config } = deps;
  const routes: Route[] = [...healthRoutes(db)];
  if (config.metrics.port === undefined) {
    routes.push({
      method: 'get',
      path: '/metrics',
      operationId: 'getMetrics',
      summary: 'Prometheus metrics (served on METRICS_PORT instead, without a key, when that is set)',
      tag: 'service',
      auth: 'merchant-key',
      database: false,
      responses: { 200: { description: 'Prometheus text format' } },
      handlers: [requireMerchantKey(config.merchantKeys, throttle), metrics.handler()],
    });
  }
  routes.push(
    ...feedRoutes(deps, throttle, limit, recorder),
    ...merchantRoutes(deps),
    ...deliveriesRoutes(deps),
    ...statusRoutes(deps, recorder),
    ...consoleRoutes(),
  );
  routes.push({
    method: 'get',
    path: '/openapi.json',
    operationId: 'getOpenApiDocument',
    summary: 'This API described as OpenAPI 3.1',
    tag: 'service',
    auth: 'none',
    database: false,
    responses: { 200: { description: 'the OpenAPI document', schema: z.looseObject({ openapi: z.string() }) } },
    handlers: [precomputedJson(() => buildOpenApi(routes))],
  });
  return routes;
}

/** Builds the HTTP application; `main.ts` is what listens. */
export function buildApp(deps: AppDeps): Express {
  const { db, config } = deps;
  const logger = deps.logger ?? createLogger(config.logLevel);
  const metrics = deps.metrics ?? new Metrics();
  metrics.trackPool(db);
  const throttle = new AuthThrottle(config.authThrottle);
  const limit = concurrencyLimit(config.concurrency);
  const recorder = deps.recorder ?? new SyncRecorder(db, { trackFeed: config.status.trackCrawls, logger });

  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // Express would hash every body for a weak ETag: on a feed page that is a copy and a SHA-1 of
  // 50 kB for a POST that no cache revalidates. /openapi.json sets a strong ETag of its own.
  app.set('etag', false);
  app.set('trust proxy', config.trustProxy);
  app.use(requestContext(logger), metrics.middleware());
  // HSTS only means something over HTTPS (a browser ignores it on plain HTTP), so it is sent
  // only on secure requests: the service's own TLS or a trusted proxy's X-Forwarded-Proto.
  app.use(helmet({ strictTransportSecurity: false }));
  const hsts = helmet.strictTransportSecurity();
  app.use((req, res, next) => (req.secure ? hsts(req, res, next) : next()));

  // The bound comes after the key, so callers without one cannot take the places in line.
  app.use('/api', requireMerchantKey(config.merchantKeys, throttle), limit, countDocuments(recorder), merchantBody);
  mountRoutes(app, appRoutes(deps, { throttle, metrics, limit, recorder }));

  app.use(routeNotFound);
  app.use(errorHandler);
  return app;
}
