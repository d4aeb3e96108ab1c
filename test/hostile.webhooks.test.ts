import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/observability/logger.js';
import { deliver } from '../src/webhooks/deliver.js';
import { checkWebhookDestination, isInternalAddress } from '../src/webhooks/destination.js';
import { RUNS } from './support/hostile.js';
import { internalIpv6 } from './support/hostile-edges.js';
import { Receiver } from './support/receiver.js';

const silent = createLogger('silent');
const production = {
  NODE_ENV: 'production',
  CONVERTEDIN_TOKEN: 'feed-token-0123456789',
  MERCHANT_API_KEY: 'merchant-key-0123456789',
  SHOP_DOMAIN: 'shop',
};

describe('Webhook destinations under hostile IPv6 literals', () => {
  const receiver = new Receiver();
  beforeAll(() => receiver.start());
  afterAll(() => receiver.stop());

  it('When the URL is any IPv6 spelling of an internal or non-public address, then start-up and every delivery refuse it', async () => {
    await fc.assert(
      fc.asyncProperty(internalIpv6, async (address) => {
        const url = `https://[${address}]:${receiver.port}/hooks`;
        const config = loadConfig({ ...production, CONVERTEDIN_WEBHOOK_URL: url });
        const dialled = new URL(url).hostname.slice(1, -1);

        expect(isInternalAddress(dialled)).toBe(true);
        await expect(checkWebhookDestination(config, silent)).rejects.toThrow(/internal address/);
        const outcome = await deliver({
          url: url.replace('https:', 'http:'),
          headers: {},
          body: '{}',
          timeoutMs: 1_000,
          publicOnly: true,
        });
        expect(outcome).toMatchObject({ kind: 'retry', error: `refused internal address ${dialled}` });
      }),
      RUNS,
    );
    expect(receiver.received).toEqual([]);
  });
});
