import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';

const base = { CONVERTEDIN_TOKEN: 'feed-token', MERCHANT_API_KEY: 'merchant-key' };

describe('Configuration', () => {
  it('When only the secrets are set, then the documented defaults apply', () => {
    const config = loadConfig(base);

    expect(config).toMatchObject({
      port: 3000,
      storeTimeZone: 'UTC',
      feedMaxPerPage: 1000,
      migrateOnStart: true,
      database: { provider: 'sqlite', url: 'file:./data/convertedin-feed.db' },
      feedTokens: ['feed-token'],
      merchantKeys: ['merchant-key'],
    });
  });

  it('When a variable is set to an empty string, then its default applies', () => {
    const config = loadConfig({ ...base, PORT: '', STORE_TIMEZONE: ' ', DATABASE_URL: '' });

    expect(config).toMatchObject({ port: 3000, storeTimeZone: 'UTC', database: { provider: 'sqlite' } });
  });

  it.each(['CONVERTEDIN_TOKEN', 'MERCHANT_API_KEY'])(
    'When %s still holds a change-me placeholder in production, then start-up is refused with a hint',
    (name) => {
      const env = {
        NODE_ENV: 'production',
        CONVERTEDIN_TOKEN: 'a'.repeat(24),
        MERCHANT_API_KEY: 'b'.repeat(24),
        [name]: 'change-me-to-a-long-random-token',
      };

      expect(() => loadConfig(env)).toThrow(
        `${name}: still holds the example's placeholder: generate a secret, e.g. with openssl rand -hex 24`,
      );
    },
  );

  it('When only the secrets are set, then the hardening defaults apply', () => {
    const config = loadConfig(base);

    expect(config).toMatchObject({
      logLevel: 'info',
      metrics: { port: undefined, host: '127.0.0.1' },
      trustProxy: false,
      tls: undefined,
      shutdownTimeoutMs: 15_000,
      authThrottle: { windowMs: 900_000, slowdownAfter: 5, slowdownMs: 1_000, blockAfter: 20 },
      pool: { maxConnections: 10, connectTimeoutMs: 5_000, statementTimeoutMs: 15_000 },
    });
  });

  it.each([
    ['true', true],
    ['2', 2],
    ['loopback, 10.0.0.0/8, 2001:db8::1', ['loopback', '10.0.0.0/8', '2001:db8::1']],
  ])('When TRUST_PROXY is %s, then express is given %j', (raw, expected) => {
    expect(loadConfig({ ...base, TRUST_PROXY: raw }).trustProxy).toEqual(expected);
  });

  it('When secrets are comma-separated, then each is accepted for rotation', () => {
    const config = loadConfig({ CONVERTEDIN_TOKEN: ' a-token , b-token ,', MERCHANT_API_KEY: 'k1,k2' });

    expect([config.feedTokens, config.merchantKeys]).toEqual([
      ['a-token', 'b-token'],
      ['k1', 'k2'],
    ]);
  });

  it.each([
    ['postgresql://u@db:5432/shop', 'postgresql'],
    ['postgres://u@db/shop', 'postgresql'],
    ['file:/var/lib/feed/feed.db', 'sqlite'],
  ])('When DATABASE_URL is %s, then the provider is %s', (url, provider) => {
    expect(loadConfig({ ...base, DATABASE_URL: url }).database).toEqual({ provider, url });
  });

  it.each([
    ['CONVERTEDIN_TOKEN', { MERCHANT_API_KEY: 'k' }, 'is required'],
    ['MERCHANT_API_KEY', { CONVERTEDIN_TOKEN: 't' }, 'is required'],
    ['CONVERTEDIN_TOKEN', { ...base, CONVERTEDIN_TOKEN: ' , ' }, 'at least one'],
    ['PORT', { ...base, PORT: 'eighty' }, 'whole number'],
    ['PORT', { ...base, PORT: '70000' }, 'at most 65535'],
    ['STORE_TIMEZONE', { ...base, STORE_TIMEZONE: 'Mars/Olympus' }, 'IANA'],
    ['FEED_MAX_PER_PAGE', { ...base, FEED_MAX_PER_PAGE: '0' }, 'at least 1'],
    ['DATABASE_URL', { ...base, DATABASE_URL: 'mysql://root@localhost/test' }, 'file:'],
    ['NODE_ENV', { ...base, NODE_ENV: 'staging' }, ''],
    ['MIGRATE_ON_START', { ...base, MIGRATE_ON_START: 'yes' }, ''],
    ['LOG_LEVEL', { ...base, LOG_LEVEL: 'verbose' }, 'one of'],
    ['METRICS_PORT', { ...base, METRICS_PORT: '9x' }, 'whole number'],
    ['METRICS_HOST', { ...base, METRICS_HOST: 'localhost' }, 'IP address'],
    ['TRUST_PROXY', { ...base, TRUST_PROXY: 'loopback, not-an-ip' }, 'not-an-ip'],
    ['TRUST_PROXY', { ...base, TRUST_PROXY: '10.0.0.0/33' }, '10.0.0.0/33'],
    [
      'TLS_CERT_FILE',
      { ...base, TLS_CERT_FILE: '/nonexistent/cert.pem', TLS_KEY_FILE: '/nonexistent/key.pem' },
      'cannot read',
    ],
    ['TLS_KEY_FILE', { ...base, TLS_CERT_FILE: 'package.json' }, 'required when'],
    [
      'AUTH_BLOCK_AFTER',
      { ...base, AUTH_SLOWDOWN_AFTER: '10', AUTH_BLOCK_AFTER: '10' },
      'greater than AUTH_SLOWDOWN_AFTER',
    ],
    ['DATABASE_STATEMENT_TIMEOUT_MS', { ...base, DATABASE_STATEMENT_TIMEOUT_MS: '5' }, 'at least 100'],
  ])('When %s is bad, then start-up fails naming it', (name, env, fragment) => {
    expect(() => loadConfig(env)).toThrow(new RegExp(`${name}: .*${fragment}`));
  });

  it('When in production with a short token or key, then both are refused', () => {
    const run = () =>
      loadConfig({
        NODE_ENV: 'production',
        CONVERTEDIN_TOKEN: 'short',
        MERCHANT_API_KEY: 'long-enough-key-0000, tiny',
      });

    expect(run).toThrow(/CONVERTEDIN_TOKEN: every value must be at least 16 characters/);
    expect(run).toThrow(/MERCHANT_API_KEY: every value must be at least 16 characters/);
  });

  it('When the process starts without a token, then it exits non-zero naming the variable and not echoing secrets', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH, MERCHANT_API_KEY: 'super-secret-merchant-key' },
      encoding: 'utf8',
      timeout: 20_000,
    });

    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('CONVERTEDIN_TOKEN: is required');
    expect(result.stderr + result.stdout).not.toContain('super-secret-merchant-key');
  });
});
