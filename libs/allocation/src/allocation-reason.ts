import { Location } from '@lotbridge/lot';

/**
 * Why a lot location was skipped. Stable codes: auditors query by them, services count them; the detail text
 * is for people and carries the numbers. Eligibility codes are checked in this order and the first that applies
 * is the one recorded (a recalled lot in the wrong plant reads WRONG_WAREHOUSE).
 */
export type SkipCode =
  /** stock of another item (the caller passed stock it should not have) */
  | 'ALLOCATION.WRONG_ITEM'
  /** not a warehouse location of the order line's plant */
  | 'ALLOCATION.WRONG_WAREHOUSE'
  /** SPECIFIED_LOT: another batch number (byte for byte) */
  | 'ALLOCATION.NOT_SPECIFIED_LOT'
  /** the customer's constraints exclude this batch number */
  | 'ALLOCATION.EXCLUDED_FOR_CUSTOMER'
  /** stock is kept in another unit than the order line's; no conversion is guessed */
  | 'ALLOCATION.UNIT_MISMATCH'
  /** quality has no status record for the lot: never released, so not allocatable */
  | 'ALLOCATION.NO_LOT_STATUS'
  | 'ALLOCATION.LOT_IN_QUARANTINE'
  | 'ALLOCATION.LOT_ON_HOLD'
  | 'ALLOCATION.LOT_REJECTED'
  | 'ALLOCATION.LOT_RECALLED'
  /** status `expired`, or expiry date before the reference date */
  | 'ALLOCATION.EXPIRED'
  /** not expired, but fewer days left than the order line or customer needs */
  | 'ALLOCATION.SHORT_SHELF_LIFE'
  /** nothing free at this location (zero or less after reservations) */
  | 'ALLOCATION.NO_AVAILABLE_STOCK'
  // The codes below are for eligible stock that the strategy passed over.
  /** single-lot-only line: this lot alone does not cover the quantity */
  | 'ALLOCATION.SINGLE_LOT_TOO_SMALL'
  /** the customer's maxLotsPerLine was reached by lots earlier in strategy order */
  | 'ALLOCATION.MAX_LOTS_REACHED'
  /** the quantity was already covered by lots earlier in strategy order */
  | 'ALLOCATION.NOT_NEEDED';

export type ChosenCode = 'ALLOCATION.CHOSEN';

/** Why some quantity stays backordered. */
export type BackorderCode = 'ALLOCATION.INSUFFICIENT_STOCK' | 'ALLOCATION.SINGLE_LOT_TOO_SMALL' | 'ALLOCATION.MAX_LOTS_REACHED';

/** One line of the audit trail: what happened to one lot at one location, and why. */
export type AllocationReason = {
  item: string;
  batchNumber: string;
  location: Location;
  /** e.g. "expires 2026-01-10: 12 days left on 2025-12-29, customer C1 needs 30" */
  detail: string;
} & ({ verdict: 'chosen'; code: ChosenCode; quantity: string } | { verdict: 'skipped'; code: SkipCode });

export interface BackorderReason {
  code: BackorderCode;
  detail: string;
}
