import type { Server } from 'node:http';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { openDb, type Db } from './db/client.js';
import { migrate } from './db/migrate.js';
import { assertPublicDestination } from './webhooks/destination.js';
import { WebhookWorker } from './webhooks/worker.js';

const log = (level: string, msg: string, extra: Record<string, unknown> = {}) =>
  console.log(JSON.stringify({ level, time: new Date().toISOString(), msg, ...extra }));

export interface Running {
  server: Server;
  db: Db;
  config: Config;
  stop(): Promise<void>;
}

/** Validates the configuration, migrates unless told not to, and listens. */
export async function start(env: NodeJS.ProcessEnv = process.env): Promise<Running> {
  const config = loadConfig(env);
  if (config.migrateOnStart) {
    const applied = await migrate(config.database);
    log('info', 'migrations checked', { provider: config.database.provider, applied });
  }
  await checkWebhookDestination(config);
  const db = await openDb(config.database);
  const app = buildApp({ db, config });
  const worker = config.webhooks.url && config.webhooks.runWorker ? new WebhookWorker({ db, config, log }) : undefined;
  worker?.start();
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  log('info', 'listening', {
    port: typeof address === 'object' && address ? address.port : config.port,
    provider: config.database.provider,
  });
  return {
    server,
    db,
    config,
    stop: async () => {
      await Promise.all([new Promise<void>((resolve) => server.close(() => resolve())), worker?.stop()]);
      await db.close();
    },
  };
}

/** In production a webhook URL must not point into the service's own network. */
export async function checkWebhookDestination(config: Config): Promise<void> {
  const { url, allowPrivate } = config.webhooks;
  if (!url || allowPrivate || config.nodeEnv !== 'production') return;
  await assertPublicDestination(url).catch((error: Error) => {
    // A name that does not resolve yet is checked again on every delivery; an internal one is fatal.
    if (/internal address/.test(error.message)) throw new ConfigError(error.message);
    log('warn', 'webhook destination could not be resolved at start', { error: error.message });
  });
}

async function main(): Promise<void> {
  let running: Running;
  try {
    running = await start();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    log('fatal', 'could not start', { error: (error as Error).message });
    process.exit(1);
  }
  const shutdown = (signal: string) => {
    log('info', 'shutting down', { signal });
    running.server.closeIdleConnections();
    running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
