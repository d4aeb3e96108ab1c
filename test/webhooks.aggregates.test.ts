import { describe, expect, it } from 'vitest';
import { arrangePush, merchant } from './support/app.js';
import { buildCustomer, buildOrder } from './support/factories.js';
import { webhookApp } from './support/webhooks.js';

async function setup() {
  const t = await webhookApp();
  const drain = () => t.drain();
  /** Topics recorded since the last drain, as the operator API lists them (oldest first). */
  const recorded = async () =>
    (await merchant(t.app).get('/api/webhooks/deliveries?status=pending')).body
      .map((e: { topic: string; entity_id: unknown }) => `${e.topic} ${e.entity_id}`)
      .reverse();
  return { ...t, drain, recorded };
}

/** A customer with one order in `financial_status`, both already delivered. */
async function customerWithOrder(s: Awaited<ReturnType<typeof setup>>, financial_status: 'processing' | 'successful') {
  const customer = buildCustomer({ id: 'agg-1' });
  await arrangePush(s.app, 'customers', [customer]);
  const order = buildOrder({ id: 9001, customer: { id: 'agg-1' }, financial_status, total_price: '110.50' });
  await arrangePush(s.app, 'orders', [order]);
  await s.drain();
  s.receiver.received.length = 0;
  return order;
}

describe('Customer aggregates in webhooks', () => {
  it('When an order becomes successful, then a customers/update with the new totals is recorded with it', async () => {
    const s = await setup();
    const order = await customerWithOrder(s, 'processing');

    await arrangePush(s.app, 'orders', [{ ...order, financial_status: 'successful' }]);
    const recorded = await s.recorded();
    await s.drain();

    expect(recorded).toEqual(['orders/update 9001', 'customers/update agg-1']);
    expect(s.receiver.received.find((r) => r.path === '/hooks/customers/update')!.body).toMatchObject({
      id: 'agg-1',
      orders_count: 1,
      total_spent: 110.5,
    });
  });

  it('When a successful order is deleted, then a customers/update with the lowered totals is recorded with it', async () => {
    const s = await setup();
    await customerWithOrder(s, 'successful');

    expect((await merchant(s.app).delete('/api/orders/9001')).status).toBe(200);
    const recorded = await s.recorded();
    await s.drain();

    expect(recorded).toEqual(['orders/delete 9001', 'customers/update agg-1']);
    expect(s.receiver.received.find((r) => r.path === '/hooks/customers/update')!.body).toMatchObject({
      orders_count: 0,
      total_spent: 0,
    });
  });

  it('When an order moves to another customer, then both customers are updated', async () => {
    const s = await setup();
    const order = await customerWithOrder(s, 'successful');
    await arrangePush(s.app, 'customers', [buildCustomer({ id: 'agg-2' })]);
    await s.drain();

    await arrangePush(s.app, 'orders', [{ ...order, customer: { id: 'agg-2' } }]);

    expect(await s.recorded()).toEqual(['orders/update 9001', 'customers/update agg-1', 'customers/update agg-2']);
  });

  it('When an order changes nothing its customer counts, or is deleted without having counted, then no customer event is recorded', async () => {
    const s = await setup();
    const order = await customerWithOrder(s, 'processing');
    const customerEvents = () => s.db.read.webhookEvent.count({ where: { entity: 'customers' } });
    const before = await customerEvents();

    await arrangePush(s.app, 'orders', [{ ...order, phone: '01000000001' }]);
    await arrangePush(s.app, 'orders', [{ ...order, phone: '01000000001', total_price: '99' }]);
    expect((await merchant(s.app).delete('/api/orders/9001')).status).toBe(200);

    // Two order updates (the first coalesced into the second) and the delete; nothing for the customer.
    expect(await s.db.read.webhookEvent.count({ where: { entity: 'orders', action: { not: 'create' } } })).toBe(3);
    expect(await customerEvents()).toBe(before);
  });

  it('When an order arrives with a new customer, then the customer is announced once, by its create', async () => {
    const s = await setup();

    await arrangePush(s.app, 'orders', [buildOrder({ id: 9002, customer: { id: 'agg-3' } })]);

    expect(await s.recorded()).toEqual(['orders/create 9002', 'customers/create agg-3']);
  });
});
