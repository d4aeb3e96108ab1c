import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importFile } from '../src/import/import.js';
import { arrangePush, merchant } from './support/app.js';
import { buildCategory, buildCustomer, buildOrder, buildProduct, buildStore } from './support/factories.js';
import { feed } from './support/feed.js';
import { webhookApp } from './support/webhooks.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('Webhooks for every entity', () => {
  it('When a product is created, then products/create carries its feed shape', async () => {
    const { app, receiver, drain } = await webhookApp();
    await merchant(app).put('/api/store', buildStore());
    await arrangePush(app, 'products', [buildProduct({ id: 'P-1', vendor: undefined })]);

    await drain();
    const page = await feed(app, 'products');

    expect(receiver.received.map((r) => r.path)).toEqual(['/hooks/products/create']);
    expect(receiver.received[0]!.body).toEqual(page.body.data[0]);
    expect(receiver.received[0]!.body).toMatchObject({ id: 'P-1', vendor: 'Nile Threads' });
  });

  it('When categories are pushed, then collections events carry each node with its subtree', async () => {
    const { app, receiver, drain } = await webhookApp();
    await arrangePush(app, 'categories', [buildCategory({ id: 1 }), buildCategory({ id: 2, parent_id: 1 })]);

    await drain();
    const page = await feed(app, 'categories');

    expect(receiver.received.map((r) => r.path).sort()).toEqual([
      '/hooks/collections/create',
      '/hooks/collections/create',
    ]);
    const root = receiver.received.find((r) => (r.body as { id: number }).id === 1)!;
    expect(root.body).toEqual(page.body.data[0]);
    expect((root.body as { subcategories: Array<{ id: number }> }).subcategories.map((c) => c.id)).toEqual([2]);
  });

  it('When records are deleted, then a delete with {"id"} follows their create, with the id JSON type kept', async () => {
    const { app, receiver, drain } = await webhookApp();
    await arrangePush(app, 'orders', [buildOrder({ id: 4242, customer: { id: 'C-1' } })]);
    await arrangePush(app, 'customers', [buildCustomer({ id: 77 })]);
    await drain();
    expect((await merchant(app).delete('/api/orders/4242')).status).toBe(200);
    expect((await merchant(app).delete('/api/customers/77')).status).toBe(200);

    await drain();

    expect(receiver.topicsFor(4242)).toEqual(['orders/create', 'orders/delete']);
    expect(receiver.topicsFor(77)).toEqual(['customers/create', 'customers/delete']);
    const deleted = receiver.received.find((r) => r.path === '/hooks/orders/delete')!;
    expect(deleted.body).toEqual({ id: 4242 });
  });

  it('When a record is created, updated and deleted before the receiver comes back, then only the delete is sent after it', async () => {
    const { app, receiver, drain, db } = await webhookApp();
    receiver.respond = () => ({ status: 503 });
    const product = buildProduct({ id: 'gone' });
    await arrangePush(app, 'products', [product]);
    await drain();
    await arrangePush(app, 'products', [{ ...product, title: 'Renamed' }]);
    await merchant(app).delete('/api/products/gone');
    receiver.respond = () => ({ status: 200 });

    for (let hour = 1; hour <= 3; hour++) await drain(new Date(Date.now() + hour * 3_600_000));

    // The create failed while the product existed; by the retry it was gone, so it was settled
    // without a request, and the delete coalesced the pending update (the delete says it all).
    expect(receiver.topicsFor('gone')).toEqual(['products/create', 'products/delete']);
    expect(await db.read.webhookEvent.count({ where: { status: 'delivered' } })).toBe(2);
    expect(await db.read.webhookEvent.count({ where: { status: 'coalesced' } })).toBe(1);
  });

  it('When the import command loads documents, then it records their events like the API does', async () => {
    const { db, config, receiver, drain } = await webhookApp();
    const dir = mkdtempSync(path.join(tmpdir(), 'import-webhooks-'));
    dirs.push(dir);
    const file = path.join(dir, 'customers.ndjson');
    writeFileSync(
      file,
      [buildCustomer({ id: 'i-1' }), buildCustomer({ id: 'i-2' })].map((c) => JSON.stringify(c)).join('\n'),
    );

    await importFile({ db, entity: 'customers', file, timeZone: config.storeTimeZone });
    await drain();

    expect(receiver.received.map((r) => (r.body as { id: string }).id).sort()).toEqual(['i-1', 'i-2']);
  });
});
