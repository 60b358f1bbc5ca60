import { AllocationInputError } from './allocation-errors';

/**
 * What one customer has agreed with us about the lots it receives (the quality agreement), applied to every
 * order line of that customer:
 * - `minRemainingShelfLifeDays`: days the lot must still have on the reference date. The stricter of this and
 *   the order line's own requirement applies: neither can loosen the other.
 * - `excludedBatchNumbers`: lots this customer must not get (e.g. after a complaint), matched byte for byte.
 * - `maxLotsPerLine`: at most this many different lots (batch numbers) on one order line.
 */
export interface CustomerConstraints {
  customer: string;
  minRemainingShelfLifeDays?: number;
  excludedBatchNumbers?: readonly string[];
  maxLotsPerLine?: number;
}

export function constraintsProblems(constraints: readonly CustomerConstraints[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const c of constraints) {
    const who = `customer ${JSON.stringify(c.customer)}`;
    if (!c.customer) problems.push('customer is empty');
    if (seen.has(c.customer)) problems.push(`${who} has constraints twice`);
    seen.add(c.customer);
    if (c.minRemainingShelfLifeDays !== undefined && !(Number.isSafeInteger(c.minRemainingShelfLifeDays) && c.minRemainingShelfLifeDays >= 0)) {
      problems.push(`${who}: minRemainingShelfLifeDays ${c.minRemainingShelfLifeDays} is not a whole number of days >= 0`);
    }
    if (c.maxLotsPerLine !== undefined && !(Number.isSafeInteger(c.maxLotsPerLine) && c.maxLotsPerLine >= 1)) {
      problems.push(`${who}: maxLotsPerLine ${c.maxLotsPerLine} is not a whole number >= 1`);
    }
  }
  return problems;
}

/** The constraints of one customer (customer numbers match byte for byte), or undefined when it has none. */
export function constraintsFor(constraints: readonly CustomerConstraints[], customer: string): CustomerConstraints | undefined {
  const problems = constraintsProblems(constraints);
  if (problems.length > 0) throw new AllocationInputError('ALLOCATION.INVALID_CONSTRAINTS', problems);
  return constraints.find((c) => c.customer === customer);
}
