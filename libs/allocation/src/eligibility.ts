import { CandidateStatus, CandidateStock } from './candidate-stock';
import { CustomerConstraints } from './customer-constraints';
import { isPositiveQuantity, locationKey } from '@lotbridge/lot';
import { SkipCode } from './allocation-reason';
import { ResolvedOrderLine } from './order-line';

const DAY_MS = 86_400_000;

/** "1 day", "12 days" */
export function daysText(count: number): string {
  return `${count} ${Math.abs(count) === 1 ? 'day' : 'days'}`;
}

/** Whole days from one calendar date to another (negative when `to` is earlier); both YYYY-MM-DD. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * The shelf life an order line needs and who asks for it. The stricter of the order line's and the
 * customer's requirement applies; `requiredBy` names who asks ("customer C1", "order line", or
 * "customer C1 (and order line)" when they agree).
 */
export interface ShelfLifeRequirement {
  days: number;
  requiredBy: string;
}

export function shelfLifeRequirement(line: ResolvedOrderLine, customer?: CustomerConstraints): ShelfLifeRequirement | undefined {
  const fromLine = line.minRemainingShelfLifeDays;
  const fromCustomer = customer?.minRemainingShelfLifeDays;
  if (fromLine === undefined && fromCustomer === undefined) return undefined;
  const byCustomer = `customer ${line.customer}`;
  if (fromLine === undefined) return { days: fromCustomer ?? 0, requiredBy: byCustomer };
  if (fromCustomer === undefined || fromLine > fromCustomer) return { days: fromLine, requiredBy: 'order line' };
  if (fromCustomer > fromLine) return { days: fromCustomer, requiredBy: byCustomer };
  return { days: fromLine, requiredBy: `${byCustomer} (and order line)` };
}

const STATUS_CODES: Readonly<Record<Exclude<CandidateStatus, 'released'>, SkipCode>> = {
  none: 'ALLOCATION.NO_LOT_STATUS',
  quarantine: 'ALLOCATION.LOT_IN_QUARANTINE',
  'on-hold': 'ALLOCATION.LOT_ON_HOLD',
  rejected: 'ALLOCATION.LOT_REJECTED',
  recalled: 'ALLOCATION.LOT_RECALLED',
  expired: 'ALLOCATION.EXPIRED',
};

/** A warehouse location in the plant: code "DE01" or "DE01/…" ("DE010/MAIN" is another plant). */
export function isInPlant(candidate: CandidateStock, plant: string): boolean {
  const { kind, code } = candidate.location;
  return kind === 'warehouse' && (code === plant || code.startsWith(`${plant}/`));
}

export interface Ineligibility {
  code: SkipCode;
  detail: string;
}

/**
 * Why a lot location may not be allocated to the line at all, or undefined when it may.
 * Expired means expiry date < reference date: a lot expiring on the reference date is still good that day
 * (0 days left), which only a shelf-life requirement of 1 day or more refuses.
 */
export function ineligibility(
  candidate: CandidateStock,
  line: ResolvedOrderLine,
  customer: CustomerConstraints | undefined,
  shelfLife: ShelfLifeRequirement | undefined,
): Ineligibility | undefined {
  if (candidate.item !== line.item) {
    return { code: 'ALLOCATION.WRONG_ITEM', detail: `stock is item ${JSON.stringify(candidate.item)}, order line item ${JSON.stringify(line.item)}` };
  }
  if (!isInPlant(candidate, line.warehouse)) {
    const where = candidate.location.kind === 'warehouse' ? `in warehouse ${candidate.location.code}` : `at ${locationKey(candidate.location)} (not a warehouse)`;
    return { code: 'ALLOCATION.WRONG_WAREHOUSE', detail: `stock is ${where}, order line ships from plant ${line.warehouse}` };
  }
  if (line.strategy === 'SPECIFIED_LOT' && candidate.batchNumber !== line.batchNumber) {
    return {
      code: 'ALLOCATION.NOT_SPECIFIED_LOT',
      detail: `batch ${JSON.stringify(candidate.batchNumber)} is not the specified ${JSON.stringify(line.batchNumber)}`,
    };
  }
  if (customer?.excludedBatchNumbers?.includes(candidate.batchNumber)) {
    return { code: 'ALLOCATION.EXCLUDED_FOR_CUSTOMER', detail: `customer ${line.customer} excludes batch ${JSON.stringify(candidate.batchNumber)}` };
  }
  if (candidate.unit !== line.unit) {
    return { code: 'ALLOCATION.UNIT_MISMATCH', detail: `stock is kept in ${candidate.unit}, order line is in ${line.unit} (no conversion)` };
  }
  if (candidate.status !== 'released') {
    const detail = candidate.status === 'none' ? 'quality has no status for this lot (never released)' : `lot status is ${candidate.status}`;
    return { code: STATUS_CODES[candidate.status], detail };
  }
  if (candidate.expiryDate !== undefined) {
    const daysLeft = daysBetween(line.referenceDate, candidate.expiryDate);
    if (daysLeft < 0) {
      return {
        code: 'ALLOCATION.EXPIRED',
        detail: `expired ${candidate.expiryDate}: ${daysText(-daysLeft)} before reference date ${line.referenceDate}`,
      };
    }
    if (shelfLife && daysLeft < shelfLife.days) {
      return {
        code: 'ALLOCATION.SHORT_SHELF_LIFE',
        detail: `expires ${candidate.expiryDate}: ${daysText(daysLeft)} left on ${line.referenceDate}, ${shelfLife.requiredBy} needs ${shelfLife.days}`,
      };
    }
  }
  if (!isPositiveQuantity(candidate.available)) {
    return { code: 'ALLOCATION.NO_AVAILABLE_STOCK', detail: `available ${candidate.available} ${candidate.unit}` };
  }
  return undefined;
}
