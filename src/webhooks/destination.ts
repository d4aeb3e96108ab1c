import { isIP } from 'node:net';
import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
import type { Config } from '../config.js';
import type { Logger } from '../observability/logger.js';

/**
 * Whether a webhook must not reach this address in production. Only global unicast passes:
 * ipaddr.js names every special range (loopback, private, link- and site-local, carrier-grade
 * NAT, multicast, broadcast, benchmarking, documentation, and IPv6 forms that carry an IPv4
 * address such as NAT64, 6to4 and Teredo), and `process` reads an IPv4-mapped IPv6 address as
 * the IPv4 address it carries. Anything that is not an address is refused.
 */
export function isInternalAddress(address: string): boolean {
  if (isIP(address) === 0) return true;
  try {
    const parsed = ipaddr.process(address);
    // ipaddr.js leaves the deprecated IPv4-compatible block ::/96 as unicast; URL writes
    // [::127.0.0.1] as [::7f00:1], in it. No public host lives there.
    if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).parts.slice(0, 6).every((part) => part === 0)) return true;
    return parsed.range() !== 'unicast';
  } catch {
    return true;
  }
}

/** The URL's host when it is an IP literal (brackets removed), for the checks that skip DNS. */
export const literalHost = (url: URL): string | undefined => {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return isIP(host) ? host : undefined;
};

/** Resolves the URL's host and refuses it when any of its addresses is internal. */
async function assertPublicDestination(url: string): Promise<void> {
  const parsed = new URL(url);
  const literal = literalHost(parsed);
  const addresses = literal ? [{ address: literal }] : await lookup(parsed.hostname, { all: true });
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
