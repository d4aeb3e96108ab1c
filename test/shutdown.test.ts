import http from 'node:http';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { openDb } from '../src/db/client.js';
import { MERCHANT_KEY, testDatabase } from './support/app.js';
import { buildOrder } from './support/factories.js';
import { spawnService } from './support/service.js';

/** Whether a new TCP connection to the port is accepted. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function untilRefused(port: number): Promise<boolean> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (!(await accepts(port))) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

/**
 * Starts `PUT /api/orders` with `Expect: 100-continue` and holds its body back. The server's
 * 100 Continue proves the request reached the handler, so it is in flight from then on.
 */
async function startHeldPush(port: number, body: string) {
  const req = http.request({
    port,
    host: '127.0.0.1',
    method: 'PUT',
    path: '/api/orders',
    headers: {
      Authorization: MERCHANT_KEY,
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body),
      Expect: '100-continue',
    },
  });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.once('response', (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
      res.on('error', reject);
    });
    req.once('error', reject);
  });
  response.catch(() => undefined);
  await new Promise<void>((resolve) => req.once('continue', () => resolve()));
  req.flushHeaders();
  return { finish: () => req.end(body), response };
}

describe('Graceful shutdown', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'When %s arrives during a request, then new connections are refused, the request completes and the exit code is 0',
    async (signal) => {
      const database = await testDatabase();
      const service = await spawnService({ DATABASE_URL: database.target.url, SHUTDOWN_TIMEOUT_MS: '10000' });
      const order = buildOrder();
      const push = await startHeldPush(service.port, JSON.stringify({ orders: [order] }));

      service.child.kill(signal);
      const refused = await untilRefused(service.port);
      push.finish();
      const res = await push.response;
      const exit = await service.exited;

      expect(refused).toBe(true);
      expect(res).toEqual({ status: 200, body: '{"Modified":1}' });
      expect(exit).toEqual({ code: 0, signal: null });
      expect(service.output()).toContain('"msg":"stopped"');
      const db = await openDb(database.target);
      try {
        expect(await db.read.order.count()).toBe(1);
      } finally {
        await db.close();
      }
    },
    60_000,
  );

  it('When a request outlives SHUTDOWN_TIMEOUT_MS, then it is cut and the process still exits 0', async () => {
    const database = await testDatabase();
    const service = await spawnService({ DATABASE_URL: database.target.url, SHUTDOWN_TIMEOUT_MS: '300' });
    const push = await startHeldPush(service.port, JSON.stringify({ orders: [buildOrder()] }));

    service.child.kill('SIGTERM');
    const outcome = await push.response.then(
      () => 'answered',
      (error: { code?: string }) => error.code,
    );
    const exit = await service.exited;

    expect(outcome).toBe('ECONNRESET');
    expect(exit).toEqual({ code: 0, signal: null });
    expect(service.output()).toContain('cut requests still running');
  }, 60_000);
});
