import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { start, type Running } from '../src/server.js';
import { WebhookWorker } from '../src/webhooks/worker.js';
import { FEED_TOKEN, MERCHANT_KEY, arrangePush, merchant, testApp, testDatabase } from './support/app.js';
import { buildCustomer } from './support/factories.js';
import { captureLogs } from './support/logs.js';
import { Receiver } from './support/receiver.js';

const HOUR = 3_600_000;
const running: Running[] = [];
const receivers: Receiver[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.stop();
  for (const r of receivers.splice(0)) await r.stop();
});

/** The real server (for /metrics as deployed) with its worker off, and a worker the test drives. */
async function setup() {
  const receiver = new Receiver();
  receivers.push(receiver);
  await receiver.start();
  const database = await testDatabase();
  const r = await start({
    DATABASE_URL: database.target.url,
    PORT: '0',
    LOG_LEVEL: 'silent',
    CONVERTEDIN_TOKEN: FEED_TOKEN,
    MERCHANT_API_KEY: MERCHANT_KEY,
    CONVERTEDIN_WEBHOOK_URL: receiver.url,
    SHOP_DOMAIN: 'shop.example.com',
    WEBHOOK_WORKER: 'false',
  });
  running.push(r);
  const logs = captureLogs('info');
  const worker = new WebhookWorker({ db: r.db, config: r.config, logger: logs.logger });
  const drain = async (at: Date) => {
    while ((await worker.runOnce(at)) > 0);
  };
  const paused = async () => {
    const metrics = await request(r.server).get('/metrics').set('Authorization', MERCHANT_KEY);
    return /^webhook_endpoint_paused (\d)$/m.exec(metrics.text)?.[1];
  };
  const pending = async () =>
    (await merchant(r.server as never).get('/api/webhooks/deliveries?status=pending&count=true')).body.count;
  return { app: r.server as never, receiver, logs, drain, paused, pending };
}

/** Drives the clock to each attempt the one event schedules, up to `hours` after `from`. */
async function failFor(hours: number, s: Awaited<ReturnType<typeof setup>>, from: number) {
  let at = from;
  while (at <= from + hours * HOUR) {
    await s.drain(new Date(at));
    const [event] = (await merchant(s.app).get('/api/webhooks/deliveries')).body;
    const next = Date.parse(event.next_attempt_at);
    // Paused, the event keeps its schedule but nothing is sent: step through the rest by hours.
    at = next > at ? next : at + HOUR;
  }
}

describe('Webhook endpoint health', () => {
  it('When every attempt fails for 24 hours, then the endpoint pauses: error logged, metric 1, events keep queuing', async () => {
    const s = await setup();
    s.receiver.respond = () => ({ status: 503 });
    await arrangePush(s.app, 'customers', [buildCustomer({ id: 'h-1' })]);
    const from = Date.now();

    expect(await s.paused()).toBe('0');
    await failFor(40, s, from);
    await arrangePush(s.app, 'customers', [buildCustomer({ id: 'h-2' })]);
    await s.drain(new Date(from + 41 * HOUR));

    const line = s.logs.lines().find((l) => l.msg === 'webhook endpoint paused');
    expect(line).toMatchObject({
      level: 'error',
      url: s.receiver.url,
      reason: expect.stringMatching(/^every attempt failed for (2[89]|30) hours$/),
    });
    expect(await s.paused()).toBe('1');
    // Attempts at 0 and after 5 s, 5 min, 30 min, 2 h, 5 h and 10 h (about 17.6 hours in), then after
    // another 10 h: that 8th one is the first past 24 hours of failures, and the last sent.
    expect(s.receiver.received).toHaveLength(8);
    expect(await s.pending()).toBe(2);
  });

  it('When an operator resumes a paused endpoint, then every waiting event is delivered', async () => {
    const s = await setup();
    s.receiver.respond = () => ({ status: 410 });
    await arrangePush(s.app, 'customers', [buildCustomer({ id: 'r-1' })]);
    await s.drain(new Date());
    await arrangePush(s.app, 'customers', [buildCustomer({ id: 'r-2' })]);
    s.receiver.respond = () => ({ status: 200 });
    await s.drain(new Date(Date.now() + 100 * HOUR));
    const whilePaused = s.receiver.received.length;

    const resumed = await merchant(s.app).post('/api/webhooks/resume', {});
    const again = await merchant(s.app).post('/api/webhooks/resume', {});
    await s.drain(new Date(Date.now() + 1_000));

    expect(whilePaused).toBe(1);
    expect([resumed.status, resumed.body, again.body]).toEqual([200, { resumed: true }, { resumed: false }]);
    expect(await s.paused()).toBe('0');
    expect(s.receiver.topicsFor('r-1')).toEqual(['customers/create', 'customers/create']);
    expect(s.receiver.topicsFor('r-2')).toEqual(['customers/create']);
    expect(await s.pending()).toBe(0);
  });

  it('When an event is retried by hand while the endpoint is paused and succeeds, then the endpoint resumes', async () => {
    const s = await setup();
    s.receiver.respond = () => ({ status: 410 });
    await arrangePush(s.app, 'customers', [buildCustomer({ id: 'm-1' })]);
    await s.drain(new Date());
    await arrangePush(s.app, 'customers', [buildCustomer({ id: 'm-2' })]);
    const [second, first] = (await merchant(s.app).get('/api/webhooks/deliveries')).body;
    s.receiver.respond = () => ({ status: 200 });

    const retry = await merchant(s.app).post(`/api/webhooks/deliveries/${first.id}/retry`, {});
    await s.drain(new Date(Date.now() + 1_000));
    const afterRetry = s.receiver.received.map((r) => r.headers['x-event-id']);
    await s.drain(new Date(Date.now() + 2_000));

    expect(retry.status).toBe(202);
    // While paused only the retried event went; its success resumed the endpoint for the rest.
    expect(afterRetry.slice(1, 2)).toEqual([first.id]);
    expect(s.receiver.received.map((r) => r.headers['x-event-id'])).toContain(second.id);
    expect(s.logs.lines().find((l) => l.msg === 'webhook endpoint resumed: an event was delivered')).toBeDefined();
    expect(await s.paused()).toBe('0');
    expect(await s.pending()).toBe(0);
  });

  it('When the event retried while paused is not the oldest of its record, then the older one goes first and both arrive', async () => {
    const s = await setup();
    s.receiver.respond = () => ({ status: 410 });
    const customer = buildCustomer({ id: 'o-1' });
    await arrangePush(s.app, 'customers', [customer]);
    await s.drain(new Date());
    await arrangePush(s.app, 'customers', [{ ...customer, last_name: 'Later' }]);
    const [update] = (await merchant(s.app).get('/api/webhooks/deliveries')).body;
    s.receiver.respond = () => ({ status: 200 });

    expect((await merchant(s.app).post(`/api/webhooks/deliveries/${update.id}/retry`, {})).status).toBe(202);
    // The create waits out its own 5-second retry, then goes first.
    for (let step = 1; step <= 3; step++) await s.drain(new Date(Date.now() + step * 10_000));

    expect(update.topic).toBe('customers/update');
    expect(s.receiver.topicsFor('o-1')).toEqual(['customers/create', 'customers/create', 'customers/update']);
    expect(await s.paused()).toBe('0');
    expect(await s.pending()).toBe(0);
  });

  it('When webhooks are off, then resume answers 409; without the key, 401', async () => {
    const { app } = await testApp();

    const off = await request(app).post('/api/webhooks/resume').set('Authorization', MERCHANT_KEY);
    const anonymous = await request(app).post('/api/webhooks/resume');

    expect([off.status, off.body.message, anonymous.status]).toEqual([
      409,
      'Webhooks are off: CONVERTEDIN_WEBHOOK_URL is not set.',
      401,
    ]);
  });
});
