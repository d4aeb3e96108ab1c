import { z } from 'zod';

export interface WebhookSettings {
  /** Base URL; events go to `${url}/orders/create` and so on. Undefined: webhooks are off. */
  url: string | undefined;
  shopDomain: string;
  allowPrivate: boolean;
  /** Run the delivery worker inside the server process. */
  runWorker: boolean;
  timeoutMs: number;
  /** The retry window: an event is tried until this long after it was recorded (or replayed). */
  maxAgeMs: number;
  retentionMs: number;
  /** Standard Webhooks signing keys (the bytes after `whsec_`); each one signs. Empty: unsigned. */
  secrets: Buffer[];
  /** An endpoint whose every attempt has failed for this long is paused. */
  pauseAfterMs: number;
}

/** Standard Webhooks suggests keys of 24 to 64 random bytes. */
const SECRET_BYTES = { min: 24, max: 64 };
const SECRET_COMMAND = 'echo whsec_$(openssl rand -base64 32)';

function signingKey(secret: string): Buffer | string {
  const match = /^whsec_([A-Za-z0-9+/]+={0,2})$/.exec(secret);
  if (!match || match[1]!.length % 4 !== 0) return `must be whsec_ followed by base64 (e.g. ${SECRET_COMMAND})`;
  const key = Buffer.from(match[1]!, 'base64');
  if (key.length < SECRET_BYTES.min || key.length > SECRET_BYTES.max) {
    return `must decode to ${SECRET_BYTES.min} to ${SECRET_BYTES.max} bytes, not ${key.length} (e.g. ${SECRET_COMMAND})`;
  }
  return key;
}

/**
 * WEBHOOK_SECRET: comma-separated `whsec_…` keys, so a new one can sign beside the old while a
 * receiver rotates. A malformed key refuses start (exit 78) rather than sending unsigned or
 * mis-signed requests.
 */
export const webhookSecrets = z
  .string()
  .optional()
  .transform((raw, ctx): Buffer[] => {
    const parts = (raw ?? '').split(',').map((part) => part.trim());
    const keys: Buffer[] = [];
    for (const [i, part] of parts.entries()) {
      if (part === '') continue;
      const key = signingKey(part);
      if (typeof key === 'string') {
        ctx.addIssue({ code: 'custom', message: `key ${i + 1} ${key}` });
        return z.NEVER;
      }
      keys.push(key);
    }
    return keys;
  });

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
