import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/observability/logger.js';
import { checkWebhookDestination } from '../src/webhooks/destination.js';
import { isInternalAddress } from '../src/webhooks/destination.js';
import { retryDelayMs } from '../src/webhooks/backoff.js';

const silent = createLogger('silent');
const base = { CONVERTEDIN_TOKEN: 'feed-token-0123456789', MERCHANT_API_KEY: 'merchant-key-0123456789' };

describe('Webhook configuration', () => {
  it('When no webhook URL is set, then webhooks are off', () => {
    expect(loadConfig(base).webhooks).toMatchObject({ url: undefined, timeoutMs: 10_000, maxAgeMs: 24 * 3_600_000 });
  });

  it('When a webhook URL is set without SHOP_DOMAIN, then start-up fails naming it', () => {
    expect(() => loadConfig({ ...base, CONVERTEDIN_WEBHOOK_URL: 'https://app.converted.in/api/webhooks/api' })).toThrow(
      /SHOP_DOMAIN: is required when CONVERTEDIN_WEBHOOK_URL is set/,
    );
  });

  it.each(['ftp://example.com/hooks', 'not a url', '/relative/path'])(
    'When the URL is %s, then it is refused',
    (url) => {
      expect(() => loadConfig({ ...base, CONVERTEDIN_WEBHOOK_URL: url, SHOP_DOMAIN: 'shop' })).toThrow(
        /CONVERTEDIN_WEBHOOK_URL: must be an absolute http\(s\) URL/,
      );
    },
  );

  it('When in production with a plain http URL, then it is refused', () => {
    const env = {
      ...base,
      NODE_ENV: 'production',
      CONVERTEDIN_WEBHOOK_URL: 'http://hooks.example.com',
      SHOP_DOMAIN: 's',
    };

    expect(() => loadConfig(env)).toThrow(/CONVERTEDIN_WEBHOOK_URL: must use https in production/);
  });

  it.each([
    'https://127.0.0.1/hooks',
    'https://10.1.2.3/hooks',
    'https://[::1]/hooks',
    'https://169.254.169.254/latest',
    'https://localhost/x',
  ])('When in production the URL %s resolves to an internal address, then start-up is refused', async (url) => {
    const config = loadConfig({ ...base, NODE_ENV: 'production', CONVERTEDIN_WEBHOOK_URL: url, SHOP_DOMAIN: 's' });

    await expect(checkWebhookDestination(config, silent)).rejects.toThrow(/internal address/);
  });

  it('When WEBHOOK_ALLOW_PRIVATE=true, then an internal address is accepted', async () => {
    const config = loadConfig({
      ...base,
      NODE_ENV: 'production',
      CONVERTEDIN_WEBHOOK_URL: 'https://127.0.0.1:8443/hooks',
      SHOP_DOMAIN: 's',
      WEBHOOK_ALLOW_PRIVATE: 'true',
    });

    await expect(checkWebhookDestination(config, silent)).resolves.toBeUndefined();
  });

  it.each([
    ['127.0.0.1', true],
    ['10.0.0.8', true],
    ['172.20.1.1', true],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['::1', true],
    ['fe80::1', true],
    ['fd12::1', true],
    ['::ffff:127.0.0.1', true],
    ['8.8.8.8', false],
    ['172.32.0.1', false],
    ['2606:4700::1111', false],
  ])('When the address is %s, then internal is %s', (address, internal) => {
    expect(isInternalAddress(address)).toBe(internal);
  });

  it('When attempts grow, then the delay doubles with jitter, is capped, and honours a longer Retry-After', () => {
    const low = () => 0;
    const high = () => 0.999999;

    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, undefined, low))).toEqual([500, 1_000, 2_000, 4_000]);
    expect(retryDelayMs(3, undefined, high)).toBeLessThan(4_000);
    expect(retryDelayMs(40, undefined, high)).toBeLessThanOrEqual(3_600_000);
    expect(retryDelayMs(1, 120_000, low)).toBe(120_000);
    expect(retryDelayMs(1, 10 * 3_600_000, low)).toBe(3_600_000);
  });
});
