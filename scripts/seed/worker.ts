import { parentPort, workerData } from 'node:worker_threads';
import { copyText, customersTable, lineItemsTable, ordersTable } from './copy-text.js';
import { seedCustomerBatch, seedOrderBatch, type SeedPlan } from './rows.js';

/** Makes batches as COPY text in a thread of its own, while the main thread loads. */
export interface WorkerData {
  plan: SeedPlan;
  now: string;
}

export interface Job {
  kind: 'customers' | 'orders';
  index: number;
}

/** COPY text per table, in load order. */
export type JobText = Array<['customers' | 'orders' | 'line_items', string]>;

const { plan, now } = workerData as WorkerData;
const customers = customersTable(new Date(now));
const orders = ordersTable(new Date(now));

parentPort!.on('message', ({ kind, index }: Job & { id: number }) => {
  let text: JobText;
  if (kind === 'customers') {
    text = [['customers', copyText(customers, seedCustomerBatch(plan, index))]];
  } else {
    const batch = seedOrderBatch(plan, index);
    text = [
      ['orders', copyText(orders, batch.orders)],
      ['line_items', copyText(lineItemsTable, batch.lineItems)],
    ];
  }
  parentPort!.postMessage(text);
});
