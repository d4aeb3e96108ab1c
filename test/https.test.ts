import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { start, type Running } from '../src/server.js';
import { FEED_TOKEN, MERCHANT_KEY, testApp, testDatabase } from './support/app.js';
import { captureLogs } from './support/logs.js';
import { expectFeedContract } from './support/feed.js';

const running: Running[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A self-signed certificate for 127.0.0.1 and localhost, made with the openssl CLI. */
function selfSignedCertificate(): { certFile: string; keyFile: string; cert: Buffer } {
  const dir = mkdtempSync(path.join(tmpdir(), 'feed-tls-'));
  dirs.push(dir);
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost'],
      ...['-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', keyFile, '-out', certFile],
    ],
    { stdio: 'ignore' },
  );
  return { certFile, keyFile, cert: readFileSync(certFile) };
}

describe('HTTPS', () => {
  it('When TLS_CERT_FILE and TLS_KEY_FILE are set, then the service speaks HTTPS with that certificate', async () => {
    const { certFile, keyFile, cert } = selfSignedCertificate();
    const database = await testDatabase();
    const logs = captureLogs();
    const r = await start(
      {
        DATABASE_URL: database.target.url,
        PORT: '0',
        TLS_CERT_FILE: certFile,
        TLS_KEY_FILE: keyFile,
        CONVERTEDIN_TOKEN: FEED_TOKEN,
        MERCHANT_API_KEY: MERCHANT_KEY,
      },
      { logDestination: logs.destination },
    );
    running.push(r);

    const page = expectFeedContract(
      'orders',
      await request(r.server).post('/convertedin/orders').ca(cert).field('token', FEED_TOKEN),
    );
    const untrusted = await request(r.server)
      .get('/health')
      .then(
        () => 'accepted',
        (error: { code?: string }) => error.code,
      );

    expect(page.status).toBe(200);
    expect(page.body.total).toBe(0);
    expect(page.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(untrusted).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(logs.text()).toContain('"scheme":"https"');
  });
});

describe('Behind a TLS-terminating proxy (TRUST_PROXY)', () => {
  it('When TRUST_PROXY names the proxy, then the client address and scheme come from X-Forwarded-*', async () => {
    const logs = captureLogs();
    const { app } = await testApp({ TRUST_PROXY: 'loopback', LOG_LEVEL: 'info' }, { logger: logs.logger });

    await request(app)
      .get('/health')
      .set('X-Forwarded-For', '203.0.113.50, 127.0.0.1')
      .set('X-Forwarded-Proto', 'https');
    const line = await logs.find((l) => l.msg === 'request');

    expect(line).toMatchObject({ ip: '203.0.113.50', scheme: 'https' });
  });

  it('When TRUST_PROXY is off, then X-Forwarded-* are ignored', async () => {
    const logs = captureLogs();
    const { app } = await testApp({ LOG_LEVEL: 'info' }, { logger: logs.logger });

    await request(app).get('/health').set('X-Forwarded-For', '203.0.113.50').set('X-Forwarded-Proto', 'https');
    const line = await logs.find((l) => l.msg === 'request');

    expect(line).toMatchObject({ ip: expect.stringMatching(/127\.0\.0\.1$/), scheme: 'http' });
  });
});
