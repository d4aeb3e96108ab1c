import fc from 'fast-check';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { MERCHANT_KEY, pushBulk, testApp } from './support/app.js';
import { buildCustomer, buildOrder } from './support/factories.js';
import {
  BUILDERS,
  MERCHANT_ENTITIES,
  type MerchantEntityName,
  deeplyNested,
  expectHarmless,
  hostileJson,
  hostileKey,
  hostileString,
  mutatedDocument,
  RUNS,
  seedSentinels,
  storedState,
  UNTHROTTLED,
} from './support/hostile.js';
import { deepJson, extremeDate } from './support/hostile-edges.js';
import { feed } from './support/feed.js';

const entity = fc.constantFrom(...MERCHANT_ENTITIES);

/** A bulk body: random JSON, deep nesting, or a batch mixing valid documents with a mutated one. */
function bulkBody(name: MerchantEntityName) {
  const valid = () => JSON.stringify(BUILDERS[name]());
  return fc.oneof(
    hostileJson,
    deeplyNested,
    hostileJson.map((value) => `{"${name}":${value}}`),
    mutatedDocument(name).map((doc) => `{"${name}":[${doc}]}`),
    fc.tuple(mutatedDocument(name), fc.nat(3)).map(([doc, at]) => {
      const docs = [valid(), valid(), valid()];
      docs.splice(at, 0, doc);
      return `{"${name}":[${docs.join(',')}]}`;
    }),
    fc.string({ maxLength: 50 }),
  );
}

describe('The merchant API under hostile input', () => {
  it('When PUT /api/* gets random, nested, polluting or partly invalid batches, then never a 5xx or a partial write', async () => {
    const { app } = await testApp(UNTHROTTLED);
    await seedSentinels(app);

    await fc.assert(
      fc.asyncProperty(
        entity.chain((name) => fc.tuple(fc.constant(name), bulkBody(name))),
        fc.constantFrom(
          'application/json',
          'application/json; charset=utf-8',
          'text/plain',
          'application/x-www-form-urlencoded',
        ),
        async ([name, body], contentType) => {
          const before = await storedState(app);
          const res = await request(app)
            .put(`/api/${name}`)
            .set('Authorization', MERCHANT_KEY)
            .set('Content-Type', contentType)
            .send(body);
          const after = await storedState(app);

          expectHarmless(res, before, after, true);
        },
      ),
      RUNS,
    );
  }, 120_000);

  it('When GET /api/* gets random, repeated or hostile query parameters, then never a 5xx or a write', async () => {
    const { app } = await testApp(UNTHROTTLED);
    await seedSentinels(app);
    const parameter = fc.tuple(
      fc.oneof(
        fc.constantFrom('page', 'limit', 'count', 'fields', 'createdAfter', 'updatedMin', 'financial_status'),
        hostileKey,
      ),
      fc.oneof(hostileString, fc.constantFrom('1', '0', '-1', '1000', '1001', 'true', '9007199254740993', '1e3')),
    );

    await fc.assert(
      fc.asyncProperty(entity, fc.array(parameter, { maxLength: 5 }), async (name, params) => {
        const before = await storedState(app);
        const res = await request(app)
          .get(`/api/${name}?${new URLSearchParams(params).toString()}`)
          .set('Authorization', MERCHANT_KEY);
        const after = await storedState(app);

        expectHarmless(res, before, after, false);
      }),
      RUNS,
    );
  }, 120_000);

  it('When POST, PUT and DELETE /api/*/:id get hostile ids and bodies, then never a 5xx or a stray write', async () => {
    const { app } = await testApp(UNTHROTTLED);
    await seedSentinels(app);
    // A URL carries UTF-8, so ids hold no UTF-16 halves here (their encoded bytes are tested below).
    const id = fc.oneof(
      hostileString.filter((s) => s.length > 0 && !/[\ud800-\udfff]/.test(s)),
      fc.constantFrom('1', '-1', '%00', '..', 'guest:x'),
    );

    await fc.assert(
      fc.asyncProperty(
        entity.chain((name) => fc.tuple(fc.constant(name), fc.oneof(mutatedDocument(name), hostileJson))),
        fc.constantFrom('post', 'put', 'delete') as fc.Arbitrary<'post' | 'put' | 'delete'>,
        id,
        async ([name, body], method, target) => {
          const path = method === 'post' ? `/api/${name}` : `/api/${name}/${encodeURIComponent(target)}`;
          const before = await storedState(app);
          const call = request(app)[method];
          const req = call(path).set('Authorization', MERCHANT_KEY).set('Content-Type', 'application/json');
          const res = await (method === 'delete' ? req : req.send(body));
          const after = await storedState(app);

          expectHarmless(res, before, after, true);
        },
      ),
      RUNS,
    );
  }, 120_000);

  // Found by the property above: a NUL in a path id reached PostgreSQL as a 500.
  it.each([
    ['DELETE', '/api/orders/%00', 404],
    ['GET', '/api/customers/a%00b', 404],
    ['PUT', '/api/products/%ED%A0%80', 400],
    ['GET', '/api/webhooks/deliveries?entity_id=%00', 422],
    ['GET', '/api/orders?fields=%00', 422],
  ])(
    'When %s %s carries text no database stores, then %s and the process keeps serving',
    async (method, path, status) => {
      const { app } = await testApp();

      const call = request(app)[method.toLowerCase() as 'get'];
      const res = await call(path)
        .set('Authorization', MERCHANT_KEY)
        .send(method === 'PUT' ? { title: 'x' } : undefined);

      expect(res.status).toBe(status);
      expect(res.body).toEqual(expect.objectContaining({ message: expect.any(String) }));
    },
  );

  // Found by the property above: PostgreSQL cannot store NUL, and neither database an unpaired surrogate.
  it.each([
    ['a NUL character', 'customers', [buildCustomer({ first_name: 'Nour\u0000' })], 'customers[0].first_name'],
    ['an unpaired surrogate in an id', 'customers', [buildCustomer({ id: 'A-\ud800' })], 'customers[0].id'],
    [
      'a NUL in a line-item property name',
      'orders',
      [
        buildOrder(),
        buildOrder({ line_items: [{ product_id: 1, quantity: 1, price: 1, properties: [{ 'k\u0000': 'v' }] }] }),
      ],
      'orders[1].line_items[0].properties[0]',
    ],
  ])('When a document holds %s, then 422 names the field and nothing is written', async (_case, name, docs, field) => {
    const { app } = await testApp();

    const res = await pushBulk(app, name, docs);
    const count = await request(app).get(`/api/${name}?count=true`).set('Authorization', MERCHANT_KEY);

    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors)).toEqual([field]);
    expect(count.body).toEqual({ count: 0 });
  });

  // The JSON text is read before parsing, and a body is walked for such characters only when
  // that reading cannot rule them out: these spell them in upper case, right after another
  // escape, or raw in UTF-16, which the bodies above never do.
  it.each([
    ['an upper-case escape of a lone surrogate', 'utf-8', (json: string) => json.replace('@@', '\\uD800')],
    ['an escape of NUL right after an escaped backslash', 'utf-8', (json: string) => json.replace('@@', '\\\\\\u0000')],
    ['a lone surrogate as it is, in UTF-16', 'utf-16le', (json: string) => json.replace('@@', '\ud800')],
  ])('When a JSON body holds %s, then 422 names the field', async (_case, charset, spell) => {
    const { app } = await testApp();
    const json = spell(JSON.stringify({ customers: [buildCustomer({ first_name: 'Nour@@' })] }));

    const res = await request(app)
      .put('/api/customers')
      .set('Authorization', MERCHANT_KEY)
      .set('Content-Type', `application/json; charset=${charset}`)
      // The bytes as they are: superagent would otherwise serialise a Buffer as JSON.
      .serialize((bytes: Buffer) => bytes as unknown as string)
      .send(Buffer.from(json, charset === 'utf-8' ? 'utf8' : 'utf16le'));

    expect({ status: res.status, fields: Object.keys(res.body.errors ?? {}) }).toEqual({
      status: 422,
      fields: ['customers[0].first_name'],
    });
  });

  it('When a name holds an escaped backslash before u0000, then it is stored as that text', async () => {
    const { app } = await testApp();
    const customer = buildCustomer({ first_name: 'Nour\\u0000' });

    const res = await pushBulk(app, 'customers', [customer]);
    const stored = await request(app).get(`/api/customers/${customer.id}`).set('Authorization', MERCHANT_KEY);

    expect(res.status).toBe(200);
    expect(stored.body.first_name).toBe('Nour\\u0000');
  });

  it('When documents carry dates at the ends of the calendar or bodies nested past the bound, then a 4xx or a date the feed can write', async () => {
    const { app } = await testApp(UNTHROTTLED);
    await seedSentinels(app);
    const body = fc.oneof(
      extremeDate.map((date) => ['date', date] as const),
      deepJson.map((json) => ['deep', json] as const),
    );
    let n = 0;

    await fc.assert(
      fc.asyncProperty(body, async ([kind, value]) => {
        const id = `edge-${++n}`;
        const before = await storedState(app);
        const text = kind === 'date' ? JSON.stringify({ orders: [buildOrder({ id, ordered_at: value })] }) : value;
        const res = await request(app)
          .put('/api/orders')
          .set('Authorization', MERCHANT_KEY)
          .set('Content-Type', 'application/json')
          .send(text);
        const after = await storedState(app);

        expectHarmless(res, before, after, true);
        if (kind === 'deep') expect(res.status).toBeLessThan(500);
        if (kind === 'date' && res.status === 200) {
          const page = await feed(app, 'orders', { per_page: 1000 });
          const order = (page.body.data as Array<{ id: unknown; ordered_at: string }>).find((o) => o.id === id);
          expect(order?.ordered_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
        }
      }),
      RUNS,
    );
  }, 120_000);
});
