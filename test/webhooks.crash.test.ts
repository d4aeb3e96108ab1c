import { afterEach, describe, expect, it } from 'vitest';
import { FEED_TOKEN, MERCHANT_KEY, testApp } from './support/app.js';
import { buildOrder } from './support/factories.js';
import { Receiver } from './support/receiver.js';
import { spawnService } from './support/service.js';

const receivers: Receiver[] = [];
afterEach(async () => {
  for (const r of receivers.splice(0)) await r.stop();
});

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('Webhooks across a crash', () => {
  it(
    'When the service is SIGKILLed mid-delivery and restarted, then no event is lost and duplicates share an event id',
    { timeout: 90_000 },
    async () => {
      const { db, config } = await testApp();
      const receiver = new Receiver();
      receivers.push(receiver);
      await receiver.start();
      receiver.respond = () => ({ status: 200, delayMs: 3_000 });
      const env = {
        DATABASE_URL: config.database.url,
        CONVERTEDIN_TOKEN: FEED_TOKEN,
        MERCHANT_API_KEY: MERCHANT_KEY,
        CONVERTEDIN_WEBHOOK_URL: receiver.url,
        SHOP_DOMAIN: 'shop.example.com',
        WEBHOOK_TIMEOUT_MS: '1000',
        WEBHOOK_SECRET: `whsec_${Buffer.alloc(32, 7).toString('base64')}`,
      };
      const first = await spawnService(env);
      const orders = Array.from({ length: 20 }, () => buildOrder());
      const push = await fetch(`http://127.0.0.1:${first.port}/api/orders`, {
        method: 'PUT',
        headers: { Authorization: MERCHANT_KEY, 'Content-Type': 'application/json' },
        body: JSON.stringify({ orders }),
      });
      expect(push.status).toBe(200);

      await waitFor(() => receiver.received.length > 0, 20_000, 'a delivery in flight');
      first.child.kill('SIGKILL');
      await first.exited;
      receiver.respond = () => ({ status: 200 });
      await spawnService(env);
      const recorded = await db.read.webhookEvent.count();
      await waitFor(() => receiver.uniqueEventIds().size >= recorded, 60_000, 'every event after the restart');

      await waitFor(
        async () => (await db.read.webhookEvent.count({ where: { status: 'delivered' } })) === recorded,
        20_000,
        'every event marked delivered',
      );

      const byEvent = new Map<string, Set<string>>();
      for (const r of receiver.received) {
        const id = String(r.headers['x-event-id']);
        byEvent.set(
          id,
          (byEvent.get(id) ?? new Set()).add(`${r.path} ${JSON.stringify((r.body as { id: unknown }).id)}`),
        );
      }
      const orderIds = receiver.received
        .filter((r) => r.path === '/hooks/orders/create')
        .map((r) => (r.body as { id: unknown }).id);
      const duplicates = receiver.received.length - receiver.uniqueEventIds().size;
      const attempts = await db.read.webhookAttempt.count();
      console.log(
        JSON.stringify({
          provider: config.database.provider,
          events: recorded,
          received: receiver.received.length,
          unique: receiver.uniqueEventIds().size,
          duplicates,
          attemptsRecorded: attempts,
        }),
      );

      expect(recorded).toBe(40);
      expect(receiver.uniqueEventIds().size).toBe(recorded);
      // A duplicate is a request in flight at the kill (one batch at most), sent again after the
      // restart with the same webhook-id, by which the receiver drops it.
      expect(duplicates).toBeLessThanOrEqual(20);
      for (const r of receiver.received) expect(r.headers['webhook-id']).toBe(r.headers['x-event-id']);
      expect(new Set(orderIds)).toEqual(new Set(orders.map((o) => o.id)));
      for (const subjects of byEvent.values()) expect(subjects.size).toBe(1);
    },
  );
});
