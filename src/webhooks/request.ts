import type { Config } from '../config.js';
import type { DeliveryRequest } from './deliver.js';
import { signatureHeaders } from './signature.js';

export interface WebhookMessage {
  /** Stable across retries: X-Event-Id and webhook-id. */
  id: string;
  /** `<entity>/<action>`, appended to the base URL. */
  topic: string;
  /** The exact JSON text sent, which is what is signed. */
  body: string;
  /** When this attempt is made: webhook-timestamp. */
  at: Date;
}

/** One request to convertedin with its usual headers, signed when WEBHOOK_SECRET is set. */
export function webhookRequest(config: Config, message: WebhookMessage): DeliveryRequest {
  const { webhooks, feedTokens, nodeEnv } = config;
  return {
    url: `${webhooks.url}/${message.topic}`,
    headers: {
      'Content-Type': 'application/json',
      token: feedTokens[0]!,
      'X-Shop-Domain': webhooks.shopDomain,
      'X-Event-Id': message.id,
      'X-Event-Topic': message.topic,
      'User-Agent': 'convertedin-feed',
      ...signatureHeaders(webhooks.secrets, message.id, message.at, message.body),
    },
    body: message.body,
    timeoutMs: webhooks.timeoutMs,
    publicOnly: nodeEnv === 'production' && !webhooks.allowPrivate,
  };
}
