import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { describe, expect, it } from 'vitest';
import { FEED_TOKEN, MERCHANT_KEY, testApp } from './support/app.js';

/** `{"orders": [[[...]]]}` nested `depth` levels: 80 KB at 40,000 levels. */
const deepBody = (depth: number, key = 'orders') => `{"${key}":${'['.repeat(depth)}${']'.repeat(depth)}}`;

/** The app on a real port, so one slow request and /health share the one event loop as in production. */
async function listening(app: Express) {
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('Deeply nested JSON bodies', () => {
  it('When a merchant body is nested 40,000 levels deep, then it is refused with 400 at once while /health answers', async () => {
    const { app } = await testApp();
    const { base, close } = await listening(app);
    try {
      const started = performance.now();
      const deep = fetch(`${base}/api/orders`, {
        method: 'PUT',
        headers: { Authorization: MERCHANT_KEY, 'Content-Type': 'application/json' },
        body: deepBody(40_000),
      });
      const health = await fetch(`${base}/health`);
      const healthMs = performance.now() - started;
      const res = await deep;
      const deepMs = performance.now() - started;

      expect(health.status).toBe(200);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ message: 'The JSON body is nested deeper than 32 levels.' });
      // Generous bounds: before the fix the deep body held the event loop for over ten seconds.
      expect(healthMs).toBeLessThan(2_000);
      expect(deepMs).toBeLessThan(2_000);
    } finally {
      await close();
    }
  });

  it('When a body is nested exactly 32 levels, then it reaches validation (422), and 33 levels is a 400', async () => {
    const { app } = await testApp();
    const { base, close } = await listening(app);
    try {
      // The outer object is level 1, so 31 arrays inside it make 32.
      const put = (body: string) =>
        fetch(`${base}/api/orders`, {
          method: 'PUT',
          headers: { Authorization: MERCHANT_KEY, 'Content-Type': 'application/json' },
          body,
        });
      const atLimit = await put(deepBody(31));
      const beyond = await put(deepBody(32));
      // Brackets inside strings are text, not nesting.
      const inText = await put(JSON.stringify({ orders: [{ id: '['.repeat(100) }] }));

      expect(atLimit.status).toBe(422);
      expect(beyond.status).toBe(400);
      expect(inText.status).toBe(422);
    } finally {
      await close();
    }
  });

  it('When a JSON feed body is nested deeply, then it is refused with 400 before the token is checked', async () => {
    const { app } = await testApp();
    const { base, close } = await listening(app);
    try {
      const res = await fetch(`${base}/convertedin/orders`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: `{"token":"${FEED_TOKEN}","page":${'['.repeat(5_000)}${']'.repeat(5_000)}}`,
      });

      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ message: 'The JSON body is nested deeper than 32 levels.' });
    } finally {
      await close();
    }
  });
});
