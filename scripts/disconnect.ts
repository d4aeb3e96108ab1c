/**
 * `npm run disconnect [-- --yes]`: tells convertedin the store has gone (POST
 * {CONVERTEDIN_WEBHOOK_URL}/app/uninstalled with the usual headers and {"shop_domain": ...}),
 * after asking for confirmation; `--yes` answers for a script. Exit codes: 0 sent and accepted,
 * 1 refused, unreachable or not confirmed, 64 bad usage, 78 bad configuration.
 */
import { createInterface } from 'node:readline/promises';
import { ConfigError, loadConfig } from '../src/config.js';
import { configOrExit } from '../src/script-config.js';
import { createLogger } from '../src/observability/logger.js';
import { loadDotEnv } from '../src/shared/env-file.js';
import { checkWebhookDestination, WebhookDestinationError } from '../src/webhooks/destination.js';
import { sendUninstalled, UNINSTALLED_TOPIC } from '../src/webhooks/disconnect.js';

const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== '--yes' && arg !== '-y');
if (unknown.length > 0) {
  console.error(`Unknown argument ${unknown.join(' ')}.\nUsage: npm run disconnect [-- --yes]`);
  process.exit(64);
}

loadDotEnv();
const config = configOrExit(() => {
  const loaded = loadConfig();
  if (!loaded.webhooks.url) throw new ConfigError('CONVERTEDIN_WEBHOOK_URL is not set: there is no one to tell.');
  return loaded;
});
// The service's own rule: in production, no internal address (an IP in the URL is never looked up).
try {
  await checkWebhookDestination(config, createLogger(config.logLevel));
} catch (error) {
  if (!(error instanceof WebhookDestinationError)) throw error;
  console.error(error.message);
  process.exit(78);
}
const target = `${config.webhooks.url}/${UNINSTALLED_TOPIC}`;

/** Yes only for y or yes; anything else, or the end of input, is no. */
async function confirmed(): Promise<boolean> {
  if (args.length > 0) return true;
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const question = `Tell convertedin that ${config.webhooks.shopDomain} has uninstalled (POST ${target})? [y/N] `;
    const answer = await Promise.race([
      rl.question(question),
      new Promise<string>((r) => rl.once('close', () => r(''))),
    ]);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

if (!(await confirmed())) {
  console.log('Not confirmed: nothing was sent.');
  process.exit(1);
}
const outcome = await sendUninstalled(config);
if (outcome.kind === 'delivered') {
  console.log(
    `Told convertedin that ${config.webhooks.shopDomain} has gone: POST ${target} answered ${outcome.status}.`,
  );
  console.log('The feed and the webhook queue are untouched; stop the service when convertedin no longer needs them.');
} else {
  console.error(
    `convertedin was not told: POST ${target} failed (${outcome.error}). Nothing else changed; run it again.`,
  );
  process.exit(1);
}
