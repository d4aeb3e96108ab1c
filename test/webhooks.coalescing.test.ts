import { describe, expect, it } from 'vitest';
import { arrangePush, merchant } from './support/app.js';
import { buildOrder } from './support/factories.js';
import { webhookApp } from './support/webhooks.js';

async function setup() {
  const t = await webhookApp();
  const byStatus = async () => {
    const rows = await t.db.read.webhookEvent.groupBy({ by: ['status'], _count: { _all: true } });
    return Object.fromEntries(rows.map((r) => [r.status, r._count._all]));
  };
  return { ...t, byStatus };
}

/** 100 changes to one order, one push each, with the worker trying (and failing) in between. */
async function burst(s: Awaited<ReturnType<typeof setup>>, order: ReturnType<typeof buildOrder>, from: number) {
  for (let i = 1; i <= 100; i++) {
    await arrangePush(s.app, 'orders', [{ ...order, phone: `0122${String(i).padStart(7, '0')}` }]);
    await s.drain(new Date(from + i * 1_000));
  }
}

const HOUR = 3_600_000;

describe('Webhook coalescing', () => {
  it('When an order changes 100 times while the receiver is down, then at most two requests are sent once it is back, the last with the latest state', async () => {
    const s = await setup();
    const order = buildOrder({ id: 'burst-1' });
    await arrangePush(s.app, 'orders', [order]);
    await s.drain(new Date());
    const beforeOutage = s.receiver.received.length;
    const port = s.receiver.port;
    await s.receiver.stop();
    const from = Date.now();

    await burst(s, order, from);
    const recorded = await s.db.read.webhookEvent.count();
    const whileDown = await s.byStatus();
    await s.receiver.start(port);
    for (let hour = 1; hour <= 12; hour++) await s.drain(new Date(from + hour * HOUR));
    const sent = s.receiver.received.slice(beforeOutage);
    const duplicates = sent.length - new Set(sent.map((r) => r.headers['x-event-id'])).size;
    console.log(
      JSON.stringify({
        test: 'burst',
        provider: s.provider,
        recorded,
        whileDown,
        sent: sent.length,
        duplicates,
        after: await s.byStatus(),
      }),
    );

    expect(beforeOutage).toBe(2);
    expect(recorded).toBe(102);
    expect(sent.length).toBeGreaterThanOrEqual(1);
    expect(sent.length).toBeLessThanOrEqual(2);
    expect(sent.every((r) => r.path === '/hooks/orders/update')).toBe(true);
    expect(sent.at(-1)!.body).toMatchObject({ id: 'burst-1', phone: '01220000100' });
    expect(duplicates).toBe(0);
    expect(await s.byStatus()).toEqual({ delivered: 2 + sent.length, coalesced: 100 - sent.length });
  });

  it('When an order is created and changed 100 times while the receiver is down, then its create comes first and one update follows', async () => {
    const s = await setup();
    const port = s.receiver.port;
    await s.receiver.stop();
    const order = buildOrder({ id: 'burst-2' });
    const from = Date.now();
    await arrangePush(s.app, 'orders', [order]);
    await s.drain(new Date(from));

    await burst(s, order, from);
    const recorded = await s.db.read.webhookEvent.count();
    await s.receiver.start(port);
    for (let hour = 1; hour <= 12; hour++) await s.drain(new Date(from + hour * HOUR));
    console.log(
      JSON.stringify({
        test: 'create-burst',
        provider: s.provider,
        recorded,
        sent: s.receiver.received.length,
        duplicates: s.receiver.received.length - s.receiver.uniqueEventIds().size,
      }),
    );

    expect(recorded).toBe(102);
    expect(s.receiver.topicsFor('burst-2')).toEqual(['orders/create', 'orders/update']);
    expect(s.receiver.received.at(-1)!.body).toMatchObject({ phone: '01220000100' });
    expect(await s.byStatus()).toEqual({ delivered: 3, coalesced: 99 });
  });

  it('When an order is changed then deleted while the receiver is down, then the delete ends the line and nothing follows it', async () => {
    const s = await setup();
    const order = buildOrder({ id: 'burst-3' });
    await arrangePush(s.app, 'orders', [order]);
    await s.drain(new Date());
    s.receiver.respond = () => ({ status: 503 });
    const from = Date.now();

    await burst(s, order, from);
    expect((await merchant(s.app).delete('/api/orders/burst-3')).status).toBe(200);
    s.receiver.respond = () => ({ status: 200 });
    for (let hour = 1; hour <= 12; hour++) await s.drain(new Date(from + hour * HOUR));

    const topics = s.receiver.topicsFor('burst-3');
    expect(topics[0]).toBe('orders/create');
    expect(topics.at(-1)).toBe('orders/delete');
    expect(topics.filter((t) => t === 'orders/delete')).toHaveLength(1);
    expect(await s.db.read.webhookEvent.count({ where: { status: 'pending' } })).toBe(0);
  });
});
