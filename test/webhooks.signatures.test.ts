import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { FEED_TOKEN, arrangePush } from './support/app.js';
import { buildCustomer, buildOrder } from './support/factories.js';
import type { Received } from './support/receiver.js';
import { webhookApp } from './support/webhooks.js';

const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

/** What standardwebhooks makes of a request: the parsed body, or the error it throws. */
function verify(secret: string, r: Received, raw = r.raw): unknown {
  try {
    return new Webhook(secret).verify(raw, r.headers as Record<string, string>);
  } catch (error) {
    return (error as Error).message;
  }
}

describe('Webhook signatures (Standard Webhooks)', () => {
  it('When WEBHOOK_SECRET is set, then every request verifies with standardwebhooks and keeps convertedin headers', async () => {
    const secret = newSecret();
    const { app, receiver, drain } = await webhookApp({ WEBHOOK_SECRET: secret });
    await arrangePush(app, 'orders', [buildOrder({ customer: { id: 'sig-1' } })]);

    await drain();

    expect(receiver.received).toHaveLength(2);
    for (const r of receiver.received) {
      expect(verify(secret, r)).toEqual(r.body);
      expect(r.headers).toMatchObject({ token: FEED_TOKEN, 'x-shop-domain': 'shop.example.com' });
      expect(r.headers['webhook-id']).toBe(r.headers['x-event-id']);
      expect(r.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    }
    expect(verify(secret, receiver.received[0]!, receiver.received[0]!.raw.replace('sig-1', 'sig-2'))).toBe(
      'No matching signature found',
    );
    expect(verify(newSecret(), receiver.received[0]!)).toBe('No matching signature found');
  });

  it('When two secrets are set for rotation, then each signs and a receiver holding either one verifies', async () => {
    const [old, next] = [newSecret(), newSecret()];
    const { app, receiver, drain } = await webhookApp({ WEBHOOK_SECRET: `${old},${next}` });
    await arrangePush(app, 'customers', [buildCustomer()]);

    await drain();

    const [r] = receiver.received;
    expect(String(r!.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verify(old, r!)).toEqual(r!.body);
    expect(verify(next, r!)).toEqual(r!.body);
    expect(verify(newSecret(), r!)).toBe('No matching signature found');
  });

  it('When an event is retried, then webhook-id stays and webhook-timestamp is the time of that attempt', async () => {
    const secret = newSecret();
    const { app, receiver, drain } = await webhookApp({ WEBHOOK_SECRET: secret });
    let failures = 1;
    receiver.respond = () => (failures-- > 0 ? { status: 500 } : { status: 200 });
    await arrangePush(app, 'customers', [buildCustomer()]);
    const first = new Date();
    const second = new Date(first.getTime() + 6_000);

    await drain(first);
    await drain(second);

    const [a, b] = receiver.received;
    expect(receiver.received).toHaveLength(2);
    expect(b!.headers['webhook-id']).toBe(a!.headers['webhook-id']);
    expect([a!.headers['webhook-timestamp'], b!.headers['webhook-timestamp']]).toEqual(
      [first, second].map((at) => String(Math.floor(at.getTime() / 1000))),
    );
    expect(verify(secret, b!)).toEqual(b!.body);
  });

  it('When no secret is set, then requests carry no signature headers', async () => {
    const { app, receiver, drain } = await webhookApp({});
    await arrangePush(app, 'customers', [buildCustomer()]);

    await drain();

    expect(receiver.received).toHaveLength(1);
    expect(Object.keys(receiver.received[0]!.headers).filter((h) => h.startsWith('webhook-'))).toEqual([]);
  });
});
