import type { z } from 'zod';

export interface WebhookSettings {
  /** Base URL; events go to `${url}/orders/create` and so on. Undefined: webhooks are off. */
  url: string | undefined;
  shopDomain: string;
  allowPrivate: boolean;
  /** Run the delivery worker inside the server process. */
  runWorker: boolean;
  timeoutMs: number;
  maxAgeMs: number;
  retentionMs: number;
}

type WebhookEnv = {
  CONVERTEDIN_WEBHOOK_URL?: string | undefined;
  SHOP_DOMAIN?: string | undefined;
  NODE_ENV: string;
};

/** Cross-field rules: a domain to send with the URL, and https in production. */
export function checkWebhookEnv(env: WebhookEnv, ctx: z.RefinementCtx): void {
  // A malformed URL has its own issue already; reading it here would throw instead.
  if (env.CONVERTEDIN_WEBHOOK_URL === undefined || !URL.canParse(env.CONVERTEDIN_WEBHOOK_URL)) return;
  if (!env.SHOP_DOMAIN) {
    ctx.addIssue({ code: 'custom', path: ['SHOP_DOMAIN'], message: 'is required when CONVERTEDIN_WEBHOOK_URL is set' });
  }
  if (env.NODE_ENV === 'production' && new URL(env.CONVERTEDIN_WEBHOOK_URL).protocol !== 'https:') {
    ctx.addIssue({ code: 'custom', path: ['CONVERTEDIN_WEBHOOK_URL'], message: 'must use https in production' });
  }
}
