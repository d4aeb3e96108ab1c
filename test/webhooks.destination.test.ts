import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/observability/logger.js';
import { deliver } from '../src/webhooks/deliver.js';
import { checkWebhookDestination, isInternalAddress } from '../src/webhooks/destination.js';
import { Receiver } from './support/receiver.js';

const silent = createLogger('silent');
const production = {
  NODE_ENV: 'production',
  CONVERTEDIN_TOKEN: 'feed-token-0123456789',
  MERCHANT_API_KEY: 'merchant-key-0123456789',
  SHOP_DOMAIN: 'shop',
};

const receivers: Receiver[] = [];
afterEach(async () => {
  while (receivers.length > 0) await receivers.pop()!.stop();
});

describe('Webhook destinations', () => {
  it.each([
    ['IPv4-compatible loopback', 'https://[::127.0.0.1]/hooks'],
    ['IPv4-translated loopback', 'https://[::ffff:0:7f00:1]/hooks'],
    ['NAT64 of loopback', 'https://[64:ff9b::7f00:1]/hooks'],
    ['6to4 of loopback', 'https://[2002:7f00:1::]/hooks'],
    ['site-local', 'https://[fec0::1]/hooks'],
    ['multicast', 'https://[ff02::1]/hooks'],
    ['IPv4 multicast', 'https://224.0.0.1/hooks'],
    ['broadcast', 'https://255.255.255.255/hooks'],
    ['benchmarking', 'https://198.18.0.1/hooks'],
    ['IPv4 documentation', 'https://192.0.2.10/hooks'],
    ['IPv6 documentation', 'https://[2001:db8::1]/hooks'],
    ['Teredo', 'https://[2001::1]/hooks'],
    ['discard-only', 'https://[100::1]/hooks'],
  ])('When in production the URL is %s (%s), then start-up refuses it', async (_, url) => {
    const config = loadConfig({ ...production, CONVERTEDIN_WEBHOOK_URL: url });

    await expect(checkWebhookDestination(config, silent)).rejects.toThrow(/internal address/);
  });

  it.each(['8.8.8.8', '1.1.1.1', '2606:4700::1111', '2a00:1450:4001:80b::200e', '::ffff:8.8.8.8'])(
    'When the address is the global unicast %s, then it is allowed',
    (address) => {
      expect(isInternalAddress(address)).toBe(false);
    },
  );

  it.each(['not-an-address', '', '1.2.3', '::ffff:127.0.0.1', 'fe80::1%eth0'])(
    'When the address is %s, then it is not allowed',
    (address) => {
      expect(isInternalAddress(address)).toBe(true);
    },
  );

  it('When a delivery with publicOnly names a literal loopback address, then it never connects', async () => {
    const receiver = new Receiver();
    await receiver.start();
    receivers.push(receiver);

    const outcome = await deliver({
      url: receiver.url,
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
      timeoutMs: 2_000,
      publicOnly: true,
    });
    const allowed = await deliver({
      url: receiver.url,
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
      timeoutMs: 2_000,
      publicOnly: false,
    });

    expect(outcome).toMatchObject({ kind: 'retry', error: 'refused internal address 127.0.0.1' });
    expect(allowed).toMatchObject({ kind: 'delivered', status: 200 });
    expect(receiver.received).toHaveLength(1);
  });
});
