import { orderToPush, rng, sampleCustomer, sampleOrder } from './sample-data.js';
import { push } from './bench/load.js';
const firstId = Number(process.argv[2]);
const random = rng(firstId);
const calls = Array.from({ length: 5 }, (_, call) =>
  Array.from({ length: 1000 }, (_, i) => {
    const n = call * 1000 + i;
    const customer = { ...sampleCustomer(random, n), id: firstId + 500_000 + n };
    const order = orderToPush(sampleOrder(random, customer, n));
    const { currency, email, first_name, last_name, phone, gender, registered_at } = customer;
    return {
      ...order,
      id: firstId + n,
      customer: { id: customer.id, email, first_name, last_name, phone, currency, gender, registered_at },
    };
  }),
);
const url = 'http://127.0.0.1:3555/api/orders';
for (const [name, docs] of [
  ['fresh', calls],
  ['same', calls],
  [
    'changed',
    calls.map((d) =>
      d.map((o) => ({ ...o, financial_status: o.financial_status === 'refunded' ? 'successful' : 'refunded' })),
    ),
  ],
] as const) {
  const s = await push(url, 'bench-merchant-key-00000', docs as unknown[][], 1);
  console.log(name, Math.round(5000 / s), 'orders/s');
}
