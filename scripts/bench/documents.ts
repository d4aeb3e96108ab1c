import { orderToPush, rng, sampleCustomer, sampleOrder } from '../sample-data.js';

/** Orders as a shop pushes them: line items, and the customer embedded with all its fields. */
export function pushDocuments(firstId: number, calls: number) {
  const random = rng(firstId);
  return Array.from({ length: calls }, (_, call) =>
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
}

export const changed = (calls: Array<Array<{ financial_status: string }>>) =>
  calls.map((docs) =>
    docs.map((doc) => ({ ...doc, financial_status: doc.financial_status === 'refunded' ? 'successful' : 'refunded' })),
  );
