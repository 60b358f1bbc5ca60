import { batchNumberProblem, isCalendarDate, isPositiveQuantity, isUtcInstant, quantityProblem } from '@lotbridge/lot';
import { AllocationInputError } from './allocation-errors';
import { AllocationStrategy, isAllocationStrategy } from './allocation-strategy';

/**
 * One line of a customer order, as allocation sees it. Glossary:
 * - `orderLineId`: the idempotency key: one order line is allocated once.
 * - `quantity`: exact decimal text, positive, in `unit` (no unit conversion here: stock in another unit is skipped).
 * - `warehouse`: the plant it ships from ("DE01"); stock at warehouse locations "DE01" and "DE01/…" qualifies.
 * - `batchNumber`: the lot the customer asked for; only with strategy SPECIFIED_LOT, matched byte for byte.
 * - `minRemainingShelfLifeDays`: the lot must not expire within this many days of `referenceDate`.
 * - `singleLotOnly`: the customer accepts exactly one lot for this line, or a backorder.
 * - `requestedAt`: UTC instant of the request.
 * - `referenceDate`: YYYY-MM-DD on which expiry and shelf life are judged (e.g. the planned ship date);
 *   defaults to the UTC date of `requestedAt`.
 */
export interface OrderLine {
  orderLineId: string;
  item: string;
  quantity: string;
  unit: string;
  warehouse: string;
  customer: string;
  strategy: AllocationStrategy;
  batchNumber?: string;
  minRemainingShelfLifeDays?: number;
  singleLotOnly?: boolean;
  requestedAt: string;
  referenceDate?: string;
}

/** An order line with its reference date settled, as recorded in a decision. */
export type ResolvedOrderLine = OrderLine & { referenceDate: string };

/** Every reason an order line cannot be allocated at all, naming the field; empty when it is valid. */
export function orderLineProblems(line: OrderLine): string[] {
  const problems: string[] = [];
  if (!line.orderLineId) problems.push('orderLineId is empty');
  if (!line.item) problems.push('item is empty');
  const quantity = quantityProblem(line.quantity);
  if (quantity) problems.push(`quantity "${line.quantity}" is ${quantity.replace(/-/g, ' ')}`);
  else if (!isPositiveQuantity(line.quantity)) problems.push(`quantity "${line.quantity}" is not positive`);
  if (!line.unit) problems.push('unit is empty');
  // a plant code never contains "/": "DE01/MAIN" here would silently match nothing
  if (!line.warehouse || line.warehouse.includes('/')) problems.push(`warehouse "${line.warehouse}" is not a plant code`);
  if (!line.customer) problems.push('customer is empty');
  if (!isAllocationStrategy(line.strategy)) problems.push(`strategy "${String(line.strategy)}" is unknown`);
  if (line.strategy === 'SPECIFIED_LOT') {
    if (line.batchNumber === undefined) problems.push('batchNumber is missing (strategy SPECIFIED_LOT)');
    else {
      const batch = batchNumberProblem(line.batchNumber);
      if (batch) problems.push(`batchNumber is ${batch.replace(/-/g, ' ')}`);
    }
  } else if (line.batchNumber !== undefined) {
    // refused rather than ignored: a lot named with FEFO would otherwise be silently overruled
    problems.push(`batchNumber is only allowed with strategy SPECIFIED_LOT, not ${String(line.strategy)}`);
  }
  const days = line.minRemainingShelfLifeDays;
  if (days !== undefined && !(Number.isSafeInteger(days) && days >= 0)) {
    problems.push(`minRemainingShelfLifeDays ${days} is not a whole number of days >= 0`);
  }
  if (!isUtcInstant(line.requestedAt)) problems.push(`requestedAt "${line.requestedAt}" is not a UTC instant (ISO 8601 with Z)`);
  if (line.referenceDate !== undefined && !isCalendarDate(line.referenceDate)) {
    problems.push(`referenceDate "${line.referenceDate}" is not a calendar date (YYYY-MM-DD)`);
  }
  return problems;
}

/** The line with its reference date settled; throws `ALLOCATION.INVALID_ORDER_LINE` when it is not valid. */
export function resolveOrderLine(line: OrderLine): ResolvedOrderLine {
  const problems = orderLineProblems(line);
  if (problems.length > 0) throw new AllocationInputError('ALLOCATION.INVALID_ORDER_LINE', problems);
  // requestedAt is a validated UTC instant: its first ten characters are its UTC date
  return { ...line, referenceDate: line.referenceDate ?? line.requestedAt.slice(0, 10) };
}
