import { ChangeSet } from '../db/changes.js';
import type { Tx } from '../db/client.js';
import { conflict, notFound } from '../http/errors.js';

/** Deletes one customer; one who still has orders is refused, since every order links to a customer. */
export async function deleteCustomer(tx: Tx, key: string): Promise<ChangeSet> {
  const row = await tx.customer.findUnique({ where: { key }, select: { key: true, keyIsNumber: true } });
  if (!row) throw notFound(`No customer has the id ${key}.`);
  const orders = await tx.order.count({ where: { customerKey: key } });
  if (orders > 0) throw conflict(`Customer ${key} still has ${orders} orders. Delete them first.`);
  await tx.customer.delete({ where: { key } });
  return new ChangeSet().add('customers', 'deleted', [{ key: row.key, isNumber: row.keyIsNumber }]);
}
