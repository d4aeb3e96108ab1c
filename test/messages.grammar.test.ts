import { describe, expect, it } from 'vitest';
import { formatSummary } from '../src/import/report.js';
import { arrangePush, merchant, testApp } from './support/app.js';
import { buildCategory, buildCustomer, buildOrder, buildProduct } from './support/factories.js';

describe('Counts and articles in messages', () => {
  it.each([
    ['orders', buildOrder, 'An order'],
    ['customers', buildCustomer, 'A customer'],
  ])('When a %s id is created twice, then the 409 reads "%s ..."', async (entity, build, start) => {
    const { app } = await testApp();
    expect((await merchant(app).post(`/api/${entity}`, build({ id: 1 }))).status).toBe(201);

    const res = await merchant(app).post(`/api/${entity}`, build({ id: 1 }));

    expect(res.status).toBe(409);
    expect(res.body).toEqual({ message: `${start} with the id 1 exists already; PUT /api/${entity}/:id updates it.` });
  });

  it('When a category holds two subcategories and one product, then the 409 counts each correctly', async () => {
    const { app } = await testApp();
    const tree = [buildCategory({ id: 'a' }), buildCategory({ parent_id: 'a' }), buildCategory({ parent_id: 'a' })];
    await arrangePush(app, 'categories', tree);
    await arrangePush(app, 'products', [buildProduct({ category_id: 'a' })]);

    const res = await merchant(app).delete('/api/categories/a');

    expect(res.status).toBe(409);
    expect(res.body).toEqual({
      message:
        'Category a still has 2 subcategories and 1 product. ' +
        'Move or delete them first, or send cascade=true to delete them too.',
    });
  });

  it('When an import read one document and created one of each, then the summary says so in the singular', () => {
    const summary = {
      entity: 'orders' as const,
      documents: 1,
      created: { orders: 1, customers: 1 },
      updated: { categories: 2 },
      unchanged: 0,
      rejectedCount: 0,
      rejected: [],
    };

    const text = formatSummary(summary);

    expect(text).toBe(
      [
        'Imported orders: 1 document read.',
        '  created:   1 order, 1 customer',
        '  updated:   2 categories',
        '  unchanged: 0',
        '  rejected:  0',
      ].join('\n'),
    );
  });
});
