import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { FEED_TOKEN, MERCHANT_KEY, merchant, testApp } from './support/app.js';
import { buildOrder } from './support/factories.js';

describe('Smaller points of the hostile probe', () => {
  it('When a field named __proto__ is refused, then the 422 names it', async () => {
    const { app } = await testApp();
    const order = JSON.stringify(buildOrder({ id: 'p' }));
    const body = `{"orders":[${order.slice(0, -1)},"line_items":[{"__proto__":"\\u0000"}]}]}`;

    const res = await request(app)
      .put('/api/orders')
      .set('Authorization', MERCHANT_KEY)
      .set('Content-Type', 'application/json')
      .send(body);

    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors)).toEqual(['orders[0].line_items[0].__proto__']);
  });

  it.each(['orders', 'customers', 'products', 'categories'])(
    'When GET and DELETE /api/%s/:id name a 10 KB id, then the 404 echoes at most 64 characters of it',
    async (entity) => {
      const { app } = await testApp();
      const id = 'x'.repeat(10_000);

      const read = await merchant(app).get(`/api/${entity}/${id}`);
      const removed = await merchant(app).delete(`/api/${entity}/${id}`);

      for (const res of [read, removed]) {
        expect(res.status).toBe(404);
        expect(res.body.message).toMatch(/^No \w+ has the id x{64}… \(10000 characters\)\.$/);
      }
    },
  );

  it.each([
    ['a field value is too long', { token: FEED_TOKEN, page: 'x'.repeat(5_000) }, 'A form field value is too long.'],
    [
      'there are too many fields',
      Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`f${i}`, 'x'])),
      'The form has too many fields.',
    ],
    ['a field name is too long', { ['n'.repeat(200)]: 'x' }, 'A form field name is too long.'],
  ])('When a multipart feed form says %s, then the 413 says so in words', async (_, fields, message) => {
    const { app } = await testApp();
    const req = request(app).post('/convertedin/orders');
    for (const [name, value] of Object.entries(fields)) req.field(name, value);

    const res = await req;

    expect(res.status).toBe(413);
    expect(res.body).toEqual({ message });
  });

  it('When a request comes over plain HTTP, then no Strict-Transport-Security is sent; over HTTPS (a trusted proxy says so), it is', async () => {
    const { app } = await testApp({ TRUST_PROXY: 'loopback' });

    const plain = await request(app).get('/health');
    const secure = await request(app).get('/health').set('X-Forwarded-Proto', 'https');

    expect(plain.headers['strict-transport-security']).toBeUndefined();
    expect(secure.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it('When /openapi.json is asked for with gzip, then it comes compressed with a strong ETag, and a matching If-None-Match gets 304', async () => {
    const { app } = await testApp();
    const plain = await request(app).get('/openapi.json').set('Accept-Encoding', 'identity');
    const zipped = await request(app)
      .get('/openapi.json')
      .set('Accept-Encoding', 'gzip')
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    const again = await request(app).get('/openapi.json').set('If-None-Match', String(plain.headers.etag));

    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.etag).toMatch(/^"[\w-]+"$/);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toMatch(/Accept-Encoding/);
    expect(zipped.headers.etag).toBe(plain.headers.etag);
    expect(Number(zipped.headers['content-length'])).toBeLessThan(Number(plain.headers['content-length']) / 4);
    // superagent inflates what it receives; the length above is what travelled.
    expect(JSON.parse((zipped.body as Buffer).toString('utf8'))).toEqual(plain.body);
    expect(again.status).toBe(304);
  });
});
