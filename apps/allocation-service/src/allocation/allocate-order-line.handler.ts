import { Injectable } from '@nestjs/common';
import { AllocationDecision, CandidateStock, OrderLine, ReservationRefusalCode, allocate, emptyReservations, lotLocationKey } from '@lotbridge/allocation';
import { lotKey } from '@lotbridge/contracts';
import { locationKey } from '@lotbridge/lot';
import { AllocationOutbox } from '../persistence/allocation-outbox.service';
import { isRetryable } from '../persistence/allocation-sql';
import { AllocationRepository } from '../persistence/allocation.repository';
import { ReservationRecord, reservationId, reservationMessage } from '../messaging/reservation.mapper';
import { QualityStatusClient } from '../quality/quality-status.client';

export type AllocateOutcome =
  | { kind: 'decided'; decision: AllocationDecision; reservations: ReservationRecord[] }
  /** the same order line again: its first decision, with its reservations as they are now */
  | { kind: 'repeated'; decision: AllocationDecision; reservations: ReservationRecord[] }
  | { kind: 'refused'; code: ReservationRefusalCode; detail: string };

const ATTEMPTS = 3;

/**
 * Decides an order line and reserves what it picks, in one transaction (libs/allocation `allocate` holds the
 * rules; this wires them to the database and to quality):
 * 1. advisory lock on (item, plant), read the order line's earlier entry and the customer's constraints;
 *    a repeat is answered from the first decision without asking anybody;
 * 2. read the candidate stock (on hand and reserved per lot location, receipt, expiry);
 * 3. ask quality for the status of those lots (fails closed: QualityUnavailableError rolls everything back);
 * 4. decide, then write order line, reservations, reserved totals, audit and LotReservation messages at once.
 * A deadlock or a concurrent first request of the same id runs the whole transaction again.
 */
@Injectable()
export class AllocateOrderLineHandler {
  constructor(
    private readonly repository: AllocationRepository,
    private readonly quality: QualityStatusClient,
    private readonly outbox: AllocationOutbox,
  ) {}

  async execute(line: OrderLine): Promise<AllocateOutcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        const outcome = await this.attempt(line);
        if (outcome.kind === 'decided' && outcome.reservations.length > 0) this.outbox.wake();
        return outcome;
      } catch (error) {
        if (attempt >= ATTEMPTS || !isRetryable(error)) throw error;
      }
    }
  }

  private attempt(line: OrderLine): Promise<AllocateOutcome> {
    return this.repository.transaction(async (tx) => {
      const { existing, constraints } = await tx.lockItemInPlant(line.item, line.warehouse, line.orderLineId, line.customer);
      if (existing) {
        const outcome = allocate({ lines: new Map([[line.orderLineId, existing]]), reserved: new Map() }, line, []);
        if (outcome.kind === 'refused') return { kind: 'refused', code: outcome.code, detail: outcome.detail };
        return { kind: 'repeated', decision: outcome.decision, reservations: await tx.reservationsOf(line.orderLineId) };
      }
      const rows = await tx.candidates(line.item, line.warehouse);
      const lots = [...new Map(rows.map((row) => [lotKey(line.item, row.batchNumber), { item: line.item, batchNumber: row.batchNumber }])).values()];
      const statuses = await this.quality.statusesOf(lots);
      const stock: CandidateStock[] = rows.map((row) => ({
        item: line.item,
        batchNumber: row.batchNumber,
        location: row.location,
        available: row.onHand,
        unit: row.unit,
        receivedAt: row.receivedAt,
        ...(row.expiryDate !== undefined && { expiryDate: row.expiryDate }),
        status: statuses.get(lotKey(line.item, row.batchNumber)) ?? 'none',
      }));
      const reserved = new Map(rows.filter((row) => row.reserved !== '0').map((row) => [lotLocationKey(line.item, row.batchNumber, row.location), row.reserved]));
      const outcome = allocate({ ...emptyReservations(), reserved }, line, stock, constraints);
      if (outcome.kind === 'refused') return { kind: 'refused', code: outcome.code, detail: outcome.detail };
      const { decision } = outcome;
      const at = new Date().toISOString();
      const reservations: ReservationRecord[] = decision.picks.map((pick) => ({
        reservationId: reservationId(decision.orderLineId, line.item, pick.batchNumber, locationKey(pick.location)),
        version: 1,
        orderLineId: decision.orderLineId,
        item: line.item,
        batchNumber: pick.batchNumber,
        location: pick.location,
        quantity: pick.quantity,
        unit: line.unit,
        state: 'RESERVED',
        reason: null,
        changedAt: at,
      }));
      await tx.recordDecision(decision, reservations, reservations.map(reservationMessage), at);
      return { kind: 'decided', decision, reservations };
    });
  }
}
