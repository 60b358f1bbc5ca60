import { Injectable } from '@nestjs/common';
import { heldQuantity, LotReservation, reservationProblems } from '@lotbridge/inventory';
import { locationKey } from '@lotbridge/lot';
import { PermanentMessageError } from '@lotbridge/messaging';
import { StockRepository } from '../persistence/stock.repository';

export type ReservationOutcome = 'applied' | 'superseded' | 'duplicate';

/**
 * Keeps what the allocation service reserved per lot per location. A record is the whole current state of its
 * reservation: a higher version replaces the kept one, a lower or equal one (late, repeated) only joins the
 * history. Every version is kept, so reserved stock as of a past instant is replayed as on-hand stock is.
 */
@Injectable()
export class ApplyReservationHandler {
  constructor(private readonly stock: StockRepository) {}

  async execute(messageId: string, reservation: LotReservation): Promise<ReservationOutcome> {
    const problems = reservationProblems(reservation);
    if (problems.length > 0) {
      throw new PermanentMessageError('INVENTORY.INVALID_RESERVATION', `reservation ${JSON.stringify(reservation.reservationId)} is invalid: ${problems.join('; ')}`);
    }
    return this.stock.transaction(async (tx) => {
      if (!(await tx.recordMessage(messageId))) return 'duplicate';
      const held = heldQuantity(reservation);
      const key = locationKey(reservation.location);
      await tx.$execute(
        `INSERT INTO reservation_version (reservation_id, version, item, batch_number, location_key, held, changed_at)
         VALUES ($1, $2, $3, $4, $5, $6::numeric, $7::timestamptz) ON CONFLICT DO NOTHING`,
        reservation.reservationId, reservation.version, reservation.item, reservation.batchNumber, key, held, reservation.changedAt,
      );
      const changed = await tx.$execute(
        `INSERT INTO stock_reservation (reservation_id, version, order_line_id, item, batch_number, location_key, location_kind, location_code, bin,
                                        quantity, held, unit, state, reason, changed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::numeric, $11::numeric, $12, $13, $14, $15::timestamptz)
         ON CONFLICT (reservation_id) DO UPDATE SET version = EXCLUDED.version, order_line_id = EXCLUDED.order_line_id, item = EXCLUDED.item,
           batch_number = EXCLUDED.batch_number, location_key = EXCLUDED.location_key, location_kind = EXCLUDED.location_kind,
           location_code = EXCLUDED.location_code, bin = EXCLUDED.bin, quantity = EXCLUDED.quantity, held = EXCLUDED.held, unit = EXCLUDED.unit,
           state = EXCLUDED.state, reason = EXCLUDED.reason, changed_at = EXCLUDED.changed_at
         WHERE stock_reservation.version < EXCLUDED.version`,
        reservation.reservationId, reservation.version, reservation.orderLineId, reservation.item, reservation.batchNumber, key,
        reservation.location.kind, reservation.location.code, reservation.location.bin ?? null, reservation.quantity, held, reservation.unit,
        reservation.state, reservation.reason ?? null, reservation.changedAt,
      );
      return changed === 1 ? 'applied' : 'superseded';
    });
  }
}
