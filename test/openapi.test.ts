import { Validator } from '@seriousme/openapi-schema-validator';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { testApp } from './support/app.js';

interface Operation {
  operationId?: string;
  security?: unknown[];
  parameters?: Array<{ in: string }>;
  requestBody?: unknown;
  responses: Record<string, { content?: { 'application/json': { schema: unknown } } }>;
}

/** Every operation of the document, as `METHOD /path` and what it says. */
function operations(document: { paths: Record<string, Record<string, Operation>> }): Array<[string, Operation]> {
  return Object.entries(document.paths).flatMap(([path, byMethod]) =>
    Object.entries(byMethod).map(([method, op]): [string, Operation] => [`${method.toUpperCase()} ${path}`, op]),
  );
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (response: { content?: { 'application/json': { schema: unknown } } } | undefined) =>
  response?.content?.['application/json'].schema;

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** Every method and path the Express router actually serves, read from its stack. */
function servedRoutes(app: { router: { stack: Layer[] } }): string[] {
  return app.router.stack.flatMap((layer) =>
    layer.route
      ? Object.keys(layer.route.methods)
          .filter((method) => method !== '_all')
          .map((method) => `${method.toUpperCase()} ${layer.route!.path.replace(/:(\w+)/g, '{$1}')}`)
      : [],
  );
}

describe('GET /openapi.json', () => {
  it('When the document is fetched, then it is OpenAPI 3.1 and lists exactly the routes the app serves', async () => {
    const { app } = await testApp();

    const res = await request(app).get('/openapi.json');

    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const validator = new Validator();
    const validation = await validator.validate(res.body);
    expect(validation.errors).toBeUndefined();
    expect([validation.valid, validator.version]).toEqual([true, '3.1']);
    const documented = Object.entries(res.body.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const served = servedRoutes(app as unknown as { router: { stack: Layer[] } });
    expect(served.length).toBeGreaterThanOrEqual(30);
    expect(documented.sort()).toEqual(served.sort());
  });

  it('When a request body is described, then it comes from the schema that validates it', async () => {
    const { app } = await testApp();

    const { body } = await request(app).get('/openapi.json');

    const bulk = body.paths['/api/products'].put.requestBody.content['application/json'].schema;
    expect(bulk.properties.products.items).toEqual(ref('Product'));
    const product = body.components.schemas.Product;
    expect(product.required).toEqual(expect.arrayContaining(['id', 'title', 'handle', 'full_permalink', 'price']));
    expect(product.properties.tags.anyOf).toBeDefined();
    const feedForm = body.paths['/convertedin/products'].post.requestBody.content;
    expect(Object.keys(feedForm)).toEqual([
      'multipart/form-data',
      'application/x-www-form-urlencoded',
      'application/json',
    ]);
    expect(Object.keys(feedForm['multipart/form-data'].schema.properties)).toEqual(
      expect.arrayContaining(['token', 'page', 'per_page', 'par_page', 'collection_id', 'collectionid']),
    );
    const listParams = body.paths['/api/orders'].get.parameters.map((p: { name: string }) => p.name);
    expect(listParams).toEqual(
      expect.arrayContaining(['page', 'limit', 'count', 'fields', 'createdBefore', 'updatedMin', 'financial_status']),
    );
    expect(body.paths['/api/categories/{id}'].delete.parameters.map((p: { name: string }) => p.name)).toEqual([
      'id',
      'cascade',
    ]);
  });

  it('When a merchant route is described, then it requires the API key and feed routes do not', async () => {
    const { app } = await testApp();

    const { body } = await request(app).get('/openapi.json');

    expect(body.paths['/api/orders/{id}'].get.security).toEqual([{ merchantKey: [] }]);
    expect(body.paths['/convertedin/orders'].post.security).toBeUndefined();
    expect(body.components.securitySchemes.merchantKey).toEqual({
      type: 'apiKey',
      in: 'header',
      name: 'Authorization',
    });
  });

  it('When operations are described, then each has a unique camelCase operationId that does not change', async () => {
    const { app } = await testApp();

    const { body } = await request(app).get('/openapi.json');

    const ids = operations(body).map(([, op]) => op.operationId);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-zA-Z]*$/);
    expect(new Set(ids).size).toBe(ids.length);
    // Generated clients call these by name, so renaming one is a breaking change.
    expect(body.paths['/api/orders'].get.operationId).toBe('listOrders');
    expect(body.paths['/api/orders'].put.operationId).toBe('upsertOrders');
    expect(body.paths['/api/orders'].post.operationId).toBe('createOrder');
    expect(body.paths['/api/categories/{id}'].get.operationId).toBe('getCategory');
    expect(body.paths['/api/categories/{id}'].put.operationId).toBe('updateCategory');
    expect(body.paths['/api/customers/{id}'].delete.operationId).toBe('deleteCustomer');
    expect(body.paths['/convertedin/orders'].post.operationId).toBe('feedOrders');
    expect(body.paths['/convertedin/storeinfo'].post.operationId).toBe('feedStoreInfo');
    expect(body.paths['/api/store'].get.operationId).toBe('getStore');
  });

  it('When schemas are described, then documents, feed pages and errors are named components used by $ref', async () => {
    const { app } = await testApp();

    const { body } = await request(app).get('/openapi.json');

    const { schemas } = body.components;
    expect(Object.keys(schemas)).toEqual(
      expect.arrayContaining(['Order', 'Customer', 'Product', 'Category', 'Store', 'StoreInfo', 'Error']),
    );
    expect(schemas.Order.required).toEqual(expect.arrayContaining(['id', 'total_price', 'line_items']));
    for (const name of ['orders', 'customers', 'products', 'categories']) {
      const singular = { orders: 'Order', customers: 'Customer', products: 'Product', categories: 'Category' }[name]!;
      const page = `${name[0]!.toUpperCase()}${name.slice(1)}FeedPage`;
      expect(schemas[page]).toBeDefined();
      expect(json(body.paths[`/convertedin/${name}`].post.responses[200])).toEqual(ref(page));
      expect(body.paths[`/api/${name}`].post.requestBody.content['application/json'].schema).toEqual(ref(singular));
      expect(json(body.paths[`/api/${name}/{id}`].get.responses[200])).toEqual(ref(singular));
      const bulk = body.paths[`/api/${name}`].put.requestBody.content['application/json'].schema;
      expect(bulk.properties[name].items).toEqual(ref(singular));
    }
    expect(json(body.paths['/convertedin/storeinfo'].post.responses[200])).toEqual(ref('StoreInfo'));
    expect(body.paths['/api/store'].put.requestBody.content['application/json'].schema).toEqual(ref('Store'));
    // Every $ref resolves: a dangling one would break any generator.
    const refs = [...JSON.stringify(body).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    for (const name of new Set(refs)) expect(Object.keys(schemas)).toContain(name);
  });

  it('When an operation is described, then it lists the 401, 422, 429 and 503 it can answer, with the Error body', async () => {
    const { app } = await testApp();

    const { body } = await request(app).get('/openapi.json');

    const noDatabase = ['GET /health', 'GET /openapi.json', 'GET /metrics', 'GET /console', 'GET /console/{file}'];
    for (const [name, op] of operations(body)) {
      const statuses = Object.keys(op.responses);
      const authenticated = op.security !== undefined || name.startsWith('POST /convertedin/');
      const takesInput = op.requestBody !== undefined || (op.parameters ?? []).some((p) => p.in === 'query');
      expect([name, statuses.includes('401'), statuses.includes('429')]).toEqual([name, authenticated, authenticated]);
      expect([name, statuses.includes('422')]).toEqual([name, takesInput]);
      expect([name, statuses.includes('503')]).toEqual([name, !noDatabase.includes(name)]);
      for (const status of statuses.filter((s) => Number(s) >= 400 && name !== 'GET /ready')) {
        expect([name, status, json(op.responses[status])]).toEqual([name, status, ref('Error')]);
      }
    }
    const throttled = body.paths['/api/orders'].get.responses[429];
    expect(Object.keys(throttled.headers)).toEqual(['Retry-After']);
    expect(body.components.schemas.Error.required).toEqual(['message']);
  });
});
