import type * as contract from '@lotbridge/contracts';
import { TOPICS, lotKey } from '@lotbridge/contracts';
import { Location } from '@lotbridge/lot';
import { OutboxEntry, outboxEntry } from '@lotbridge/messaging';

/** A reservation row as the service keeps it (quantity: what it holds or held, exact decimal text). */
export interface ReservationRecord {
  reservationId: string;
  version: number;
  orderLineId: string;
  item: string;
  batchNumber: string;
  location: Location;
  quantity: string;
  unit: string;
  state: 'RESERVED' | 'RELEASED';
  reason: string | null;
  changedAt: string;
}

/** Stable per order line, lot and location: JSON of the parts, so no separator inside a batch number can collide. */
export function reservationId(orderLineId: string, item: string, batchNumber: string, locationKey: string): string {
  return JSON.stringify([orderLineId, item, batchNumber, locationKey]);
}

/** The LotReservation message of this state of the reservation; released ones carry quantity 0, as the contract says. */
export function reservationMessage(reservation: ReservationRecord): OutboxEntry {
  const value: contract.LotReservation = {
    reservationId: reservation.reservationId,
    version: reservation.version,
    orderLineId: reservation.orderLineId,
    item: reservation.item,
    batchNumber: reservation.batchNumber,
    location: {
      kind: reservation.location.kind.toUpperCase().replace(/-/g, '_') as contract.LocationKind,
      code: reservation.location.code,
      bin: reservation.location.bin ?? null,
    },
    quantity: reservation.state === 'RESERVED' ? reservation.quantity : '0',
    unit: reservation.unit,
    state: reservation.state,
    reason: reservation.reason,
    changedAt: reservation.changedAt,
  };
  return outboxEntry(TOPICS.lotReservations, lotKey(reservation.item, reservation.batchNumber), `${reservation.reservationId}|v${reservation.version}`, value);
}
