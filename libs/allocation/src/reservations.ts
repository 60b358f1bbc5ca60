import { Location, addQuantities, canonicalQuantity, compareQuantities, isPositiveQuantity, locationKey, subtractQuantities } from '@lotbridge/lot';
import { CandidateStock, assertCandidates, candidateKey, lotLocationKey } from './candidate-stock';
import { CustomerConstraints } from './customer-constraints';
import { AllocationDecision, AllocationPick, decideAllocation } from './decide-allocation';
import { OrderLine, ResolvedOrderLine, resolveOrderLine } from './order-line';

/**
 * The reservation ledger's rules. The service keeps this state in PostgreSQL and serialises changes to one lot
 * location with row locks; these functions say what each change must do, so that:
 * - an order line is decided once: repeating it returns the first decision unchanged (idempotent by id);
 * - the sum reserved at a lot location never exceeds what was there before reservations, whatever the order
 *   in which decisions arrive: a decision made on a view that another reservation has since overtaken is refused;
 * - cancelling releases exactly what the line reserved, once; a cancelled line is never allocated again,
 *   even when the cancellation arrives before the allocation.
 */

/** An order line's entry: its decision, or a tombstone (`decision` absent when cancelled before it was allocated). */
export type OrderLineReservation = { status: 'allocated'; decision: AllocationDecision } | { status: 'cancelled'; decision?: AllocationDecision };

/**
 * Glossary:
 * - `lines`: per order line id, its decision (which may reserve nothing: a full backorder) or its tombstone.
 * - `reserved`: per lot location (`lotLocationKey`), the total reserved by allocated lines. Only positive totals
 *   are kept, so reserving and then cancelling gives back an equal state.
 */
export interface Reservations {
  readonly lines: ReadonlyMap<string, OrderLineReservation>;
  readonly reserved: ReadonlyMap<string, string>;
}

export type ReservationRefusalCode =
  /** the order line id was allocated before with a different item, quantity, unit, plant, customer or rules */
  | 'ALLOCATION.ORDER_LINE_CONFLICT'
  /** the order line was cancelled; its id is never allocated again */
  | 'ALLOCATION.ORDER_LINE_CANCELLED'
  /** a pick exceeds what is free now, or its lot is no longer released: decide again on the current state */
  | 'ALLOCATION.STALE_DECISION';

export type ReserveOutcome =
  | { kind: 'reserved'; state: Reservations; decision: AllocationDecision }
  /** the order line was allocated before: its first decision, state unchanged */
  | { kind: 'already-reserved'; state: Reservations; decision: AllocationDecision }
  | { kind: 'refused'; code: ReservationRefusalCode; detail: string; state: Reservations };

export type CancelOutcome =
  | { kind: 'cancelled'; state: Reservations; released: AllocationPick[] }
  | { kind: 'already-cancelled'; state: Reservations; released: [] }
  /** unknown id: a tombstone is recorded so that an allocation arriving late is refused */
  | { kind: 'cancelled-before-allocation'; state: Reservations; released: [] };

export function emptyReservations(): Reservations {
  return { lines: new Map(), reserved: new Map() };
}

/** What the ledger holds reserved of one lot at one location ("0" when nothing). */
export function reservedAt(state: Reservations, item: string, batchNumber: string, location: Location): string {
  return state.reserved.get(lotLocationKey(item, batchNumber, location)) ?? '0';
}

/**
 * Stock as free to allocate now: each record's `available` (before the ledger's reservations) minus what the
 * ledger reserves there. Kept exact, even when negative (stock taken after it was reserved): allocation skips it.
 */
export function availableAfterReservations(stock: readonly CandidateStock[], state: Reservations): CandidateStock[] {
  return stock.map((candidate) => {
    const reserved = state.reserved.get(candidateKey(candidate));
    return reserved === undefined ? candidate : { ...candidate, available: subtractQuantities(candidate.available, reserved) };
  });
}

/**
 * Records a decision's reservations. `stock` is the stock before the ledger's reservations (as for
 * `availableAfterReservations`); each pick must fit in what is free now, its lot still released.
 */
export function reserve(state: Reservations, decision: AllocationDecision, stock: readonly CandidateStock[]): ReserveOutcome {
  const existing = state.lines.get(decision.orderLineId);
  if (existing) return repeated(state, existing, decision.line);
  assertCandidates(stock);
  const stale = staleness(state, decision, stock);
  if (stale) return { kind: 'refused', code: 'ALLOCATION.STALE_DECISION', detail: stale, state };
  const reserved = new Map(state.reserved);
  for (const pick of decision.picks) {
    const key = lotLocationKey(decision.line.item, pick.batchNumber, pick.location);
    reserved.set(key, addQuantities(reserved.get(key) ?? '0', pick.quantity));
  }
  const lines = new Map(state.lines).set(decision.orderLineId, { status: 'allocated', decision });
  return { kind: 'reserved', state: { lines, reserved }, decision };
}

/**
 * Decides and reserves in one step, the way the service does it inside one transaction: a repeated order line
 * gets its first decision back without deciding again; a new one is decided on the stock left after the
 * ledger's reservations.
 */
export function allocate(
  state: Reservations,
  line: OrderLine,
  stock: readonly CandidateStock[],
  constraints: readonly CustomerConstraints[] = [],
): ReserveOutcome {
  const resolved = resolveOrderLine(line);
  const existing = state.lines.get(resolved.orderLineId);
  if (existing) return repeated(state, existing, resolved);
  return reserve(state, decideAllocation(resolved, availableAfterReservations(stock, state), constraints), stock);
}

/** Releases what an order line reserved and leaves a tombstone. Cancelling twice releases once. */
export function cancel(state: Reservations, orderLineId: string): CancelOutcome {
  const existing = state.lines.get(orderLineId);
  if (existing?.status === 'cancelled') return { kind: 'already-cancelled', state, released: [] };
  if (existing === undefined) {
    const lines = new Map(state.lines).set(orderLineId, { status: 'cancelled' });
    return { kind: 'cancelled-before-allocation', state: { lines, reserved: state.reserved }, released: [] };
  }
  const { decision } = existing;
  const reserved = new Map(state.reserved);
  for (const pick of decision.picks) {
    const key = lotLocationKey(decision.line.item, pick.batchNumber, pick.location);
    const left = subtractQuantities(reserved.get(key) ?? '0', pick.quantity);
    if (isPositiveQuantity(left)) reserved.set(key, left);
    else reserved.delete(key);
  }
  const lines = new Map(state.lines).set(orderLineId, { status: 'cancelled', decision });
  return { kind: 'cancelled', state: { lines, reserved }, released: decision.picks };
}

function repeated(state: Reservations, existing: OrderLineReservation, line: ResolvedOrderLine): ReserveOutcome {
  if (existing.status === 'cancelled') {
    return { kind: 'refused', code: 'ALLOCATION.ORDER_LINE_CANCELLED', detail: `order line ${JSON.stringify(line.orderLineId)} was cancelled`, state };
  }
  const differences = requestDifferences(existing.decision.line, line);
  if (differences.length > 0) {
    return {
      kind: 'refused',
      code: 'ALLOCATION.ORDER_LINE_CONFLICT',
      detail: `order line ${JSON.stringify(line.orderLineId)} was allocated with other values: ${differences.join(', ')}`,
      state,
    };
  }
  return { kind: 'already-reserved', state, decision: existing.decision };
}

/**
 * What the customer asked for, compared between the first request and a repeat. requestedAt and referenceDate
 * are left out: a retried request is stamped anew, and the first decision stands.
 */
function requestDifferences(first: ResolvedOrderLine, again: ResolvedOrderLine): string[] {
  const differences: string[] = [];
  const compare = (field: string, a: unknown, b: unknown) => {
    if (a !== b) differences.push(`${field} ${JSON.stringify(a)}, now ${JSON.stringify(b)}`);
  };
  compare('item', first.item, again.item);
  if (compareQuantities(first.quantity, again.quantity) !== 0) compare('quantity', first.quantity, again.quantity);
  compare('unit', first.unit, again.unit);
  compare('warehouse', first.warehouse, again.warehouse);
  compare('customer', first.customer, again.customer);
  compare('strategy', first.strategy, again.strategy);
  compare('batchNumber', first.batchNumber, again.batchNumber);
  compare('minRemainingShelfLifeDays', first.minRemainingShelfLifeDays, again.minRemainingShelfLifeDays);
  compare('singleLotOnly', first.singleLotOnly ?? false, again.singleLotOnly ?? false);
  return differences;
}

/** Why the decision no longer fits the stock and the ledger, or undefined when it does. */
function staleness(state: Reservations, decision: AllocationDecision, stock: readonly CandidateStock[]): string | undefined {
  const byKey = new Map(stock.map((candidate) => [candidateKey(candidate), candidate]));
  const pickedSoFar = new Map<string, string>();
  for (const pick of decision.picks) {
    const key = lotLocationKey(decision.line.item, pick.batchNumber, pick.location);
    const where = `${JSON.stringify(pick.batchNumber)} at ${locationKey(pick.location)}`;
    const candidate = byKey.get(key);
    if (candidate === undefined) return `no stock of ${where}`;
    if (candidate.status !== 'released') return `lot ${where} is now ${candidate.status}`;
    const reserved = state.reserved.get(key) ?? '0';
    const picked = addQuantities(pickedSoFar.get(key) ?? '0', pick.quantity);
    pickedSoFar.set(key, picked);
    if (compareQuantities(addQuantities(reserved, picked), candidate.available) > 0) {
      return (
        `picks ${picked} ${candidate.unit} of ${where}, but only ${subtractQuantities(candidate.available, reserved)} is free ` +
        `(${canonicalQuantity(candidate.available)} before reservations, ${reserved} reserved by other order lines)`
      );
    }
  }
  return undefined;
}
