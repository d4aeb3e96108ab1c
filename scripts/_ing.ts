import { openDb } from '../src/db/client.js';
import { inTransaction } from '../src/db/transaction.js';
import { resolveDatabaseTarget } from '../src/db/target.js';
import { orderDocumentSchema } from '../src/orders/order.document.js';
import { upsertOrders } from '../src/orders/orders.upsert.js';
import { orderToPush, rng, sampleCustomer, sampleOrder } from './sample-data.js';
const db = await openDb(resolveDatabaseTarget(process.argv[2]));
const firstId = Number(process.argv[3]);
const random = rng(firstId);
for (let call = 0; call < 4; call++) {
  const raw = Array.from({ length: 1000 }, (_, i) => {
    const n = call * 1000 + i;
    const customer = { ...sampleCustomer(random, n), id: firstId + 500_000 + n };
    const order = orderToPush(sampleOrder(random, customer, n));
    const { currency, email, first_name, last_name, phone, gender, registered_at } = customer;
    return {
      ...order,
      id: firstId + n,
      customer: { id: customer.id, email, first_name, last_name, phone, currency, gender, registered_at },
    };
  });
  let t = performance.now();
  const docs = raw.map((d) => orderDocumentSchema.parse(d));
  const parse = performance.now() - t;
  t = performance.now();
  const times: string[] = [];
  const t00 = performance.now();
  await inTransaction(db, (tx) => {
    times.push('begin ' + Math.round(performance.now() - t00));
    return upsertOrders(
      new Proxy(tx, {
        get(target, prop) {
          const v = (target as any)[prop];
          if (prop === '$executeRawUnsafe' || prop === '$queryRaw' || prop === '$executeRaw')
            return async (q: any, ...rest: any[]) => {
              const t0 = performance.now();
              const r = await v.call(target, q, ...rest);
              times.push(
                String(typeof q === 'string' ? q : (q.sql ?? ''))
                  .slice(0, 22)
                  .replace(/\s+/g, ' ') +
                  ' ' +
                  Math.round(performance.now() - t0) +
                  '@' +
                  Math.round(t0 - t00),
              );
              return r;
            };
          return typeof v === 'function' ? v.bind(target) : v;
        },
      }) as any,
      docs,
      'UTC',
    ).then((r) => {
      times.push('body done ' + Math.round(performance.now() - t00));
      return r;
    });
  });
  console.log({ parse: Math.round(parse), upsert: Math.round(performance.now() - t) }, times.join(' | '));
}
await db.close();
// Compare: the same orders statement through pg directly.
import pg from 'pg';
{
  const random2 = rng(firstId + 1);
  const raw = Array.from({ length: 1000 }, (_, i) => {
    const customer = { ...sampleCustomer(random2, i), id: 10001 + i };
    return { ...orderToPush(sampleOrder(random2, customer, i)), id: firstId + 90000 + i };
  });
  const docs = raw.map((d) => orderDocumentSchema.parse(d));
  let captured: [string, string] | undefined;
  await db.write
    .$transaction(async (tx) => {
      await upsertOrders(
        new Proxy(tx, {
          get(target, prop) {
            const v = (target as any)[prop];
            if (prop === '$executeRawUnsafe')
              return async (q: string, p: string) => {
                if (q.includes('INTO "orders"')) captured = [q, p];
                const t0 = performance.now();
                const r = await v.call(target, q, p);
                if (q.includes('INTO "orders"'))
                  console.log('prisma orders', Math.round(performance.now() - t0), p.length);
                return r;
              };
            return typeof v === 'function' ? v.bind(target) : v;
          },
        }) as any,
        docs,
        'UTC',
      );
      throw new Error('rollback');
    })
    .catch(() => undefined);
  const c = new pg.Client({ connectionString: process.argv[2] });
  await c.connect();
  for (let r = 0; r < 3; r++) {
    await c.query('BEGIN');
    const t0 = performance.now();
    await c.query(captured![0], [captured![1]]);
    console.log('pg orders', Math.round(performance.now() - t0));
    await c.query('ROLLBACK');
  }
  await c.end();
}
