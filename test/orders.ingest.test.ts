import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { MERCHANT_KEY, arrangePush, pushBulk, testApp } from './support/app.js';
import { buildOrder, withInvalidFields } from './support/factories.js';
import { feed } from './support/feed.js';

const countOrders = async (app: Parameters<typeof pushBulk>[0]) =>
  (await request(app).get('/api/orders?count=true').set('Authorization', MERCHANT_KEY)).body.count as number;

describe('PUT /api/orders', () => {
  it('When new orders are pushed, then they are created and counted as modified', async () => {
    const { app } = await testApp();

    const res = await pushBulk(app, 'orders', [buildOrder(), buildOrder(), buildOrder()]);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ Modified: 3 });
    expect(await countOrders(app)).toBe(3);
  });

  it('When the same documents are pushed again, then nothing changes and nothing is duplicated', async () => {
    const { app, db } = await testApp();
    const orders = [buildOrder({ customer: { id: 'same-1', first_name: 'Ali' } }), buildOrder()];
    await arrangePush(app, 'orders', orders);
    const before = await db.read.order.findMany({ orderBy: { seq: 'asc' } });

    const res = await pushBulk(app, 'orders', orders);

    expect(res.body).toEqual({ Modified: 0 });
    expect(await db.read.order.findMany({ orderBy: { seq: 'asc' } })).toEqual(before);
    expect(await db.read.lineItem.count()).toBe(2);
    expect(await db.read.customer.count()).toBe(2);
  });

  it('When an order is pushed again with changes, then it is replaced, line items included', async () => {
    const { app } = await testApp();
    const order = buildOrder({
      line_items: [
        { product_id: 1, quantity: 1, price: 5 },
        { product_id: 2, quantity: 1, price: 6 },
      ],
    });
    await arrangePush(app, 'orders', [order]);

    const res = await pushBulk(app, 'orders', [
      { ...order, total_price: '11', line_items: [{ product_id: 3, quantity: 4, price: '2.75' }] },
    ]);
    const page = await feed(app, 'orders');

    expect(res.body).toEqual({ Modified: 1 });
    expect(page.body.data).toHaveLength(1);
    expect(page.body.data[0]).toMatchObject({
      total_price: 11,
      line_items: [{ product_id: 3, quantity: 4, price: 2.75 }],
    });
  });

  it('When an order embeds its customer, then the customer is upserted with it and partial updates keep other fields', async () => {
    const { app } = await testApp();
    await arrangePush(app, 'orders', [
      buildOrder({
        customer: { id: 70, email: 'x@example.com', first_name: 'Omar', last_name: 'Said', gender: 'male' },
      }),
    ]);

    await arrangePush(app, 'orders', [buildOrder({ customer: { id: 70, last_name: 'El-Said' } })]);
    const customers = await feed(app, 'customers');

    expect(customers.body.data).toHaveLength(1);
    expect(customers.body.data[0]).toMatchObject({
      id: 70,
      email: 'x@example.com',
      first_name: 'Omar',
      last_name: 'El-Said',
      gender: 'male',
    });
  });

  it('When one document of a batch is bad, then 422 names each bad field by path and nothing is written', async () => {
    const { app } = await testApp();
    const bad = buildOrder({
      line_items: [
        { product_id: 1, quantity: 0, price: 1 },
        { product_id: 2, quantity: 1, price: '1.0001' },
      ],
    });
    const batch = [
      buildOrder(),
      buildOrder(),
      buildOrder(),
      { ...bad, currency: 'EURO', ordered_at: '2021-02-30 10:00:00' },
    ];

    const res = await pushBulk(app, 'orders', batch);

    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors).sort()).toEqual([
      'orders[3].currency',
      'orders[3].line_items[0].quantity',
      'orders[3].line_items[1].price',
      'orders[3].ordered_at',
    ]);
    expect(await countOrders(app)).toBe(0);
  });

  it.each([
    ['missing id', { id: undefined }, 'orders[0].id'],
    ['negative id', { id: -4 }, 'orders[0].id'],
    ['fractional id', { id: 1.5 }, 'orders[0].id'],
    ['unknown financial status', { financial_status: 'partially_refunded' }, 'orders[0].financial_status'],
    ['negative total', { total_price: -1 }, 'orders[0].total_price'],
    ['float beyond precision', { total_price: 1e21 }, 'orders[0].total_price'],
    ['bad email', { contact_email: 'nobody' }, 'orders[0].contact_email'],
    ['line items not an array', { line_items: 'many' }, 'orders[0].line_items'],
    ['bad taxes_included', { taxes_included: 'yes' }, 'orders[0].taxes_included'],
    ['date without offset in ISO form', { ordered_at: '2021-01-01T10:00:00' }, 'orders[0].ordered_at'],
    ['embedded customer without id', { customer: { email: 'a@b.c' } }, 'orders[0].customer.id'],
  ])('When a document has a %s, then 422 names %s', async (_case, override, field) => {
    const { app } = await testApp();

    const res = await pushBulk(app, 'orders', [withInvalidFields(buildOrder(), override)]);

    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors)).toEqual([field]);
  });

  it('When one batch repeats an id, then 422 points at the repeat', async () => {
    const { app } = await testApp();
    const order = buildOrder();

    const res = await pushBulk(app, 'orders', [order, buildOrder(), { ...order }]);

    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual({ 'orders[2].id': ['duplicates orders[0].id'] });
  });

  it('When more than 1000 documents are sent, then 413 and nothing is written', async () => {
    const { app } = await testApp();
    const orders = Array.from({ length: 1001 }, () => buildOrder({ line_items: [] }));

    const res = await pushBulk(app, 'orders', orders);

    expect(res.status).toBe(413);
    expect(await countOrders(app)).toBe(0);
  });

  it('When exactly 1000 documents are sent, then all are written', async () => {
    const { app } = await testApp();
    const orders = Array.from({ length: 1000 }, () => buildOrder());

    const res = await pushBulk(app, 'orders', orders);

    expect(res.body).toEqual({ Modified: 1000 });
    expect(await countOrders(app)).toBe(1000);
  });

  it.each([
    ['not an object', [1, 2]],
    ['without the orders key', { order: [] }],
    ['with orders not an array', { orders: { id: 1 } }],
  ])('When the body is %s, then 422', async (_case, body) => {
    const { app } = await testApp();

    const res = await request(app).put('/api/orders').set('Authorization', MERCHANT_KEY).send(body);

    expect(res.status).toBe(422);
    expect(res.body.message).toEqual(expect.any(String));
  });

  it('When the JSON is malformed, then 400 without parser details', async () => {
    const { app } = await testApp();

    const res = await request(app)
      .put('/api/orders')
      .set('Authorization', MERCHANT_KEY)
      .set('Content-Type', 'application/json')
      .send('{"orders": [');

    expect(res.status).toBe(400);
    expect(res.body).toEqual({ message: 'The request body is not valid JSON.' });
  });

  it.each([
    ['missing', undefined],
    ['wrong', 'nope'],
    ['a wrong bearer', 'Bearer nope'],
  ])('When the API key is %s, then 401', async (_case, header) => {
    const { app } = await testApp();
    const req = request(app)
      .put('/api/orders')
      .send({ orders: [buildOrder()] });
    if (header) req.set('Authorization', header);

    const res = await req;

    expect(res.status).toBe(401);
    expect(res.body).toEqual({ message: expect.any(String) });
  });

  it('When the key is sent as a Bearer token, then it is accepted', async () => {
    const { app } = await testApp();

    const res = await request(app)
      .put('/api/orders')
      .set('Authorization', `Bearer ${MERCHANT_KEY}`)
      .send({ orders: [buildOrder()] });

    expect(res.status).toBe(200);
  });

  it('When two bulk upserts of overlapping ids run at once, then no id is duplicated and no line item lost', async () => {
    const { app, db } = await testApp();
    const shared = Array.from({ length: 50 }, (_, i) =>
      buildOrder({ id: `shared-${i}`, customer: { id: `cust-${i % 5}` } }),
    );
    const a = [...shared, ...Array.from({ length: 20 }, () => buildOrder())];
    const b = [...shared.slice().reverse(), ...Array.from({ length: 20 }, () => buildOrder())];

    const results = await Promise.all([
      pushBulk(app, 'orders', a),
      pushBulk(app, 'orders', b),
      pushBulk(app, 'orders', a),
    ]);

    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await countOrders(app)).toBe(90);
    expect(await db.read.lineItem.count()).toBe(90);
    expect(await db.read.customer.count({ where: { key: { startsWith: 'cust-' } } })).toBe(5);
  });
});

describe('GET /api/orders', () => {
  it('When count=true, then the answer is the number of orders', async () => {
    const { app } = await testApp();
    await arrangePush(app, 'orders', [buildOrder(), buildOrder()]);

    const res = await request(app).get('/api/orders?count=true').set('Authorization', MERCHANT_KEY);

    expect(res.body).toEqual({ count: 2 });
  });

  it('When listing, then documents come back with the extras the shop pushed', async () => {
    const { app } = await testApp();
    const order = buildOrder({
      id: 'X-1',
      addresses: [{ type: 'billing', name: 'First Last', city: 'Toronto', addressOne: '123 Toronto St.' }],
      fulfillments: [{ status: 'complete', carrier: 'USPS', trackingNumbers: ['123ABC'] }],
      line_items: [
        {
          product_id: 9,
          quantity: 2,
          price: '9.99',
          sku: '123GRPRODUCT',
          vendor: 'acme',
          grams: 200,
          properties: [{ type: 'engraving', data: 'We Love Dad!' }],
        },
      ],
    });
    await arrangePush(app, 'orders', [order]);

    const res = await request(app).get('/api/orders?limit=10').set('Authorization', MERCHANT_KEY);

    expect(res.status).toBe(200);
    expect(res.body[0]).toMatchObject({
      id: 'X-1',
      addresses: order.addresses,
      fulfillments: [{ status: 'complete', carrier: 'USPS', trackingNumbers: ['123ABC'] }],
      line_items: [
        {
          product_id: 9,
          quantity: 2,
          price: 9.99,
          sku: '123GRPRODUCT',
          vendor: 'acme',
          grams: 200,
          title: null,
          properties: [{ type: 'engraving', data: 'We Love Dad!' }],
        },
      ],
    });
  });

  it.each(['count=maybe', 'limit=0', 'limit=5000', 'page=-1'])('When the query has %s, then 422', async (query) => {
    const { app } = await testApp();

    const res = await request(app).get(`/api/orders?${query}`).set('Authorization', MERCHANT_KEY);

    expect(res.status).toBe(422);
  });
});
