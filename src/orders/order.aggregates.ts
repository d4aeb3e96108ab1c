import { CHANGE_KINDS, type ChangeSet } from '../db/changes.js';
import type { Tx } from '../db/client.js';
import { COUNTED_STATUS } from '../customers/customers.feed.js';
import { chunks } from '../shared/chunks.js';

/** What an order adds to its customer's orders_count and total_spent. */
export interface OrderShare {
  customerKey: string;
  financialStatus: string | null;
  totalPrice: bigint;
}

const counted = (share: OrderShare | undefined) =>
  share && share.financialStatus === COUNTED_STATUS ? share : undefined;

/**
 * The customers whose aggregates an order's change moves: none when it counted for neither
 * state, or for the same customer with the same total; otherwise the customer it left and the
 * one it joined. `before` is undefined for a create, `after` for a delete.
 */
export function customersMoved(before: OrderShare | undefined, after: OrderShare | undefined): string[] {
  const [was, is] = [counted(before), counted(after)];
  if (!was && !is) return [];
  if (was && is && was.customerKey === is.customerKey && was.totalPrice === is.totalPrice) return [];
  return [...new Set([was?.customerKey, is?.customerKey].filter((key): key is string => key !== undefined))];
}

/**
 * Adds a customers `recounted` change for each of `keys` the change set does not announce yet, so
 * convertedin hears of new totals in the transaction that made them (the feed sums them from
 * the orders on every read, so only the event was missing).
 */
export async function announceCustomers(tx: Tx, changes: ChangeSet, keys: Iterable<string>): Promise<void> {
  const announced = new Set(CHANGE_KINDS.flatMap((kind) => changes.ids('customers', kind).map((id) => id.key)));
  const wanted = [...new Set(keys)].filter((key) => !announced.has(key));
  for (const part of chunks(wanted)) {
    const rows = await tx.customer.findMany({ where: { key: { in: part } }, select: { key: true, keyIsNumber: true } });
    changes.add(
      'customers',
      'recounted',
      rows.map((row) => ({ key: row.key, isNumber: row.keyIsNumber })),
    );
  }
}
