import { describe, expect, it } from 'vitest';
import { arrangePush, merchant, testApp } from './support/app.js';
import { buildCategory, buildCustomer, buildOrder, buildProduct, type EntityInput } from './support/factories.js';
import { feed } from './support/feed.js';

type Case = {
  [E in keyof EntityInput]: {
    entity: E;
    build: (overrides?: Partial<EntityInput[E]>) => EntityInput[E];
    /** A change of one field, and that field as the API reads it back. */
    patch: Partial<EntityInput[E]>;
    stored: Record<string, unknown>;
    /** A change the schema refuses, and the field the 422 names. */
    bad: [Partial<EntityInput[E]>, string];
  };
}[keyof EntityInput];

const cases: Case[] = [
  {
    entity: 'orders',
    build: buildOrder,
    patch: { financial_status: 'refunded', total_price: '99.5' },
    stored: { financial_status: 'refunded', total_price: 99.5 },
    bad: [{ line_items: [{ product_id: 1, quantity: 0, price: 1 }] }, 'line_items[0].quantity'],
  },
  {
    entity: 'customers',
    build: buildCustomer,
    patch: { last_name: 'Mahmoud', gender: 'male' },
    stored: { last_name: 'Mahmoud', gender: 'male' },
    bad: [{ email: 'not-an-email' }, 'email'],
  },
  {
    entity: 'products',
    build: buildProduct,
    patch: { price: 10, tags: ['eid'] },
    stored: { price: 10, tags: 'eid' },
    bad: [{ full_permalink: '/relative' }, 'full_permalink'],
  },
  {
    entity: 'categories',
    build: buildCategory,
    patch: { title: 'Renamed', available: false },
    stored: { title: 'Renamed', available: false },
    bad: [{ parent_id: 'nowhere' }, 'parent_id'],
  },
];

describe.each(cases)('/api/$entity single documents', ({ entity, build, patch, stored, bad }) => {
  it(`When one is POSTed, then 201 with the stored document, and the same id again is 409`, async () => {
    const { app } = await testApp();
    const doc = build({ id: 'doc-1' });

    const created = await merchant(app).post(`/api/${entity}`, doc);
    const again = await merchant(app).post(`/api/${entity}`, doc);
    const read = await merchant(app).get(`/api/${entity}/doc-1`);

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'doc-1' });
    expect(read.body).toEqual(created.body);
    expect(again.status).toBe(409);
  });

  it('When one is read or updated by an id that does not exist, then 404', async () => {
    const { app } = await testApp();

    const get = await merchant(app).get(`/api/${entity}/missing`);
    const put = await merchant(app).put(`/api/${entity}/missing`, patch);

    expect([get.status, put.status]).toEqual([404, 404]);
  });

  it('When some fields are PUT to /:id, then those change and every other field stays as it was', async () => {
    const { app } = await testApp();
    const before = (await merchant(app).post(`/api/${entity}`, build({ id: 77 }))).body;

    const res = await merchant(app).put(`/api/${entity}/77`, patch);
    const after = await merchant(app).get(`/api/${entity}/77`);

    expect(res.status).toBe(200);
    expect(after.body).toEqual({ ...before, ...stored });
    expect(res.body).toEqual(after.body);
  });

  it('When a partial update is bad or changes the id, then 422 names the field and nothing changes', async () => {
    const { app } = await testApp();
    const before = (await merchant(app).post(`/api/${entity}`, build({ id: 5 }))).body;

    const badField = await merchant(app).put(`/api/${entity}/5`, bad[0]);
    const newId = await merchant(app).put(`/api/${entity}/5`, { id: 6 });
    const sameId = await merchant(app).put(`/api/${entity}/5`, { id: 5 });
    const notObject = await merchant(app).put(`/api/${entity}/5`, [1]);
    const after = await merchant(app).get(`/api/${entity}/5`);

    expect([badField.status, newId.status, sameId.status, notObject.status]).toEqual([422, 422, 200, 422]);
    expect(Object.keys(badField.body.errors)).toEqual([bad[1]]);
    expect(Object.keys(newId.body.errors)).toEqual(['id']);
    expect(after.body).toEqual(before);
  });

  it('When one is deleted, then {"Deleted": 1}, the feed drops it, and it is 404 after', async () => {
    const { app } = await testApp();
    await merchant(app).post(`/api/${entity}`, build({ id: 'gone' }));
    await merchant(app).post(`/api/${entity}`, build({ id: 'kept' }));

    const res = await merchant(app).delete(`/api/${entity}/gone`);
    const get = await merchant(app).get(`/api/${entity}/gone`);
    const again = await merchant(app).delete(`/api/${entity}/gone`);
    const page = await feed(app, entity);

    expect([res.status, res.body]).toEqual([200, { Deleted: 1 }]);
    expect([get.status, again.status]).toEqual([404, 404]);
    expect(page.body.data.map((d: { id: unknown }) => d.id)).not.toContain('gone');
    expect(page.body.data.map((d: { id: unknown }) => d.id)).toContain('kept');
  });
});

describe.each(cases)('GET /api/$entity', ({ entity, build }) => {
  it('When fields are named, then only those come back; an unknown one is 422', async () => {
    const { app } = await testApp();
    await arrangePush(app, entity, [build({ id: 1 }), build({ id: 2 })]);

    const projected = await merchant(app).get(`/api/${entity}?fields=id`);
    const one = await merchant(app).get(`/api/${entity}/2?fields=id`);
    const unknown = await merchant(app).get(`/api/${entity}?fields=id,colour`);

    expect(projected.body).toEqual([{ id: 1 }, { id: 2 }]);
    expect(one.body).toEqual({ id: 2 });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors.fields[0]).toMatch(/colour/);
  });

  it('When pages are asked for, then the order is stable and limit is bounded', async () => {
    const { app } = await testApp();
    await arrangePush(app, entity, [build({ id: 'z' }), build({ id: 'a' }), build({ id: 'm' })]);

    const pages = await Promise.all(
      [1, 2, 3, 4].map((page) => merchant(app).get(`/api/${entity}?fields=id&limit=1&page=${page}`)),
    );
    const tooMany = await merchant(app).get(`/api/${entity}?limit=1001`);

    expect(pages.map((p) => p.body)).toEqual([[{ id: 'z' }], [{ id: 'a' }], [{ id: 'm' }], []]);
    expect(tooMany.status).toBe(422);
  });

  it('When filtered by when records were stored or changed, then only those match, and count agrees', async () => {
    const { app } = await testApp();
    await arrangePush(app, entity, [build({ id: 'old' })]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const cut = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 30));
    await arrangePush(app, entity, [build({ id: 'new' })]);
    const ids = async (query: string) =>
      (await merchant(app).get(`/api/${entity}?fields=id&${query}`)).body.map((d: { id: unknown }) => d.id);

    expect(await ids(`createdAfter=${cut}`)).toEqual(['new']);
    expect(await ids(`createdBefore=${cut}`)).toEqual(['old']);
    expect(await ids(`updatedMin=${cut}`)).toEqual(['new']);
    expect(await ids(`updatedAfter=${cut}&updatedBefore=${cut}`)).toEqual([]);
    expect(await ids('createdAfter=2000-01-01')).toEqual(['old', 'new']);
    expect((await merchant(app).get(`/api/${entity}?count=true&createdAfter=${cut}`)).body).toEqual({ count: 1 });
    expect((await merchant(app).get(`/api/${entity}?updatedAfter=yesterday`)).status).toBe(422);
  });
});

describe('GET /api/orders filters', () => {
  it('When financial_status is given, then only orders in that status are listed', async () => {
    const { app } = await testApp();
    await arrangePush(app, 'orders', [
      buildOrder({ id: 1, financial_status: 'refunded' }),
      buildOrder({ id: 2, financial_status: 'successful' }),
      buildOrder({ id: 3, financial_status: 'refunded' }),
    ]);

    const refunded = await merchant(app).get('/api/orders?financial_status=refunded&fields=id');
    const count = await merchant(app).get('/api/orders?financial_status=successful&count=true');
    const bad = await merchant(app).get('/api/orders?financial_status=paid');

    expect(refunded.body).toEqual([{ id: 1 }, { id: 3 }]);
    expect(count.body).toEqual({ count: 1 });
    expect(bad.status).toBe(422);
  });
});
