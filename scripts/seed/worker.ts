import { parentPort, workerData } from 'node:worker_threads';
import { copyText, lineItemsTable, ordersTable } from './copy-text.js';
import { seedCustomers, seedOrderBatch, type SeedPlan } from './rows.js';

/** Makes batches of orders as COPY text, in a thread of its own, while the main thread loads. */
export interface WorkerData {
  plan: SeedPlan;
  now: string;
}

export interface BatchText {
  index: number;
  orders: string;
  lineItems: string;
}

const { plan, now } = workerData as WorkerData;
const { samples } = seedCustomers(plan);
const orders = ordersTable(new Date(now));

parentPort!.on('message', (index: number) => {
  const batch = seedOrderBatch(plan, samples, index);
  const text: BatchText = {
    index,
    orders: copyText(orders, batch.orders),
    lineItems: copyText(lineItemsTable, batch.lineItems),
  };
  parentPort!.postMessage(text);
});
