import { readFileSync } from 'node:fs';
import http, { type Server } from 'node:http';
import https from 'node:https';
import express from 'express';
import { buildApp } from './app.js';
import { loadConfig, type Config } from './config.js';
import { openDb, type Db } from './db/client.js';
import { migrate } from './db/migrate.js';
import { drain } from './http/drain.js';
import { routeNotFound, errorHandler } from './http/errors.js';
import { createLogger, requestContext, type DestinationStream, type Logger } from './observability/logger.js';
import { Metrics } from './observability/metrics.js';
import { SyncRecorder } from './observability/sync-recorder.js';
import { checkWebhookDestination } from './webhooks/destination.js';
import { queueSnapshot } from './webhooks/queue-depth.js';
import { WebhookWorker } from './webhooks/worker.js';
import { createOutbox } from './webhooks/outbox.js';

/** Slow clients may not hold a connection open forever before sending their request. */
const HEADERS_TIMEOUT_MS = 20_000;
const REQUEST_TIMEOUT_MS = 120_000;

export interface Running {
  server: Server;
  /** Set when METRICS_PORT is: /metrics listens there instead of on the main port. */
  metricsServer: Server | undefined;
  db: Db;
  config: Config;
  logger: Logger;
  metrics: Metrics;
  /** Drains both servers (bounded by SHUTDOWN_TIMEOUT_MS), stops background work, closes the database. */
  stop(): Promise<void>;
}

async function listen(server: Server, port: number, host?: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  return typeof address === 'object' && address ? address.port : port;
}

function metricsOnlyApp(metrics: Metrics, logger: Logger): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // Scrapes come every few seconds: only their failures are worth a line.
  app.use(requestContext(logger.child({ listener: 'metrics' }, { level: 'warn' })));
  app.get('/metrics', metrics.handler());
  app.use(routeNotFound);
  app.use(errorHandler);
  return app;
}

/** Validates the configuration, migrates unless told not to, and listens. */
export async function start(
  env: NodeJS.ProcessEnv = process.env,
  options: { logDestination?: DestinationStream } = {},
): Promise<Running> {
  const config = loadConfig(env);
  const logger = createLogger(config.logLevel, options.logDestination);
  if (config.migrateOnStart) {
    const applied = await migrate(config.database);
    logger.info({ provider: config.database.provider, applied }, 'migrations checked');
  }
  await checkWebhookDestination(config, logger);
  const db = await openDb(
    config.database,
    {
      ...config.pool,
      onIdleError: (error) => logger.warn({ err: { message: error.message } }, 'idle database connection failed'),
    },
    createOutbox(config.webhooks),
  );
  const metrics = new Metrics();
  metrics.collectProcessMetrics();
  const webhookUrl = config.webhooks.url;
  if (webhookUrl) metrics.trackQueue(() => queueSnapshot(db, Date.now(), webhookUrl));
  const recorder = new SyncRecorder(db, { trackFeed: config.status.trackCrawls, logger });
  recorder.start();
  const app = buildApp({ db, config, logger, metrics, recorder });

  const server = config.tls
    ? https.createServer({ cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) }, app)
    : http.createServer(app);
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  const port = await listen(server, config.port);
  logger.info({ port, scheme: config.tls ? 'https' : 'http', provider: config.database.provider }, 'listening');

  let metricsServer: Server | undefined;
  if (config.metrics.port !== undefined) {
    metricsServer = http.createServer(metricsOnlyApp(metrics, logger));
    const metricsPort = await listen(metricsServer, config.metrics.port, config.metrics.host);
    logger.info({ port: metricsPort, host: config.metrics.host }, 'metrics listening');
  }

  // Background work stops after the servers have drained, so nothing new is queued behind it,
  // and before the database closes.
  // The recorder's last counts are written before the database closes.
  const backgroundStops: Array<() => Promise<void>> = [() => recorder.stop()];
  if (config.webhooks.url && config.webhooks.runWorker) {
    const worker = new WebhookWorker({ db, config, logger: logger.child({ component: 'webhooks' }) });
    worker.start();
    backgroundStops.push(() => worker.stop());
  }

  return {
    server,
    metricsServer,
    db,
    config,
    logger,
    metrics,
    stop: async () => {
      const cut = await Promise.all(
        [server, metricsServer].filter((s) => s !== undefined).map((s) => drain(s, config.shutdownTimeoutMs)),
      );
      if (cut.some(Boolean)) logger.warn({ timeoutMs: config.shutdownTimeoutMs }, 'cut requests still running');
      await Promise.all(backgroundStops.map((stopWork) => stopWork()));
      await db.close();
    },
  };
}
