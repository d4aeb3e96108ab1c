import { Validator } from '@seriousme/openapi-schema-validator';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { testApp } from './support/app.js';

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
    const product = bulk.properties.products.items;
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
});
