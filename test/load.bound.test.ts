import { once } from 'node:events';
import { connect, type AddressInfo, type Socket } from 'node:net';
import type { Express } from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { FEED_TOKEN, MERCHANT_KEY, testApp } from './support/app.js';
import { buildOrder } from './support/factories.js';

/** Two served at once, two in line for 400 ms: small enough to fill from a test. */
const BOUND = { MAX_CONCURRENT_REQUESTS: '2', MAX_QUEUED_REQUESTS: '2', QUEUE_TIMEOUT_MS: '400' };

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()!();
});

async function listening(app: Express): Promise<string> {
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  closers.push(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/**
 * A merchant upload that has sent its headers and half its body: it holds its place among the
 * requests in flight until `finish` sends the rest. Resolves once the server has it.
 */
async function heldUpload(base: string) {
  const body = JSON.stringify({ orders: [buildOrder()] });
  const socket: Socket = connect(Number(new URL(base).port), '127.0.0.1');
  await once(socket, 'connect');
  let answer = '';
  socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
  socket.write(
    `PUT /api/orders HTTP/1.1\r\nHost: x\r\nAuthorization: ${MERCHANT_KEY}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body.slice(0, 10)}`,
  );
  closers.push(async () => void socket.destroy());
  return {
    async finish() {
      socket.write(body.slice(10));
      await once(socket, 'close');
      return Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);
    },
  };
}

const feedOrders = (base: string) =>
  fetch(`${base}/convertedin/orders`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token: FEED_TOKEN, per_page: 1 }),
  });

const timed = async (work: () => Promise<Response>) => {
  const started = performance.now();
  const res = await work();
  return { res, ms: performance.now() - started };
};

describe('The bound on requests in flight', () => {
  it('When every place is taken, then a request waits at most QUEUE_TIMEOUT_MS and gets 503 with Retry-After, beyond the line at once', async () => {
    const { app } = await testApp(BOUND);
    const base = await listening(app);
    const held = [await heldUpload(base), await heldUpload(base)];
    await new Promise((resolve) => setTimeout(resolve, 100));

    const answers = await Promise.all(Array.from({ length: 4 }, () => timed(() => feedOrders(base))));
    const health = await fetch(`${base}/health`);

    const statuses = answers.map(({ res }) => res.status);
    expect(statuses).toEqual([503, 503, 503, 503]);
    for (const { res } of answers) {
      expect(res.headers.get('retry-after')).toBe('1');
      expect(await res.json()).toEqual({ message: 'The service is busy. Please retry shortly.' });
    }
    // Two waited their 400 ms in line; two found the line full. None waited much past the bound.
    const waits = answers.map(({ ms }) => ms).sort((a, b) => a - b);
    expect(waits[3]!).toBeGreaterThanOrEqual(380);
    expect(waits[3]!).toBeLessThan(2_000);
    expect(health.status).toBe(200);
    expect(await Promise.all(held.map((h) => h.finish()))).toEqual([200, 200]);
  });

  it('When a place frees up while a request waits, then that request is served', async () => {
    const { app } = await testApp({ ...BOUND, QUEUE_TIMEOUT_MS: '5000' });
    const base = await listening(app);
    const held = [await heldUpload(base), await heldUpload(base)];
    await new Promise((resolve) => setTimeout(resolve, 100));

    const waiting = feedOrders(base);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const first = await held[0]!.finish();
    const served = await waiting;

    expect(first).toBe(200);
    expect(served.status).toBe(200);
    expect(await held[1]!.finish()).toBe(200);
  });

  it('When requests come one after another, then the bound never refuses them', async () => {
    const { app } = await testApp(BOUND);
    const base = await listening(app);

    const statuses = [];
    for (let i = 0; i < 20; i++) statuses.push((await feedOrders(base)).status);

    expect(statuses).toEqual(Array(20).fill(200));
  });
});
