import { randomUUID } from 'node:crypto';
import type { Config } from '../config.js';
import { deliver, type DeliveryOutcome } from './deliver.js';
import { webhookRequest } from './request.js';

/** convertedin's 13th topic: the store has gone, so it stops crawling and forgets the shop. */
export const UNINSTALLED_TOPIC = 'app/uninstalled';

/** Tells convertedin the store has gone: one signed POST {base}/app/uninstalled, not queued. */
export async function sendUninstalled(config: Config, at = new Date()): Promise<DeliveryOutcome> {
  const body = JSON.stringify({ shop_domain: config.webhooks.shopDomain });
  return deliver(webhookRequest(config, { id: randomUUID(), topic: UNINSTALLED_TOPIC, body, at }));
}
