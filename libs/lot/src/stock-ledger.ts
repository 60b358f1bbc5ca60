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

export type StockDecision =
  | { kind: 'post'; postings: [StockPosting, StockPosting] }
  | { kind: 'refuse'; code: 'INVENTORY.INSUFFICIENT_STOCK'; reason: string };

/**
 * Decides whether a movement can be posted given the lot's on-hand quantity at its `from` location.
 * A warehouse never goes below zero; virtual locations have no such bound.
 */
export function decideStockPosting(movement: LotMovement, onHandAtFrom: string): StockDecision {
  if (isInternal(movement.from) && compareQuantities(onHandAtFrom, movement.quantity) < 0) {
    return {
      kind: 'refuse',
      code: 'INVENTORY.INSUFFICIENT_STOCK',
      reason:
        `movement ${movement.movementId} would take lot ${movement.item}/${JSON.stringify(movement.batchNumber)} ` +
        `at ${locationKey(movement.from)} below zero: on hand ${onHandAtFrom}, issue ${movement.quantity} ` +
        `(short ${subtractQuantities(movement.quantity, onHandAtFrom)} ${movement.unit})`,
    };
  }
  return { kind: 'post', postings: postingsOf(movement) };
}
