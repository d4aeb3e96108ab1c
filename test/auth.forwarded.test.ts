import request from 'supertest';
import type { Express } from 'express';
import { describe, expect, it } from 'vitest';
import { FEED_TOKEN, testApp } from './support/app.js';
import { captureLogs } from './support/logs.js';

/** Low thresholds so a test reaches them quickly; TRUST_PROXY=true lets the test choose its address. */
const THROTTLE = {
  TRUST_PROXY: 'true',
  AUTH_SLOWDOWN_AFTER: '2',
  AUTH_SLOWDOWN_MS: '0',
  AUTH_BLOCK_AFTER: '4',
  AUTH_FAILURE_WINDOW_SECONDS: '60',
};

const guess = (app: Express, forwardedFor: string, token = 'wrong-guess') =>
  request(app).post('/convertedin/orders').set('X-Forwarded-For', forwardedFor).field('token', token);

describe('Client addresses behind a trusted proxy', () => {
  it('When each wrong token comes with a different X-Forwarded-For that is no address, then they count as the connection and are logged once', async () => {
    const logs = captureLogs('info');
    const { app } = await testApp({ ...THROTTLE, LOG_LEVEL: 'info' }, { logger: logs.logger });

    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await guess(app, `${'x'.repeat(15_000)}-${i}`)).status);

    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    const warnings = logs.lines().filter((line) => /X-Forwarded-For is not an IP address/.test(line.msg));
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0]!.forwarded).length).toBeLessThanOrEqual(100);
    // Nor does each request's own line carry the 15 KB: it names the connection's address.
    await logs.find((line) => line.msg === 'request' && line.status === 429);
    const requests = logs.lines().filter((line) => line.msg === 'request');
    expect(requests).toHaveLength(6);
    for (const line of requests) expect(String(line.ip)).toMatch(/^[\d.:a-f]+$/);
  });

  it('When an IPv6 client rotates through addresses of one /64, then they share one budget', async () => {
    const { app } = await testApp(THROTTLE);

    const statuses = [];
    for (let i = 1; i <= 5; i++) statuses.push((await guess(app, `2001:db8:1:2::${i.toString(16)}:${i}`)).status);
    const otherBlock = await guess(app, '2001:db8:1:3::1', FEED_TOKEN);

    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    expect(otherBlock.status).toBe(200);
  });

  it('When an IPv4 client also arrives as its IPv4-mapped IPv6 form, then both count as one address', async () => {
    const { app } = await testApp(THROTTLE);

    const statuses = [];
    for (const address of ['203.0.113.9', '::ffff:203.0.113.9', '203.0.113.9', '::ffff:cb00:7109', '203.0.113.9']) {
      statuses.push((await guess(app, address)).status);
    }

    expect(statuses).toEqual([401, 401, 401, 401, 429]);
  });

  it('When many other addresses fail after one was refused, then the refused one stays refused', async () => {
    // A budget of about twenty entries, so a few dozen addresses overflow it.
    const { app } = await testApp({ ...THROTTLE, AUTH_THROTTLE_MAX_BYTES: '4096' });
    for (let i = 0; i < 4; i++) expect((await guess(app, '198.51.100.66')).status).toBe(401);
    expect((await guess(app, '198.51.100.66', FEED_TOKEN)).status).toBe(429);

    for (let i = 0; i < 60; i++) expect((await guess(app, `192.0.2.${i + 1}`)).status).toBe(401);
    const refused = await guess(app, '198.51.100.66', FEED_TOKEN);
    // The oldest of the others were forgotten to make room.
    const forgotten = [];
    for (let i = 0; i < 4; i++) forgotten.push((await guess(app, '192.0.2.1')).status);

    expect(refused.status).toBe(429);
    expect(forgotten).toEqual([401, 401, 401, 401]);
  });

  it('When wrong tokens are sent side by side, then they are answered as late as the same guesses sent in turn', async () => {
    const { app } = await testApp({ ...THROTTLE, AUTH_SLOWDOWN_MS: '150', AUTH_BLOCK_AFTER: '20' });

    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const res = await guess(app, '203.0.113.50');
        return [res.status, performance.now() - started] as const;
      }),
    );

    expect(answers.map(([status]) => status)).toEqual(Array(8).fill(401));
    // Two answer at once, then six wait in line 150 ms apart: the last goes out after 900 ms.
    expect(Math.max(...answers.map(([, ms]) => ms))).toBeGreaterThanOrEqual(880);
  });
});
