import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import request from 'supertest';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from './support/app.js';

/**
 * What a client would write against types generated from /openapi.json: a bulk push of a
 * document with only its required fields, a feed page read down to one id, an error body
 * reached by operationId. `{{order}}` is where a test puts the order's fields.
 */
const USAGE = `
import type { components, operations, paths } from './api';

const order: components['schemas']['Order'] = {
  {{order}}
};
const push: paths['/api/orders']['put']['requestBody']['content']['application/json'] = { orders: [order] };

declare const page: paths['/convertedin/orders']['post']['responses'][200]['content']['application/json'];
type FeedOrderId = paths['/convertedin/orders']['post']['responses'][200]['content']['application/json']['data'][0]['id'];
const firstId: FeedOrderId = page.data[0]!.id;
const asText: string = String(firstId);
const total: number = page.total;

const store: components['schemas']['Store'] = { name: 'Shop', currency: 'EUR', email: 'a@example.com', country: 'DE' };
declare const refused: operations['listOrders']['responses'][429]['content']['application/json'];
const why: string = refused.message;
declare const invalid: operations['upsertOrders']['responses'][422]['content']['application/json'];
const fieldErrors: string[] | undefined = invalid.errors?.['orders[0].id'];

export { push, asText, total, store, why, fieldErrors };
`;

const REQUIRED_ORDER_FIELDS = `
  id: 1001,
  ordered_at: '2024-03-01 10:00:00',
  total_price: '19.99',
  subtotal_price: 19.99,
  currency: 'EUR',
  country_code: 'DE',
  contact_email: 'buyer@example.com',
  line_items: [{ product_id: 'sku-1', quantity: 1, price: 19.99 }],`;

let dir: string;
let generated: string;

beforeAll(async () => {
  const { app } = await testApp();
  const { body } = await request(app).get('/openapi.json');
  // Documents are described as clients send them, where a default is what the server fills in
  // for a missing field; the generator's default would make such fields required.
  generated = astToString(await openapiTS(body, { defaultNonNullable: false }));
  dir = await mkdtemp(join(tmpdir(), 'openapi-client-'));
  await writeFile(join(dir, 'api.ts'), generated);
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The messages the TypeScript compiler has for `usage`, compiled strictly against the generated types. */
async function compile(usage: string): Promise<string[]> {
  const file = join(dir, 'usage.ts');
  await writeFile(file, usage);
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    noUncheckedIndexedAccess: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts'],
    types: [],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('a client generated from /openapi.json with openapi-typescript', () => {
  it('When the generated types are read, then every component and operation has its name', () => {
    for (const name of ['Order', 'Customer', 'Product', 'Category', 'Store', 'OrdersFeedPage', 'StoreInfo', 'Error']) {
      expect(generated).toContain(`        ${name}: {`);
    }
    for (const id of ['listOrders', 'upsertOrders', 'getOrder', 'feedOrders', 'getStore']) {
      expect(generated).toContain(`    ${id}: {`);
    }
  });

  it('When a program uses the generated types as a client would, then it compiles without a diagnostic', async () => {
    expect(await compile(USAGE.replace('{{order}}', REQUIRED_ORDER_FIELDS))).toEqual([]);
  });

  it('When a required field is misspelt, then the compiler points at it', async () => {
    const misspelt = REQUIRED_ORDER_FIELDS.replace('contact_email:', 'contact_emial:');

    const messages = await compile(USAGE.replace('{{order}}', misspelt));

    expect(messages).toEqual([
      expect.stringMatching(/'contact_emial' does not exist in type[\s\S]*Did you mean to write 'contact_email'/),
    ]);
  });

  it('When a field gets a value of the wrong type, then the compiler refuses it', async () => {
    const wrongType = REQUIRED_ORDER_FIELDS.replace("currency: 'EUR'", 'currency: 978');

    const messages = await compile(USAGE.replace('{{order}}', wrongType));

    expect(messages.join('\n')).toMatch(/Type 'number' is not assignable to type 'string'/);
  });
});
