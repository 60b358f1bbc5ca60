import { Location, isInternal, locationKey } from './location';
import { LotMovement } from './movement';
import { compareQuantities, subtractQuantities } from './quantity';

/**
 * Double-entry stock: a movement posts its quantity out of `from` and into `to`. Virtual locations are
 * posted too (a supplier's balance goes negative by what it delivered), so the sum of a lot's balances over
 * all locations is always zero and any imbalance shows a lost or doubled movement.
 */
export interface StockPosting {
  item: string;
  batchNumber: string;
  location: Location;
  /** signed exact decimal */
  delta: string;
}

export function postingsOf(movement: LotMovement): [StockPosting, StockPosting] {
  const { item, batchNumber, quantity } = movement;
  return [
    { item, batchNumber, location: movement.from, delta: `-${quantity}` },
    { item, batchNumber, location: movement.to, delta: quantity },
  ];
}

/**
 * What a warehouse does with an issue it does not have the stock for. Documents from different ERPs arrive
 * out of order (the goods issue before the goods receipt), so such an issue is never lost:
 * - `strict`: the issue is parked (not posted) with an exception and an alert, and posted as soon as receipts
 *   cover it;
 * - `allow-with-alert`: the issue is posted, the balance goes negative, and an alert stays raised until
 *   receipts bring it back to zero or above.
 */
export type NegativeStockPolicy = 'strict' | 'allow-with-alert';

export type StockDecision =
  | { kind: 'post'; postings: [StockPosting, StockPosting] }
  | { kind: 'post-below-zero'; postings: [StockPosting, StockPosting]; shortBy: string; reason: string }
  | { kind: 'park'; shortBy: string; reason: string };

/** Decides how a movement is posted given the lot's on-hand quantity at its `from` location. */
export function decideStockPosting(movement: LotMovement, onHandAtFrom: string, policy: NegativeStockPolicy = 'strict'): StockDecision {
  if (!isInternal(movement.from) || compareQuantities(onHandAtFrom, movement.quantity) >= 0) {
    return { kind: 'post', postings: postingsOf(movement) };
  }
  const shortBy = subtractQuantities(movement.quantity, onHandAtFrom);
  const reason =
    `movement ${movement.movementId} issues ${movement.quantity} ${movement.unit} of lot ${movement.item}/${JSON.stringify(movement.batchNumber)} ` +
    `at ${locationKey(movement.from)}, which has ${onHandAtFrom} on hand (short ${shortBy} ${movement.unit})`;
  return policy === 'strict' ? { kind: 'park', shortBy, reason } : { kind: 'post-below-zero', postings: postingsOf(movement), shortBy, reason };
}
