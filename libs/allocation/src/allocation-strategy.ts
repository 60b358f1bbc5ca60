import { locationKey } from '@lotbridge/lot';
import type { CandidateStock } from './candidate-stock';

/**
 * How an order line chooses among eligible lots:
 * - FIFO: first in, first out, by the lot's first receipt instant.
 * - FEFO: first expired, first out, by expiry date; lots without an expiry date come last.
 * - LIFO: last in, first out (e.g. bulk goods stacked in a silo).
 * - SPECIFIED_LOT: the customer named one batch number; only it may be picked.
 */
export type AllocationStrategy = 'FIFO' | 'FEFO' | 'LIFO' | 'SPECIFIED_LOT';

export const ALLOCATION_STRATEGIES: readonly AllocationStrategy[] = ['FIFO', 'FEFO', 'LIFO', 'SPECIFIED_LOT'];

export function isAllocationStrategy(value: unknown): value is AllocationStrategy {
  return typeof value === 'string' && (ALLOCATION_STRATEGIES as readonly string[]).includes(value);
}

type StockOrder = (a: CandidateStock, b: CandidateStock) => number;

/**
 * Text order by UTF-16 code units: the same on every machine and in every locale (localeCompare is not),
 * and it compares batch numbers as the opaque strings they are.
 */
export function compareText(a: string, b: string): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Dates are YYYY-MM-DD, so text order is date order. No expiry date means "does not expire": last. */
const byExpiry: StockOrder = (a, b) => {
  if (a.expiryDate === b.expiryDate) return 0;
  if (a.expiryDate === undefined) return 1;
  if (b.expiryDate === undefined) return -1;
  return compareText(a.expiryDate, b.expiryDate);
};

/** Instants are compared as instants: as text "…:11.500Z" would sort before "…:11Z". */
const byReceipt: StockOrder = (a, b) => Math.sign(Date.parse(a.receivedAt) - Date.parse(b.receivedAt));
const newestReceiptFirst: StockOrder = (a, b) => byReceipt(b, a);
const byBatchNumber: StockOrder = (a, b) => compareText(a.batchNumber, b.batchNumber);
const byLocation: StockOrder = (a, b) => compareText(locationKey(a.location), locationKey(b.location));
/** Only stock of another item (skipped anyway) can tie on everything else. */
const byItem: StockOrder = (a, b) => compareText(a.item, b.item);

function inTurn(...orders: StockOrder[]): StockOrder {
  return (a, b) => {
    for (const order of orders) {
      const result = order(a, b);
      if (result !== 0) return result;
    }
    return 0;
  };
}

/**
 * The one place the strategies' orders are defined. Every order ends in batch number, then location key, then
 * item, so that it is total over distinct lot locations and a decision never depends on the input's order.
 * - FEFO: expiry date ascending (none last), then receipt instant ascending, then batch number, then location key.
 * - FIFO: receipt instant ascending, then expiry date ascending (none last), then batch number, then location key.
 * - LIFO: receipt instant descending, then expiry date ascending (none last), then batch number, then location key.
 * - SPECIFIED_LOT: as FIFO; only the one batch is eligible, so this orders its locations (oldest stock first).
 */
const STRATEGY_ORDERS: Readonly<Record<AllocationStrategy, StockOrder>> = {
  FEFO: inTurn(byExpiry, byReceipt, byBatchNumber, byLocation, byItem),
  FIFO: inTurn(byReceipt, byExpiry, byBatchNumber, byLocation, byItem),
  LIFO: inTurn(newestReceiptFirst, byExpiry, byBatchNumber, byLocation, byItem),
  SPECIFIED_LOT: inTurn(byReceipt, byExpiry, byBatchNumber, byLocation, byItem),
};

/** The candidates in the order the strategy considers them (a new array; the input is not changed). */
export function inStrategyOrder<T extends CandidateStock>(strategy: AllocationStrategy, candidates: readonly T[]): T[] {
  return [...candidates].sort(STRATEGY_ORDERS[strategy]);
}
