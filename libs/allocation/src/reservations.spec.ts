import { allocate, availableAfterReservations, cancel, emptyReservations, reserve, reservedAt, ReserveOutcome, Reservations } from './reservations';
import { decideAllocation } from './decide-allocation';
import { COLD, MAIN, orderLine, picksOf, stock } from './spec-helpers';

const onHand = [stock('A', { available: '8', expiryDate: '2026-02-01' }), stock('B', { available: '8', location: COLD })];

function reserved(outcome: ReserveOutcome): Reservations {
  return newlyReserved(outcome).state;
}

function newlyReserved(outcome: ReserveOutcome): Extract<ReserveOutcome, { kind: 'reserved' }> {
  if (outcome.kind !== 'reserved') throw new Error(`expected a new reservation, got ${outcome.kind}`);
  return outcome;
}

describe('the reservation ledger', () => {
  it('reserves what an order line was allocated and leaves the rest to the next line', () => {
    const first = allocate(emptyReservations(), orderLine({ orderLineId: 'L1', quantity: '10' }), onHand);
    expect(first.kind).toBe('reserved');
    const afterFirst = reserved(first);
    expect(reservedAt(afterFirst, '4711', 'A', MAIN)).toBe('8');
    expect(reservedAt(afterFirst, '4711', 'B', COLD)).toBe('2');
    expect(availableAfterReservations(onHand, afterFirst).map((s) => s.available)).toEqual(['0', '6']);

    const second = newlyReserved(allocate(afterFirst, orderLine({ orderLineId: 'L2', quantity: '10' }), onHand));
    expect(picksOf(second.decision)).toEqual([['B', 'DE01/COLD', '6']]);
    expect(second.decision.reasons[0]).toMatchObject({ batchNumber: 'A', code: 'ALLOCATION.NO_AVAILABLE_STOCK', detail: 'available 0 H87' });
    expect(second.decision.backordered).toBe('4');
  });

  it('is idempotent by order line id: a repeat returns the first decision and changes nothing, even when stock changed', () => {
    const line = orderLine({ orderLineId: 'L1', quantity: '10' });
    const first = newlyReserved(allocate(emptyReservations(), line, onHand));
    const repeat = allocate(first.state, { ...line, requestedAt: '2025-12-30T09:00:00Z' }, [stock('C', { available: '1000' })]);
    expect(repeat).toEqual({ kind: 'already-reserved', state: first.state, decision: first.decision });
    expect(repeat.state).toBe(first.state);
    expect(reserve(first.state, first.decision, onHand)).toMatchObject({ kind: 'already-reserved', decision: first.decision });
  });

  it('records a full backorder too, so that a repeat does not allocate behind the first answer', () => {
    const first = reserved(allocate(emptyReservations(), orderLine({ orderLineId: 'L1', quantity: '10' }), []));
    expect(allocate(first, orderLine({ orderLineId: 'L1', quantity: '10' }), onHand)).toMatchObject({ kind: 'already-reserved', decision: { backordered: '10', picks: [] } });
  });

  it('refuses an order line id used again for a different request', () => {
    const first = reserved(allocate(emptyReservations(), orderLine({ orderLineId: 'L1', quantity: '10' }), onHand));
    expect(allocate(first, orderLine({ orderLineId: 'L1', quantity: '10.000' }), onHand).kind).toBe('already-reserved');
    expect(allocate(first, orderLine({ orderLineId: 'L1', quantity: '12', customer: 'C2' }), onHand)).toEqual({
      kind: 'refused',
      code: 'ALLOCATION.ORDER_LINE_CONFLICT',
      detail: 'order line "L1" was allocated with other values: quantity "10", now "12", customer "C1", now "C2"',
      state: first,
    });
  });

  it('refuses a decision made on a view another reservation has overtaken, so two orders never get the same units', () => {
    // two requests decide concurrently on the same (empty) ledger; the second to reserve must not win
    const free = availableAfterReservations(onHand, emptyReservations());
    const d1 = decideAllocation(orderLine({ orderLineId: 'L1', quantity: '10' }), free);
    const d2 = decideAllocation(orderLine({ orderLineId: 'L2', quantity: '10' }), free);
    const afterFirst = reserved(reserve(emptyReservations(), d1, onHand));
    expect(reserve(afterFirst, d2, onHand)).toEqual({
      kind: 'refused',
      code: 'ALLOCATION.STALE_DECISION',
      detail: 'picks 8 H87 of "A" at warehouse:DE01/MAIN, but only 0 is free (8 before reservations, 8 reserved by other order lines)',
      state: afterFirst,
    });
    // deciding again on the current ledger works and reserves only what is left
    const retried = newlyReserved(allocate(afterFirst, orderLine({ orderLineId: 'L2', quantity: '10' }), onHand));
    expect(picksOf(retried.decision)).toEqual([['B', 'DE01/COLD', '6']]);
  });

  it('refuses a decision whose lot was put on hold after it was made', () => {
    const decision = decideAllocation(orderLine({ orderLineId: 'L1', quantity: '5' }), onHand);
    const nowOnHold = [stock('A', { available: '8', expiryDate: '2026-02-01', status: 'on-hold' }), onHand[1]!];
    expect(reserve(emptyReservations(), decision, nowOnHold)).toMatchObject({
      kind: 'refused',
      code: 'ALLOCATION.STALE_DECISION',
      detail: 'lot "A" at warehouse:DE01/MAIN is now on-hold',
    });
  });
});

describe('cancelling an order line', () => {
  it('releases exactly what it reserved, once', () => {
    const s1 = reserved(allocate(emptyReservations(), orderLine({ orderLineId: 'L1', quantity: '10' }), onHand));
    const s2 = reserved(allocate(s1, orderLine({ orderLineId: 'L2', quantity: '3' }), onHand));
    const cancelled = cancel(s2, 'L1');
    expect(cancelled.kind).toBe('cancelled');
    expect(cancelled.released.map((p) => [p.batchNumber, p.quantity])).toEqual([
      ['A', '8'],
      ['B', '2'],
    ]);
    expect(availableAfterReservations(onHand, cancelled.state).map((s) => s.available)).toEqual(['8', '5']);
    const again = cancel(cancelled.state, 'L1');
    expect(again).toEqual({ kind: 'already-cancelled', state: cancelled.state, released: [] });
    expect(cancel(cancel(again.state, 'L2').state, 'L2').state.reserved).toEqual(new Map());
  });

  it('never allocates a cancelled order line again, even when the cancellation arrived first', () => {
    const s1 = reserved(allocate(emptyReservations(), orderLine({ orderLineId: 'L1' }), onHand));
    expect(allocate(cancel(s1, 'L1').state, orderLine({ orderLineId: 'L1' }), onHand)).toMatchObject({ kind: 'refused', code: 'ALLOCATION.ORDER_LINE_CANCELLED' });

    const early = cancel(emptyReservations(), 'L9');
    expect(early.kind).toBe('cancelled-before-allocation');
    expect(allocate(early.state, orderLine({ orderLineId: 'L9' }), onHand)).toMatchObject({
      kind: 'refused',
      code: 'ALLOCATION.ORDER_LINE_CANCELLED',
      detail: 'order line "L9" was cancelled',
    });
  });
});
