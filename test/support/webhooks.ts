import { onTestFinished } from 'vitest';
import { WebhookWorker } from '../../src/webhooks/worker.js';
import { testApp } from './app.js';
import { Receiver } from './receiver.js';

/** A real local receiver standing in for convertedin's endpoint, stopped when the test ends. */
async function startReceiver(): Promise<Receiver> {
  const receiver = new Receiver();
  await receiver.start();
  onTestFinished(() => receiver.stop());
  return receiver;
}

/**
 * The app with webhooks pointed at a started receiver, and a worker driven by hand: `drain(at)`
 * runs delivery rounds at a simulated time until nothing more is due, so retries are tested
 * with a clock rather than by waiting.
 */
export async function webhookApp(env: Record<string, string> = {}) {
  const receiver = await startReceiver();
  const t = await testApp({ CONVERTEDIN_WEBHOOK_URL: receiver.url, SHOP_DOMAIN: 'shop.example.com', ...env });
  const worker = new WebhookWorker({ db: t.db, config: t.config });
  const drain = async (at = new Date()) => {
    while ((await worker.runOnce(at)) > 0);
  };
  return { ...t, receiver, worker, drain };
}
