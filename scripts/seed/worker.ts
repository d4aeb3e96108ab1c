import { parentPort, workerData } from 'node:worker_threads';
import { CUSTOMERS } from '../../src/customers/customers.table.js';
import { LINE_ITEMS, ORDERS } from '../../src/orders/orders.table.js';
import { copyLine, copyText } from './copy-text.js';
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
const stamp = new Date(now);
const customers = copyLine(CUSTOMERS, stamp);
const orders = copyLine(ORDERS, stamp);
const lineItems = copyLine(LINE_ITEMS, stamp);

parentPort!.on('message', ({ kind, index }: Job & { id: number }) => {
  let text: JobText;
  if (kind === 'customers') {
    text = [['customers', copyText(customers, seedCustomerBatch(plan, index))]];
  } else {
    const batch = seedOrderBatch(plan, index);
    text = [
      ['orders', copyText(orders, batch.orders)],
      ['line_items', copyText(lineItems, batch.lineItems)],
    ];
  }
  parentPort!.postMessage(text);
});
