import { ChangeSet } from '../db/changes.js';
import type { Tx } from '../db/client.js';
import { RecordNotFound } from '../shared/errors.js';
import { echoedId } from '../shared/words.js';
import { announceCustomers, customersMoved } from './order.aggregates.js';

/**
 * Deletes one order with its line items. Its customer stays; the customer's orders_count and
 * total_spent follow at once, since the feed sums them from the orders on every read, and a
 * customers update announces them when the order counted.
 */
export async function deleteOrder(tx: Tx, key: string): Promise<ChangeSet> {
  const row = await tx.order.findUnique({
    where: { key },
    select: { key: true, keyIsNumber: true, customerKey: true, financialStatus: true, totalPrice: true },
  });
  if (!row) throw new RecordNotFound(`No order has the id ${echoedId(key)}.`);
  await tx.order.delete({ where: { key } });
  const changes = new ChangeSet().add('orders', 'deleted', [{ key: row.key, isNumber: row.keyIsNumber }]);
  await announceCustomers(tx, changes, customersMoved(row, undefined));
  return changes;
}
