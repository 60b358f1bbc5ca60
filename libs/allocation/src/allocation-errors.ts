/**
 * Input that no allocation can be decided on: an order line, a stock record or a customer's constraints that
 * break the library's preconditions (a quantity that is not an exact decimal, an unknown strategy, the same lot
 * and location twice). The caller should have checked with `orderLineProblems` / `candidateProblems` /
 * `constraintsProblems` first, so this is a broken invariant and is thrown, not returned.
 * Business outcomes (short shelf life, lot on hold, not enough stock) are never errors: they are reasons.
 */
export type AllocationInputErrorCode = 'ALLOCATION.INVALID_ORDER_LINE' | 'ALLOCATION.INVALID_CANDIDATE' | 'ALLOCATION.INVALID_CONSTRAINTS';

export class AllocationInputError extends Error {
  override readonly name = 'AllocationInputError';

  constructor(
    readonly code: AllocationInputErrorCode,
    readonly problems: readonly string[],
  ) {
    super(`${code}: ${problems.join('; ')}`);
  }
}
