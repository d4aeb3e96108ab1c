import { describe, expect, it } from 'vitest';
import { merchant, testApp } from './support/app.js';
import { buildStore } from './support/factories.js';
import { feed } from './support/feed.js';

describe('POST /convertedin/storeinfo', () => {
  it('When the store was pushed, then storeinfo serves it without an envelope', async () => {
    const { app } = await testApp({ STORE_TIMEZONE: 'Africa/Cairo' });
    await merchant(app).put('/api/store', buildStore({ currency: 'egp', country: 'eg' }));

    const res = await feed(app, 'storeinfo');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      code: 200,
      data: {
        name: 'Nile Threads',
        currency: 'EGP',
        time_zone: 'Africa/Cairo',
        email: 'hello@nile-threads.example',
        description: 'Cotton from the Delta.',
        country: 'EG',
        country_code: 'EG',
      },
    });
  });

  it('When no store was pushed yet, then storeinfo answers the timezone and leaves the rest empty', async () => {
    const { app } = await testApp();

    const res = await feed(app, 'storeinfo');

    expect(res.body).toEqual({
      code: 200,
      data: {
        name: '',
        currency: null,
        time_zone: 'UTC',
        email: '',
        description: '',
        country: null,
        country_code: null,
      },
    });
  });

  it('When the token is wrong, then 401 and no store data', async () => {
    const { app } = await testApp();
    await merchant(app).put('/api/store', buildStore());

    const res = await feed(app, 'storeinfo', { token: 'wrong' });

    expect(res.status).toBe(401);
    expect(res.body).toEqual({ message: expect.any(String) });
  });
});

describe('PUT /api/store and GET /api/store', () => {
  it('When no store was pushed, then GET is 404', async () => {
    const { app } = await testApp();

    const res = await merchant(app).get('/api/store');

    expect(res.status).toBe(404);
  });

  it('When the store is pushed twice, then the second replaces the first and GET returns it', async () => {
    const { app } = await testApp();
    await merchant(app).put('/api/store', buildStore({ description: 'old' }));

    const put = await merchant(app).put('/api/store', buildStore({ name: 'Delta Threads', description: null }));
    const get = await merchant(app).get('/api/store');

    const expected = {
      name: 'Delta Threads',
      currency: 'EGP',
      time_zone: 'UTC',
      email: 'hello@nile-threads.example',
      description: '',
      country: 'EG',
    };
    expect([put.status, put.body]).toEqual([200, expected]);
    expect(get.body).toEqual(expected);
  });

  it('When time_zone names the configured STORE_TIMEZONE, then it is accepted', async () => {
    const { app } = await testApp({ STORE_TIMEZONE: 'Asia/Riyadh' });

    const res = await merchant(app).put('/api/store', buildStore({ time_zone: 'Asia/Riyadh' }));

    expect(res.status).toBe(200);
  });

  it('When fields are bad, then 422 names each one and nothing is stored', async () => {
    const { app } = await testApp();

    const res = await merchant(app).put(
      '/api/store',
      buildStore({ name: ' ', currency: 'POUND', country: 'Egypt', email: 'nope', time_zone: 'Africa/Cairo' }),
    );
    const after = await merchant(app).get('/api/store');

    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors).sort()).toEqual(['country', 'currency', 'email', 'name']);
    expect(after.status).toBe(404);
  });

  it('When time_zone differs from STORE_TIMEZONE, then 422 explains that feed dates follow STORE_TIMEZONE', async () => {
    const { app } = await testApp();

    const res = await merchant(app).put('/api/store', buildStore({ time_zone: 'Africa/Cairo' }));

    expect(res.status).toBe(422);
    expect(res.body.errors.time_zone[0]).toMatch(/STORE_TIMEZONE/);
  });
});
