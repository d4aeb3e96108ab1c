import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { WebhookWorker } from '../src/webhooks/worker.js';
import { FEED_TOKEN, MERCHANT_KEY, arrangePush, testApp } from './support/app.js';
import { buildCustomer, buildOrder } from './support/factories.js';
import { webhookApp } from './support/webhooks.js';
import { feed } from './support/feed.js';

const setup = (env: Record<string, string> = {}) => webhookApp({ WEBHOOK_TIMEOUT_MS: '500', ...env });

/** Runs delivery rounds at a simulated time until nothing is due. */
async function drain(worker: WebhookWorker, at = new Date()) {
  while ((await worker.runOnce(at)) > 0);
}

const later = (ms: number) => new Date(Date.now() + ms);

describe('Webhook delivery', () => {
  it('When an order is pushed, then convertedin receives it in feed shape with the documented headers', async () => {
    const { app, worker, receiver } = await setup();
    const order = buildOrder({ id: 4242, customer: { id: 'c-9', first_name: 'Hana' } });
    await arrangePush(app, 'orders', [order]);

    await drain(worker);

    expect(receiver.received.map((r) => r.path).sort()).toEqual(['/hooks/customers/create', '/hooks/orders/create']);
    const sent = receiver.received.find((r) => r.path === '/hooks/orders/create')!;
    expect(sent.headers).toMatchObject({
      'content-type': 'application/json',
      token: FEED_TOKEN,
      'x-shop-domain': 'shop.example.com',
      'x-event-id': expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    const page = await feed(app, 'orders');
    expect(sent.body).toEqual(page.body.data[0]);
    const customer = receiver.received.find((r) => r.path === '/hooks/customers/create')!;
    expect(customer.body).toMatchObject({ id: 'c-9', first_name: 'Hana', orders_count: 1 });
  });

  it('When a document changes, then an update is sent; when it is pushed unchanged, then nothing is', async () => {
    const { app, worker, receiver } = await setup();
    const customer = buildCustomer({ id: 77 });
    await arrangePush(app, 'customers', [customer]);
    await arrangePush(app, 'customers', [{ ...customer, last_name: 'Changed' }]);
    await arrangePush(app, 'customers', [{ ...customer, last_name: 'Changed' }]);

    await drain(worker);

    expect(receiver.topicsFor(77)).toEqual(['customers/create', 'customers/update']);
    expect(receiver.received[1]!.body).toMatchObject({ last_name: 'Changed' });
  });

  it('When the receiver is down for a while, then every event arrives once it is back', async () => {
    const { app, worker, receiver } = await setup();
    const port = receiver.port;
    await receiver.stop();
    const orders = Array.from({ length: 5 }, () => buildOrder());
    await arrangePush(app, 'orders', orders);

    await drain(worker);
    await drain(worker, later(5_000));
    await receiver.start(port);
    await drain(worker, later(3_600_000));

    const delivered = receiver.received
      .filter((r) => r.path === '/hooks/orders/create')
      .map((r) => (r.body as { id: number }).id);
    expect(delivered.sort()).toEqual(orders.map((o) => o.id).sort());
    const list = await request(app).get('/api/webhooks/deliveries?status=pending').set('Authorization', MERCHANT_KEY);
    expect(list.body).toEqual([]);
  });

  it('When the receiver answers 503 with Retry-After, then the next attempt waits that long', async () => {
    const { app, worker, receiver } = await setup();
    receiver.respond = () => ({ status: 503, headers: { 'Retry-After': '120' } });
    await arrangePush(app, 'customers', [buildCustomer()]);
    const start = new Date();

    await worker.runOnce(start);
    const [pending] = (await request(app).get('/api/webhooks/deliveries').set('Authorization', MERCHANT_KEY)).body;
    await drain(worker, new Date(start.getTime() + 60_000));
    receiver.respond = () => ({ status: 200 });
    await drain(worker, new Date(start.getTime() + 121_000));

    expect(pending).toMatchObject({ status: 'pending', attempts: 1, last_status: 503, last_error: 'HTTP 503' });
    expect(Date.parse(pending.next_attempt_at) - start.getTime()).toBeGreaterThanOrEqual(120_000);
    expect(receiver.received).toHaveLength(2);
  });

  it('When an order is created then updated while the receiver fails, then the create still arrives first', async () => {
    const { app, worker, receiver } = await setup();
    let failures = 2;
    receiver.respond = (r) => (r.path.includes('/orders/') && failures-- > 0 ? { status: 500 } : { status: 200 });
    const order = buildOrder({ id: 'ordered-1' });
    await arrangePush(app, 'orders', [order]);
    await arrangePush(app, 'orders', [{ ...order, financial_status: 'refunded' }]);

    for (let minute = 0; minute < 10; minute++) await drain(worker, later(minute * 60_000));

    const topics = receiver.topicsFor('ordered-1');
    expect(topics).toEqual(['orders/create', 'orders/create', 'orders/create', 'orders/update']);
  });

  it('When the receiver rejects an event with 400, then it is tried a few times, marked dead, and can be replayed', async () => {
    const { app, worker, receiver } = await setup();
    receiver.respond = () => ({ status: 400 });
    await arrangePush(app, 'customers', [buildCustomer({ id: 'dead-1' })]);

    for (let hour = 0; hour < 5; hour++) await drain(worker, later(hour * 3_600_000));
    const [dead] = (await request(app).get('/api/webhooks/deliveries?status=dead').set('Authorization', MERCHANT_KEY))
      .body;
    receiver.respond = () => ({ status: 200 });
    const retry = await request(app)
      .post(`/api/webhooks/deliveries/${dead.id}/retry`)
      .set('Authorization', MERCHANT_KEY);
    await drain(worker, later(6 * 3_600_000));
    const [after] = (await request(app).get('/api/webhooks/deliveries').set('Authorization', MERCHANT_KEY)).body;

    expect(dead).toMatchObject({ topic: 'customers/create', entity_id: 'dead-1', attempts: 3, last_status: 400 });
    expect(retry.status).toBe(202);
    expect(after).toMatchObject({ status: 'delivered', attempts: 4 });
    expect(receiver.received).toHaveLength(4);
  });

  it('When the receiver keeps failing past the maximum age, then the event is dead', async () => {
    const { app, worker, receiver } = await setup({ WEBHOOK_MAX_AGE_HOURS: '1' });
    receiver.respond = () => ({ status: 502 });
    await arrangePush(app, 'customers', [buildCustomer()]);

    for (let minute = 0; minute <= 120; minute += 5) await drain(worker, later(minute * 60_000));
    const list = (await request(app).get('/api/webhooks/deliveries').set('Authorization', MERCHANT_KEY)).body;

    expect(list).toEqual([expect.objectContaining({ status: 'dead', last_status: 502 })]);
    expect(receiver.received.length).toBeGreaterThan(3);
  });

  it('When the receiver hangs, then the request times out and is retried', async () => {
    const { app, worker, receiver } = await setup();
    receiver.respond = () => ({ status: 200, delayMs: 2_000 });
    await arrangePush(app, 'customers', [buildCustomer()]);

    await worker.runOnce();
    const [event] = (await request(app).get('/api/webhooks/deliveries').set('Authorization', MERCHANT_KEY)).body;

    expect(event).toMatchObject({ status: 'pending', attempts: 1, last_error: 'timed out after 500 ms' });
  });

  it('When delivered events are older than the retention, then they are pruned and others kept', async () => {
    const { app, worker, receiver } = await setup({ WEBHOOK_RETENTION_HOURS: '1' });
    await arrangePush(app, 'customers', [buildCustomer()]);
    await drain(worker);
    receiver.respond = () => ({ status: 500 });
    await arrangePush(app, 'customers', [buildCustomer()]);
    await drain(worker);

    const pruned = await worker.prune(later(2 * 3_600_000));
    const left = (await request(app).get('/api/webhooks/deliveries').set('Authorization', MERCHANT_KEY)).body;

    expect(pruned).toBe(1);
    expect(left).toEqual([expect.objectContaining({ status: 'pending' })]);
  });

  it('When webhooks are not configured, then changes record no events', async () => {
    const { app, db } = await testApp();

    await arrangePush(app, 'orders', [buildOrder(), buildOrder()]);

    expect(await db.read.webhookEvent.count()).toBe(0);
  });
});

describe('GET /api/webhooks/deliveries', () => {
  it('When filtered by status and entity, then only matching events are listed', async () => {
    const { app, worker } = await setup();
    await arrangePush(app, 'orders', [buildOrder({ customer: { id: 'f-1' } })]);
    await drain(worker);
    await arrangePush(app, 'customers', [buildCustomer({ id: 'f-2' })]);

    const pendingCustomers = await request(app)
      .get('/api/webhooks/deliveries?status=pending&entity=customers')
      .set('Authorization', MERCHANT_KEY);
    const delivered = await request(app)
      .get('/api/webhooks/deliveries?status=delivered&count=true')
      .set('Authorization', MERCHANT_KEY);

    expect(pendingCustomers.body.map((e: { entity_id: unknown }) => e.entity_id)).toEqual(['f-2']);
    expect(delivered.body).toEqual({ count: 2 });
  });

  it.each(['status=lost', 'entity=widgets', 'limit=0'])('When the query has %s, then 422', async (query) => {
    const { app } = await setup();

    const res = await request(app).get(`/api/webhooks/deliveries?${query}`).set('Authorization', MERCHANT_KEY);

    expect(res.status).toBe(422);
  });

  it('When an unknown event is retried, then 404; without the key, then 401', async () => {
    const { app } = await setup();

    const missing = await request(app).post('/api/webhooks/deliveries/nope/retry').set('Authorization', MERCHANT_KEY);
    const anonymous = await request(app).get('/api/webhooks/deliveries');

    expect([missing.status, anonymous.status]).toEqual([404, 401]);
  });
});
