import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { arrangePush, pushBulk, testApp } from './support/app.js';
import { buildCustomer, buildOrder } from './support/factories.js';
import { feed } from './support/feed.js';

const RANGE = 'must be between 1000-01-03 and 9999-12-28 (UTC)';

describe('Dates at the ends of the calendar', () => {
  it.each([
    '9999-12-31T23:59:59-14:00',
    '9999-12-31 23:59:59',
    '9999-12-30T00:00:00Z',
    '1000-01-01T00:00:00+14:00',
    '0999-12-31 00:00:00',
  ])('When ordered_at is %s, then it is a 422 naming the field and nothing is stored', async (orderedAt) => {
    const { app } = await testApp();

    const res = await pushBulk(app, 'orders', [buildOrder({ id: 'late', ordered_at: orderedAt })]);
    const page = await feed(app, 'orders');

    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual({ 'orders[0].ordered_at': [RANGE] });
    expect(page.body).toMatchObject({ total: 0 });
  });

  it('When a date is within the range at either end, then it is stored and served with a four-digit year in any time zone', async () => {
    const { app } = await testApp({ STORE_TIMEZONE: 'Pacific/Kiritimati' });
    await arrangePush(app, 'orders', [
      buildOrder({ id: 'first', ordered_at: '1000-01-03T00:00:00Z' }),
      buildOrder({ id: 'last', ordered_at: '9999-12-28T23:59:59Z' }),
    ]);

    const page = await feed(app, 'orders', { per_page: 10 });

    expect(page.status).toBe(200);
    const dates = (page.body.data as Array<{ ordered_at: string }>).map((order) => order.ordered_at);
    expect(dates).toHaveLength(2);
    for (const date of dates) expect(date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  it('When a customer registered_at is past the range, then it is a 422 too', async () => {
    const { app } = await testApp();

    const res = await pushBulk(app, 'customers', [buildCustomer({ registered_at: '9999-12-31T23:59:59-14:00' })]);

    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual({ 'customers[0].registered_at': [RANGE] });
  });
});

describe('A malformed webhook URL at start-up', () => {
  it('When in production CONVERTEDIN_WEBHOOK_URL is not a URL, then the configuration error names it', () => {
    const env = {
      NODE_ENV: 'production',
      CONVERTEDIN_TOKEN: 'feed-token-0123456789',
      MERCHANT_API_KEY: 'merchant-key-0123456789',
      CONVERTEDIN_WEBHOOK_URL: 'https://exa mple.com/hooks',
      SHOP_DOMAIN: 'shop',
    };

    expect(() => loadConfig(env)).toThrow(
      /^Invalid configuration:\n {2}CONVERTEDIN_WEBHOOK_URL: must be an absolute http\(s\) URL$/,
    );
  });
});
