import { Injectable } from '@nestjs/common';
import { recordAppliedMessage } from '@lotbridge/persistence';
import { ReservationRecord, reservationMessage } from '../messaging/reservation.mapper';
import { AllocationOutbox } from '../persistence/allocation-outbox.service';
import { AllocationRepository, StoredOrderLine } from '../persistence/allocation.repository';
import { applyLotStatusToProjection } from '../stock/lot-projection';

export type CancelOutcome =
  | { kind: 'cancelled'; orderLine: StoredOrderLine; released: ReservationRecord[] }
  | { kind: 'already-cancelled'; orderLine: StoredOrderLine; released: [] }
  /** unknown id: a tombstone now refuses a late allocation of it (libs/allocation `cancel`) */
  | { kind: 'cancelled-before-allocation'; orderLine: StoredOrderLine; released: [] };

/** Statuses on lot.status.v1 that take a lot's reservations away (anything but released). */
const RELEASING: Readonly<Record<string, string>> = {
  'on-hold': 'ALLOCATION.RELEASED_LOT_ON_HOLD',
  recalled: 'ALLOCATION.RELEASED_LOT_RECALLED',
  rejected: 'ALLOCATION.RELEASED_LOT_REJECTED',
  expired: 'ALLOCATION.RELEASED_LOT_EXPIRED',
  quarantine: 'ALLOCATION.RELEASED_LOT_IN_QUARANTINE',
};

/**
 * Gives reserved stock back: when an order line is cancelled, and when a lot stops being released (hold,
 * recall, rejection). Each release is a new version of the reservation (state RELEASED, quantity 0) on
 * allocation.reservations.v1, written in the transaction that releases it, and an audit entry.
 */
@Injectable()
export class ReleaseReservationsHandler {
  constructor(
    private readonly repository: AllocationRepository,
    private readonly outbox: AllocationOutbox,
  ) {}

  async cancel(orderLineId: string): Promise<CancelOutcome> {
    // A decision of the same id committing meanwhile makes the tombstone's insert find it: then cancel that decision.
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.cancelOnce(orderLineId);
      if (outcome !== 'decided-meanwhile') return outcome;
      if (attempt >= 3) throw new Error(`order line ${orderLineId} keeps changing while it is cancelled`);
    }
  }

  private async cancelOnce(orderLineId: string): Promise<CancelOutcome | 'decided-meanwhile'> {
    const outcome = await this.repository.transaction(async (tx): Promise<CancelOutcome | 'decided-meanwhile'> => {
      const at = new Date().toISOString();
      const existing = await tx.orderLine(orderLineId, true);
      if (existing === undefined) {
        if (!(await tx.recordTombstone(orderLineId, at))) return 'decided-meanwhile';
        return { kind: 'cancelled-before-allocation', orderLine: { orderLineId, status: 'cancelled', decision: null, decidedAt: at, cancelledAt: at }, released: [] };
      }
      if (existing.status === 'cancelled') return { kind: 'already-cancelled', orderLine: existing, released: [] };
      const released = await tx.release({ orderLineId }, 'ALLOCATION.RELEASED_CANCELLED', `order line ${orderLineId} cancelled`, at);
      await tx.writeOutbox(released.map(reservationMessage));
      await tx.markCancelled(orderLineId, at);
      return { kind: 'cancelled', orderLine: { ...existing, status: 'cancelled', cancelledAt: at }, released };
    });
    if (outcome !== 'decided-meanwhile' && outcome.released.length > 0) this.outbox.wake();
    return outcome;
  }

  /** A LotStatusChanged heard on lot.status.v1 (status in the domain's kebab-case). Applied once per message id. */
  async onLotStatus(messageId: string, change: { item: string; batchNumber: string; status: string; reason: string; changedAt: string }): Promise<ReservationRecord[]> {
    const released = await this.repository.transaction(async (tx) => {
      if (!(await recordAppliedMessage(tx.sql, messageId))) return [];
      if (!(await applyLotStatusToProjection(tx.sql, change))) return [];
      const code = RELEASING[change.status];
      if (code === undefined) return [];
      const reason = `lot ${change.status}: ${change.reason}`;
      const records = await tx.release({ item: change.item, batchNumber: change.batchNumber }, code, reason, new Date().toISOString());
      await tx.writeOutbox(records.map(reservationMessage));
      return records;
    });
    if (released.length > 0) this.outbox.wake();
    return released;
  }
}
