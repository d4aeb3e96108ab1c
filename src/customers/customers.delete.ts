import { ChangeSet } from '../db/changes.js';
import type { Tx } from '../db/client.js';
import { RecordConflict, RecordNotFound } from '../shared/errors.js';
import { counted, them } from '../shared/words.js';
import { echoedId } from '../shared/words.js';

/** Deletes one customer; one who still has orders is refused, since every order links to a customer. */
export async function deleteCustomer(tx: Tx, key: string): Promise<ChangeSet> {
  const row = await tx.customer.findUnique({ where: { key }, select: { key: true, keyIsNumber: true } });
  if (!row) throw new RecordNotFound(`No customer has the id ${echoedId(key)}.`);
  const orders = await tx.order.count({ where: { customerKey: key } });
  if (orders > 0)
    throw new RecordConflict(`Customer ${key} still has ${counted(orders, 'orders')}. Delete ${them(orders)} first.`);
  await tx.customer.delete({ where: { key } });
  return new ChangeSet().add('customers', 'deleted', [{ key: row.key, isNumber: row.keyIsNumber }]);
}
