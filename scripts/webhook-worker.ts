/**
 * `npm run worker`: delivers webhook events without serving HTTP, for deployments that run the
 * worker apart from the API (set WEBHOOK_WORKER=false on the API instances then).
 */
import { loadConfig } from '../src/config.js';
import { openDb } from '../src/db/client.js';
import { checkWebhookDestination } from '../src/main.js';
import { WebhookWorker } from '../src/webhooks/worker.js';

const config = loadConfig();
if (!config.webhooks.url) {
  console.error('CONVERTEDIN_WEBHOOK_URL is not set: there is nothing to deliver.');
  process.exit(78);
}
await checkWebhookDestination(config);
const db = await openDb(config.database);
const worker = new WebhookWorker({
  db,
  config,
  log: (level, msg, extra) => console.log(JSON.stringify({ level, time: new Date().toISOString(), msg, ...extra })),
});
worker.start();
const stop = () => worker.stop().then(() => db.close().then(() => process.exit(0)));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
