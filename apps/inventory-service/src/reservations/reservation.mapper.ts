import type * as contract from '@lotbridge/contracts';
import { LotReservation, ReservationState } from '@lotbridge/inventory';
import { LocationKind } from '@lotbridge/lot';

/** allocation.reservations.v1 (Avro upper-snake symbols) -> the domain's reservation. */
export function fromReservationContract(value: contract.LotReservation): LotReservation {
  return {
    reservationId: value.reservationId,
    version: value.version,
    orderLineId: value.orderLineId,
    item: value.item,
    batchNumber: value.batchNumber,
    location: {
      kind: value.location.kind.toLowerCase().replace(/_/g, '-') as LocationKind,
      code: value.location.code,
      ...(value.location.bin !== null && { bin: value.location.bin }),
    },
    quantity: value.quantity,
    unit: value.unit,
    state: value.state.toLowerCase() as ReservationState,
    ...(value.reason !== null && { reason: value.reason }),
    changedAt: new Date(value.changedAt).toISOString(),
  };
}
