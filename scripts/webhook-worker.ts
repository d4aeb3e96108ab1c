/**
 * `npm run worker`: delivers webhook events without serving HTTP, for deployments that run the
 * worker apart from the API (set WEBHOOK_WORKER=false on the API instances then).
 */
import { ConfigError, loadConfig, type Config } from '../src/config.js';
import { openDb } from '../src/db/client.js';
import { createLogger, type Logger } from '../src/observability/logger.js';
import { loadDotEnv } from '../src/shared/env-file.js';
import { checkWebhookDestination, WebhookDestinationError } from '../src/webhooks/destination.js';
import { WebhookWorker } from '../src/webhooks/worker.js';

/** Configuration problems exit 78 (EX_CONFIG), as the server's do, with the message alone. */
async function configure(): Promise<{ config: Config; logger: Logger }> {
  try {
    loadDotEnv();
    const config = loadConfig();
    if (!config.webhooks.url) throw new ConfigError('CONVERTEDIN_WEBHOOK_URL is not set: there is nothing to deliver.');
    const logger = createLogger(config.logLevel).child({ component: 'webhooks' });
    await checkWebhookDestination(config, logger);
    return { config, logger };
  } catch (error) {
    if (!(error instanceof ConfigError || error instanceof WebhookDestinationError)) throw error;
    console.error(error.message);
    process.exit(78);
  }
}

const { config, logger } = await configure();
const db = await openDb(config.database, config.pool);
const worker = new WebhookWorker({ db, config, logger });
worker.start();
logger.info('worker started');
const stop = () => worker.stop().then(() => db.close().then(() => process.exit(0)));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
