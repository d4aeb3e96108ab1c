import { createHmac } from 'node:crypto';

/**
 * Standard Webhooks headers for one attempt: `webhook-id` (the event's id, the same on every
 * retry), `webhook-timestamp` (this attempt, in Unix seconds) and `webhook-signature`, one
 * `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` per key, space-separated, so a receiver
 * holding either key of a rotation accepts the request. `body` is the exact string sent.
 */
export function signatureHeaders(keys: readonly Buffer[], id: string, at: Date, body: string): Record<string, string> {
  if (keys.length === 0) return {};
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const signed = `${id}.${timestamp}.${body}`;
  const signatures = keys.map((key) => `v1,${createHmac('sha256', key).update(signed).digest('base64')}`);
  return { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signatures.join(' ') };
}
