/**
 * `npm run worker`: delivers webhook events without serving HTTP, for deployments that run the
 * worker apart from the API (set WEBHOOK_WORKER=false on the API instances then).
 */
import { loadConfig } from '../src/config.js';
import { openDb } from '../src/db/client.js';
import { createLogger } from '../src/observability/logger.js';
import { checkWebhookDestination } from '../src/webhooks/queue.js';
import { WebhookWorker } from '../src/webhooks/worker.js';

const config = loadConfig();
if (!config.webhooks.url) {
  console.error('CONVERTEDIN_WEBHOOK_URL is not set: there is nothing to deliver.');
  process.exit(78);
}
const logger = createLogger(config.logLevel).child({ component: 'webhooks' });
await checkWebhookDestination(config, logger);
const db = await openDb(config.database, config.pool);
const worker = new WebhookWorker({ db, config, logger });
worker.start();
const stop = () => worker.stop().then(() => db.close().then(() => process.exit(0)));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
