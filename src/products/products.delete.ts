import { ChangeSet } from '../db/changes.js';
import type { Tx } from '../db/client.js';
import { RecordNotFound } from '../shared/errors.js';
import { echoedId } from '../shared/words.js';

/** Deletes one product. Order line items keep their product ids: they record what was sold. */
export async function deleteProduct(tx: Tx, key: string): Promise<ChangeSet> {
  const row = await tx.product.findUnique({ where: { key }, select: { key: true, keyIsNumber: true } });
  if (!row) throw new RecordNotFound(`No product has the id ${echoedId(key)}.`);
  await tx.product.delete({ where: { key } });
  return new ChangeSet().add('products', 'deleted', [{ key: row.key, isNumber: row.keyIsNumber }]);
}
