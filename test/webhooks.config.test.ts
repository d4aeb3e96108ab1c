import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/observability/logger.js';
import { checkWebhookDestination } from '../src/webhooks/destination.js';
import { isInternalAddress } from '../src/webhooks/destination.js';
import { nextAttemptAt, RETRY_AFTER_CAP_MS, RETRY_SCHEDULE_MS } from '../src/webhooks/schedule.js';

const silent = createLogger('silent');
const base = { CONVERTEDIN_TOKEN: 'feed-token-0123456789', MERCHANT_API_KEY: 'merchant-key-0123456789' };

describe('Webhook configuration', () => {
  it('When no webhook URL is set, then webhooks are off', () => {
    expect(loadConfig(base).webhooks).toMatchObject({ url: undefined, timeoutMs: 10_000, maxAgeMs: 72 * 3_600_000 });
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

  it('When attempts fail, then the wait follows the table, lengthened by at most 10 %, and a longer Retry-After wins', () => {
    const now = new Date('2026-12-05T00:00:00Z');
    const giveUpAt = new Date(now.getTime() + 72 * 3_600_000);
    const wait = (attempts: number, random: () => number, retryAfterMs?: number) =>
      nextAttemptAt({ attempts, now, giveUpAt, retryAfterMs, random })!.getTime() - now.getTime();

    expect([1, 2, 3, 4, 8, 9].map((n) => wait(n, () => 0))).toEqual([
      5_000, 300_000, 1_800_000, 7_200_000, 43_200_000, 43_200_000,
    ]);
    expect(wait(2, () => 0.999999)).toBeLessThan(330_000);
    expect(wait(2, () => 0.999999)).toBeGreaterThan(329_000);
    expect(wait(1, () => 0, 120_000)).toBe(120_000);
    expect(wait(1, () => 0, 30 * 3_600_000)).toBe(RETRY_AFTER_CAP_MS);
    expect(RETRY_AFTER_CAP_MS).toBe(24 * 3_600_000);
    expect(RETRY_SCHEDULE_MS).toHaveLength(8);
  });

  it('When a retry would fall past the window, then it comes at the window end, and after that there is none', () => {
    const giveUpAt = new Date('2026-12-08T00:00:00Z');
    const before = new Date(giveUpAt.getTime() - 3_600_000);

    expect(nextAttemptAt({ attempts: 11, now: before, giveUpAt })).toEqual(giveUpAt);
    expect(nextAttemptAt({ attempts: 12, now: giveUpAt, giveUpAt })).toBeUndefined();
  });

  it('When WEBHOOK_SECRET is set, then each comma-separated whsec_ key is decoded for signing', () => {
    const keys = [Buffer.alloc(32, 1), Buffer.alloc(24, 2)];
    const secret = keys.map((k) => `whsec_${k.toString('base64')}`).join(', ');

    expect(loadConfig({ ...base, WEBHOOK_SECRET: secret }).webhooks.secrets).toEqual(keys);
    expect(loadConfig(base).webhooks).toMatchObject({
      secrets: [],
      maxAgeMs: 72 * 3_600_000,
      pauseAfterMs: 86_400_000,
    });
  });

  it.each([
    ['no prefix', Buffer.alloc(32).toString('base64'), /WEBHOOK_SECRET: key 1 must be whsec_ followed by base64/],
    ['not base64', 'whsec_not*base64', /WEBHOOK_SECRET: key 1 must be whsec_ followed by base64/],
    [
      'too short',
      `whsec_${Buffer.alloc(8).toString('base64')}`,
      /WEBHOOK_SECRET: key 1 must decode to 24 to 64 bytes, not 8/,
    ],
  ])('When WEBHOOK_SECRET has %s, then start-up is refused naming it', (_, secret, message) => {
    expect(() => loadConfig({ ...base, NODE_ENV: 'production', WEBHOOK_SECRET: secret })).toThrow(message);
    expect(() =>
      loadConfig({ ...base, WEBHOOK_SECRET: `whsec_${Buffer.alloc(32).toString('base64')},${secret}` }),
    ).toThrow(/key 2/);
  });
});
