import { batchNumberProblem, isInternal, isUtcInstant, Location, locationKey, quantityProblem, compareQuantities, subtractQuantities } from '@lotbridge/lot';

export type ReservationState = 'reserved' | 'released' | 'consumed';

/**
 * The current state of one reservation as the allocation service announces it (allocation.reservations.v1):
 * a quantity of one lot at one warehouse location held for one order line. A record replaces the previous one of
 * the same reservation id when its version is higher, so a record applied twice or late changes nothing.
 */
export interface LotReservation {
  reservationId: string;
  version: number;
  orderLineId: string;
  item: string;
  batchNumber: string;
  location: Location;
  /** exact decimal, ≥ 0 */
  quantity: string;
  unit: string;
  state: ReservationState;
  reason?: string;
  /** UTC instant */
  changedAt: string;
}

/** Every reason a reservation record cannot be kept, naming the field; empty when it can. */
export function reservationProblems(reservation: LotReservation): string[] {
  const problems: string[] = [];
  if (!reservation.reservationId) problems.push('reservationId is empty');
  if (!Number.isSafeInteger(reservation.version) || reservation.version < 0) problems.push(`version ${reservation.version} is not a whole number ≥ 0`);
  if (!reservation.item) problems.push('item is empty');
  const batch = batchNumberProblem(reservation.batchNumber);
  if (batch) problems.push(`batch number is ${batch.replace(/-/g, ' ')}`);
  if (!isInternal(reservation.location)) problems.push(`location ${locationKey(reservation.location)} is not a warehouse: only warehouse stock is reserved`);
  const quantity = quantityProblem(reservation.quantity);
  if (quantity) problems.push(`quantity "${reservation.quantity}" is ${quantity.replace(/-/g, ' ')}`);
  else if (compareQuantities(reservation.quantity, '0') < 0) problems.push(`quantity "${reservation.quantity}" is negative`);
  if (!reservation.unit) problems.push('unit is empty');
  if (!isUtcInstant(reservation.changedAt)) problems.push(`changedAt "${reservation.changedAt}" is not a UTC instant`);
  return problems;
}

/** What a reservation holds of its lot location now: its quantity while reserved, nothing once released or consumed. */
export function heldQuantity(reservation: Pick<LotReservation, 'state' | 'quantity'>): string {
  return reservation.state === 'reserved' ? reservation.quantity : '0';
}

/** Whether an incoming record replaces the one kept (higher version wins; an equal or lower one is a repeat or late). */
export function supersedes(incoming: Pick<LotReservation, 'version'>, kept: Pick<LotReservation, 'version'> | undefined): boolean {
  return kept === undefined || incoming.version > kept.version;
}

/**
 * Available = on hand − reserved, exact. It may be negative (stock issued after it was reserved, or a reservation
 * heard before the receipt): it is shown as it is, never clamped, so the difference stays visible.
 */
export function availableQuantity(onHand: string, reserved: string): string {
  return subtractQuantities(onHand, reserved);
}
