import { describe, expect, it } from 'vitest';
import { JITTER, RETRY_SCHEDULE_MS } from '../src/webhooks/schedule.js';
import { arrangePush, merchant } from './support/app.js';
import { buildCustomer } from './support/factories.js';
import { webhookApp } from './support/webhooks.js';

const HOUR = 3_600_000;
/** The one event there is, as the operator API shows it with its attempts. */
async function theEvent(app: Parameters<typeof merchant>[0]) {
  const list = await merchant(app).get('/api/webhooks/deliveries');
  expect(list.body).toHaveLength(1);
  const one = await merchant(app).get(`/api/webhooks/deliveries/${list.body[0].id}`);
  expect(one.status).toBe(200);
  return one.body;
}

describe('Webhook retry schedule', () => {
  it('When the receiver fails for three days, then attempts follow the table and the last comes when the 72-hour window closes', async () => {
    // Pausing is another test's subject: here the endpoint must stay open for the whole window.
    const { app, receiver, drain } = await webhookApp({ WEBHOOK_PAUSE_AFTER_HOURS: '720' });
    receiver.respond = () => ({ status: 503 });
    await arrangePush(app, 'customers', [buildCustomer()]);

    // The clock jumps straight to each scheduled attempt: three days pass in a few seconds.
    let at = new Date();
    for (let round = 0; round < 20; round++) {
      await drain(at);
      const event = await theEvent(app);
      if (event.status !== 'pending') break;
      at = new Date(event.next_attempt_at);
    }
    const event = await theEvent(app);
    const times = event.history.map((a: { at: string }) => Date.parse(a.at));
    const gaps = times.slice(1).map((t: number, i: number) => t - times[i]);

    expect(event).toMatchObject({ status: 'dead', attempts: 12, last_status: 503 });
    expect(receiver.received).toHaveLength(12);
    // Ten scheduled waits, each the table's (its last one repeating), lengthened by at most 10 %...
    gaps.slice(0, 10).forEach((gap: number, i: number) => {
      const step = RETRY_SCHEDULE_MS[Math.min(i, RETRY_SCHEDULE_MS.length - 1)]!;
      expect(gap).toBeGreaterThanOrEqual(step);
      expect(gap).toBeLessThanOrEqual(step * (1 + JITTER) + 1);
    });
    // ...then the last attempt exactly at the window's end.
    expect(times[11] - Date.parse(event.created_at)).toBeGreaterThan(72 * HOUR - 1_000);
    expect(times[11]).toBe(Date.parse(event.give_up_at));
    expect(event.history[0]).toMatchObject({ status: 503, error: 'HTTP 503', response_body: '{}' });
  });

  it('When the receiver answers 429 with a Retry-After longer than the schedule, then the next attempt waits for it', async () => {
    const { app, receiver, drain } = await webhookApp();
    receiver.respond = () => ({ status: 429, headers: { 'Retry-After': '3600' } });
    await arrangePush(app, 'customers', [buildCustomer()]);
    const start = new Date();

    await drain(start);
    await drain(new Date(start.getTime() + HOUR - 60_000));
    const before = await theEvent(app);
    receiver.respond = () => ({ status: 200 });
    await drain(new Date(start.getTime() + HOUR + 1_000));

    expect(Date.parse(before.next_attempt_at) - start.getTime()).toBeGreaterThanOrEqual(HOUR);
    expect(receiver.received).toHaveLength(2);
    expect((await theEvent(app)).status).toBe('delivered');
  });

  it('When the receiver redirects, then the redirect is not followed and counts as a failure to retry', async () => {
    const { app, receiver, drain } = await webhookApp();
    let redirects = 2;
    receiver.respond = () =>
      redirects-- > 0 ? { status: 301, headers: { Location: `${receiver.url}/elsewhere` } } : { status: 200 };
    await arrangePush(app, 'customers', [buildCustomer()]);
    const start = Date.now();

    await drain(new Date(start));
    const afterOne = await theEvent(app);
    await drain(new Date(start + 6_000));
    await drain(new Date(start + 6 * 60_000));

    expect(afterOne).toMatchObject({
      status: 'pending',
      last_status: 301,
      last_error: 'HTTP 301: redirects are not followed',
    });
    expect(receiver.received.map((r) => r.path)).toEqual(Array(3).fill('/hooks/customers/create'));
    expect(await theEvent(app)).toMatchObject({ status: 'delivered', attempts: 3 });
  });

  it('When the receiver answers 410 Gone, then delivery to the endpoint stops at once and nothing is lost', async () => {
    const { app, receiver, drain } = await webhookApp();
    receiver.respond = () => ({ status: 410 });
    await arrangePush(app, 'customers', [buildCustomer({ id: 'g-1' }), buildCustomer({ id: 'g-2' })]);
    const start = Date.now();

    await drain(new Date(start));
    const afterGone = receiver.received.length;
    await arrangePush(app, 'customers', [buildCustomer({ id: 'g-3' })]);
    for (let hour = 1; hour <= 100; hour += 9) await drain(new Date(start + hour * HOUR));
    const pending = await merchant(app).get('/api/webhooks/deliveries?status=pending&count=true');

    // The first request answered 410; the second of the round may have been in flight with it.
    expect(afterGone).toBeGreaterThanOrEqual(1);
    expect(afterGone).toBeLessThanOrEqual(2);
    expect(receiver.received).toHaveLength(afterGone);
    expect(pending.body).toEqual({ count: 3 });
  });
});
