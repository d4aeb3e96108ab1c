import { describe, expect, it } from 'vitest';
import { KEPT_ATTEMPTS } from '../src/webhooks/attempts.js';
import { arrangePush, merchant } from './support/app.js';
import { buildCustomer, buildProduct } from './support/factories.js';
import { webhookApp } from './support/webhooks.js';

const HOUR = 3_600_000;
async function setup(env: Record<string, string> = {}) {
  const t = await webhookApp({ WEBHOOK_TIMEOUT_MS: '500', ...env });
  const { drain } = t;
  /** Rejected three times (400), so dead within the hour. */
  const killAll = async () => {
    for (let minute = 0; minute <= 60; minute += 10) await drain(new Date(Date.now() + minute * 60_000));
  };
  const list = async (query = '') => (await merchant(t.app).get(`/api/webhooks/deliveries${query}`)).body;
  return { ...t, killAll, list };
}

describe('POST /api/webhooks/deliveries/retry', () => {
  it('When dead events are replayed by topic, then only those are sent again and the answer says how many', async () => {
    const s = await setup();
    s.receiver.respond = () => ({ status: 400 });
    await arrangePush(s.app, 'customers', [buildCustomer({ id: 'd-1' }), buildCustomer({ id: 'd-2' })]);
    await arrangePush(s.app, 'products', [buildProduct({ id: 'd-3' })]);
    await s.killAll();
    const dead = await s.list('?status=dead&count=true');
    s.receiver.respond = () => ({ status: 200 });
    const before = s.receiver.received.length;

    const replay = await merchant(s.app).post('/api/webhooks/deliveries/retry?status=dead&topic=customers/create', {});
    await s.drain(new Date(Date.now() + 2 * HOUR));

    expect(dead).toEqual({ count: 3 });
    expect([replay.status, replay.body]).toEqual([202, { retried: 2 }]);
    expect(
      s.receiver.received
        .slice(before)
        .map((r) => (r.body as { id: string }).id)
        .sort(),
    ).toEqual(['d-1', 'd-2']);
    expect((await s.list('?status=dead')).map((e: { entity_id: string }) => e.entity_id)).toEqual(['d-3']);
  });

  it('When replayed since a time, then only events recorded from then on are sent again', async () => {
    const s = await setup();
    s.receiver.respond = () => ({ status: 400 });
    await arrangePush(s.app, 'customers', [buildCustomer({ id: 's-1' })]);
    await arrangePush(s.app, 'customers', [buildCustomer({ id: 's-2' })]);
    await s.killAll();
    const [newest] = await s.list();
    s.receiver.respond = () => ({ status: 200 });

    const replay = await merchant(s.app).post(
      `/api/webhooks/deliveries/retry?since=${encodeURIComponent(newest.created_at)}`,
      {},
    );
    await s.drain(new Date(Date.now() + 2 * HOUR));

    expect(replay.body).toEqual({ retried: 1 });
    expect((await s.list('?status=delivered')).map((e: { entity_id: string }) => e.entity_id)).toEqual(['s-2']);
  });

  it.each([
    ['status=pending', 'status must be dead or delivered'],
    ['topic=orders/explode', 'topic must be <entity>/<action>, e.g. orders/update'],
    ['since=last-week', 'since must be an ISO 8601 date such as 2024-03-01T10:00:00Z'],
  ])('When the filter is %s, then 422 names it', async (query, message) => {
    const s = await setup();

    const res = await merchant(s.app).post(`/api/webhooks/deliveries/retry?${query}`, {});

    expect(res.status).toBe(422);
    expect(Object.values(res.body.errors).flat()).toEqual([message]);
  });
});

describe('GET /api/webhooks/deliveries/:id', () => {
  it('When an event has been tried, then its attempts show time, status, duration and the error or the start of the answer', async () => {
    const s = await setup();
    let reply = 0;
    s.receiver.respond = () =>
      [
        { status: 500, body: 'x'.repeat(3_000) },
        { status: 200, delayMs: 2_000 },
        { status: 200, body: '{"ok":true}' },
      ][reply++]!;
    await arrangePush(s.app, 'customers', [buildCustomer()]);
    const start = Date.now();

    for (const at of [start, start + 6_000, start + 6 * 60_000]) await s.drain(new Date(at));
    const [event] = await s.list();
    const res = await merchant(s.app).get(`/api/webhooks/deliveries/${event.id}`);

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: event.id, status: 'delivered', attempts: 3 });
    const [failed, timedOut, delivered] = res.body.history;
    expect(res.body.history).toHaveLength(3);
    expect(failed).toMatchObject({ at: new Date(start).toISOString(), status: 500, error: 'HTTP 500' });
    expect(failed.response_body).toBe('x'.repeat(1024));
    expect(timedOut).toMatchObject({ status: null, error: 'timed out after 500 ms', response_body: null });
    expect(timedOut.duration_ms).toBeGreaterThanOrEqual(490);
    expect(delivered).toMatchObject({ status: 200, error: null, response_body: '{"ok":true}' });
  });

  it('When an event is tried many times, then only the latest attempts are kept, and all go when it is pruned', async () => {
    const s = await setup({ WEBHOOK_RETENTION_HOURS: '1' });
    s.receiver.respond = () => ({ status: 400 });
    await arrangePush(s.app, 'customers', [buildCustomer()]);
    await s.killAll();
    const [event] = await s.list();
    for (let retry = 0; retry < KEPT_ATTEMPTS; retry++) {
      expect((await merchant(s.app).post(`/api/webhooks/deliveries/${event.id}/retry`, {})).status).toBe(202);
      await s.drain();
    }
    const many = (await merchant(s.app).get(`/api/webhooks/deliveries/${event.id}`)).body;
    s.receiver.respond = () => ({ status: 200 });
    await merchant(s.app).post(`/api/webhooks/deliveries/${event.id}/retry`, {});
    await s.drain();
    const kept = await s.db.read.webhookAttempt.count();

    const pruned = await s.worker.prune(new Date(Date.now() + 2 * HOUR));

    expect(many.attempts).toBe(3 + KEPT_ATTEMPTS);
    expect(many.history).toHaveLength(KEPT_ATTEMPTS);
    expect(kept).toBe(KEPT_ATTEMPTS);
    expect(pruned).toBe(1);
    expect(await s.db.read.webhookAttempt.count()).toBe(0);
  });

  it('When the event is unknown, then 404', async () => {
    const s = await setup();

    const res = await merchant(s.app).get('/api/webhooks/deliveries/no-such-event');

    expect([res.status, res.body.message]).toEqual([404, 'No webhook event has this id.']);
  });
});
