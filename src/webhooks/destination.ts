import { BlockList, isIP } from 'node:net';
import { lookup } from 'node:dns/promises';
import type { Config } from '../config.js';
import type { Logger } from '../observability/logger.js';

/**
 * Addresses a webhook must not reach in production: loopback, private, link-local, carrier-grade
 * NAT and unspecified ranges, so a mistaken or malicious URL cannot make the service call into
 * the network it runs in.
 */
const internal = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const) {
  internal.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const) {
  internal.addSubnet(network, prefix, 'ipv6');
}

export function isInternalAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return internal.check(mapped[1]!, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return internal.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Resolves the URL's host and refuses it when any of its addresses is internal. */
async function assertPublicDestination(url: string): Promise<void> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [{ address: host }] : await lookup(host, { all: true });
  const bad = addresses.find((a) => isInternalAddress(a.address));
  if (bad) {
    throw new Error(
      `CONVERTEDIN_WEBHOOK_URL resolves to ${bad.address}, an internal address (set WEBHOOK_ALLOW_PRIVATE=true to allow)`,
    );
  }
}

/** In production a webhook URL must not point into the service's own network. */
export async function checkWebhookDestination(config: Config, logger: Logger): Promise<void> {
  const { url, allowPrivate } = config.webhooks;
  if (!url || allowPrivate || config.nodeEnv !== 'production') return;
  try {
    await assertPublicDestination(url);
  } catch (error) {
    const message = (error as Error).message;
    // An internal address is a configuration error; a name that does not resolve yet is checked
    // again on every delivery.
    if (/internal address/.test(message)) throw new WebhookDestinationError(message);
    logger.warn({ err: { message } }, 'webhook destination could not be resolved at start');
  }
}

export class WebhookDestinationError extends Error {
  override name = 'WebhookDestinationError';
}
