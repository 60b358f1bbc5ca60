import { warehouse } from '@lotbridge/lot';
import { AllocationInputError } from './allocation-errors';
import { decideAllocation } from './decide-allocation';
import { COLD, MAIN, orderLine, picksOf, reasonFor, reasonsOf, stock } from './spec-helpers';

describe('FEFO', () => {
  it('takes the lot that expires first and skips one with too little shelf life, saying how little', () => {
    const decision = decideAllocation(orderLine({ quantity: '10' }), [stock('LATE', { expiryDate: '2026-09-01' }), stock('SOON', { expiryDate: '2026-03-01' }), stock('SHORT', { expiryDate: '2026-01-10' })], [
      { customer: 'C1', minRemainingShelfLifeDays: 30 },
    ]);
    expect(picksOf(decision)).toEqual([['SOON', 'DE01/MAIN', '10']]);
    expect(reasonFor(decision, 'SHORT')).toEqual({
      item: '4711',
      batchNumber: 'SHORT',
      location: MAIN,
      verdict: 'skipped',
      code: 'ALLOCATION.SHORT_SHELF_LIFE',
      detail: 'expires 2026-01-10: 12 days left on 2025-12-29, customer C1 needs 30',
    });
    expect(reasonFor(decision, 'SOON')).toMatchObject({
      verdict: 'chosen',
      code: 'ALLOCATION.CHOSEN',
      quantity: '10',
      detail: 'FEFO rank 1: expires 2026-03-01 (62 days left on 2025-12-29); picked 10 of 100 H87',
    });
    expect(reasonFor(decision, 'LATE')).toMatchObject({ verdict: 'skipped', code: 'ALLOCATION.NOT_NEEDED' });
    expect(decision).toMatchObject({ orderLineId: 'SO-1|10', allocated: '10', backordered: '0', fullyAllocated: true });
    expect(decision.backorderReason).toBeUndefined();
  });

  it('breaks ties by receipt instant, then batch number, then location key, and puts lots without expiry last', () => {
    const decision = decideAllocation(orderLine({ quantity: '600' }), [
      stock('NO-EXPIRY', { expiryDate: undefined, receivedAt: '2020-01-01T00:00:00Z' }),
      stock('B', { location: MAIN }),
      stock('B', { location: COLD }),
      stock('A', { receivedAt: '2025-01-01T00:00:00.500Z' }),
      stock('C'),
      stock('EARLIER-RECEIPT', { receivedAt: '2024-12-31T23:59:59Z' }),
      stock('EARLIER-EXPIRY', { expiryDate: '2026-06-29', receivedAt: '2025-06-01T00:00:00Z' }),
    ]);
    expect(reasonsOf(decision).map(([batch, where]) => `${batch}@${where}`)).toEqual([
      'EARLIER-EXPIRY@DE01/MAIN',
      'EARLIER-RECEIPT@DE01/MAIN',
      // same expiry and receipt: batch number; same batch: location key ("warehouse:DE01/COLD" < "…/MAIN")
      'B@DE01/COLD',
      'B@DE01/MAIN',
      'C@DE01/MAIN',
      // received half a second later than B and C: an instant compared as an instant, not as text
      'A@DE01/MAIN',
      'NO-EXPIRY@DE01/MAIN',
    ]);
    expect(decision.picks.map((p) => p.quantity)).toEqual(['100', '100', '100', '100', '100', '100']);
  });

  it('judges expiry on the UTC date of the request unless a reference date is given', () => {
    const lots = [stock('TODAY', { expiryDate: '2025-12-31' }), stock('YESTERDAY', { expiryDate: '2025-12-30' })];
    const lateEvening = decideAllocation(orderLine({ requestedAt: '2025-12-31T23:30:00Z' }), lots);
    expect(reasonsOf(lateEvening)).toEqual([
      ['YESTERDAY', 'DE01/MAIN', 'ALLOCATION.EXPIRED'],
      ['TODAY', 'DE01/MAIN', 'ALLOCATION.CHOSEN'],
    ]);
    expect(reasonFor(lateEvening, 'YESTERDAY')?.detail).toBe('expired 2025-12-30: 1 day before reference date 2025-12-31');
    expect(decideAllocation(orderLine({ requestedAt: '2025-12-31T23:30:00Z', referenceDate: '2026-01-01' }), lots).fullyAllocated).toBe(false);
  });

  it('takes a lot expiring on the reference date only when no shelf life is required', () => {
    const lots = [stock('TODAY', { expiryDate: '2025-12-29' })];
    expect(decideAllocation(orderLine(), lots).fullyAllocated).toBe(true);
    expect(reasonFor(decideAllocation(orderLine({ minRemainingShelfLifeDays: 1 }), lots), 'TODAY')).toMatchObject({
      code: 'ALLOCATION.SHORT_SHELF_LIFE',
      detail: 'expires 2025-12-29: 0 days left on 2025-12-29, order line needs 1',
    });
  });
});

describe('FIFO and LIFO', () => {
  const lots = [
    stock('NEW', { receivedAt: '2025-06-01T00:00:00Z', expiryDate: '2026-03-01', available: '6' }),
    stock('OLD', { receivedAt: '2025-01-01T00:00:00Z', expiryDate: '2027-01-01', available: '6' }),
    stock('MID', { receivedAt: '2025-03-01T00:00:00Z', expiryDate: '2026-01-05', available: '6' }),
  ];

  it('FIFO takes the oldest receipt first, whatever the expiry, and skips short shelf life', () => {
    const decision = decideAllocation(orderLine({ strategy: 'FIFO', minRemainingShelfLifeDays: 30 }), lots);
    expect(picksOf(decision)).toEqual([
      ['OLD', 'DE01/MAIN', '6'],
      ['NEW', 'DE01/MAIN', '4'],
    ]);
    expect(reasonFor(decision, 'MID')).toMatchObject({ code: 'ALLOCATION.SHORT_SHELF_LIFE', detail: 'expires 2026-01-05: 7 days left on 2025-12-29, order line needs 30' });
    expect(reasonFor(decision, 'OLD')?.detail).toBe('FIFO rank 1: received 2025-01-01T00:00:00Z; picked 6 of 6 H87');
  });

  it('LIFO takes the newest receipt first', () => {
    expect(picksOf(decideAllocation(orderLine({ strategy: 'LIFO' }), lots))).toEqual([
      ['NEW', 'DE01/MAIN', '6'],
      ['MID', 'DE01/MAIN', '4'],
    ]);
  });
});

describe('specified lot', () => {
  it('takes only the batch number written byte for byte: a trailing space is another lot', () => {
    const decision = decideAllocation(orderLine({ strategy: 'SPECIFIED_LOT', batchNumber: '批次-001', quantity: '15' }), [
      stock('批次-001 ', { receivedAt: '2020-01-01T00:00:00Z' }),
      stock('批次-001', { available: '10', location: COLD }),
      stock('批次-001', { available: '10' }),
      stock('批次-00１'),
    ]);
    expect(picksOf(decision)).toEqual([
      ['批次-001', 'DE01/COLD', '10'],
      ['批次-001', 'DE01/MAIN', '5'],
    ]);
    expect(reasonFor(decision, '批次-001 ')).toMatchObject({
      verdict: 'skipped',
      code: 'ALLOCATION.NOT_SPECIFIED_LOT',
      detail: 'batch "批次-001 " is not the specified "批次-001"',
    });
    expect(reasonFor(decision, '批次-00１')?.code).toBe('ALLOCATION.NOT_SPECIFIED_LOT');
  });

  it('backorders when the specified lot is not there, rather than taking another', () => {
    const decision = decideAllocation(orderLine({ strategy: 'SPECIFIED_LOT', batchNumber: '批次-001 ' }), [stock('批次-001')]);
    expect(decision.picks).toEqual([]);
    expect(decision).toMatchObject({ backordered: '10', fullyAllocated: false, backorderReason: { code: 'ALLOCATION.INSUFFICIENT_STOCK' } });
  });
});

describe('eligibility', () => {
  it.each([
    ['quarantine', 'ALLOCATION.LOT_IN_QUARANTINE'],
    ['on-hold', 'ALLOCATION.LOT_ON_HOLD'],
    ['rejected', 'ALLOCATION.LOT_REJECTED'],
    ['recalled', 'ALLOCATION.LOT_RECALLED'],
    ['expired', 'ALLOCATION.EXPIRED'],
  ] as const)('skips a lot in status %s with %s', (status, code) => {
    const decision = decideAllocation(orderLine(), [stock('BLOCKED', { status, expiryDate: '2026-01-01' }), stock('GOOD')]);
    expect(reasonFor(decision, 'BLOCKED')).toMatchObject({ verdict: 'skipped', code, detail: `lot status is ${status}` });
    expect(picksOf(decision)).toEqual([['GOOD', 'DE01/MAIN', '10']]);
  });

  it('skips a lot that quality has no status for with ALLOCATION.NO_LOT_STATUS', () => {
    const decision = decideAllocation(orderLine(), [stock('UNKNOWN', { status: 'none', expiryDate: '2026-01-01' }), stock('GOOD')]);
    expect(reasonFor(decision, 'UNKNOWN')).toMatchObject({ verdict: 'skipped', code: 'ALLOCATION.NO_LOT_STATUS', detail: 'quality has no status for this lot (never released)' });
    expect(picksOf(decision)).toEqual([['GOOD', 'DE01/MAIN', '10']]);
  });

  it('skips a released lot whose expiry date is before the reference date', () => {
    const decision = decideAllocation(orderLine(), [stock('OLD', { expiryDate: '2025-12-28' })]);
    expect(reasonFor(decision, 'OLD')).toMatchObject({ code: 'ALLOCATION.EXPIRED', detail: 'expired 2025-12-28: 1 day before reference date 2025-12-29' });
    expect(decision.fullyAllocated).toBe(false);
  });

  it('takes stock only from warehouse locations of the order line plant', () => {
    const decision = decideAllocation(orderLine({ quantity: '1000' }), [
      stock('A', { location: warehouse('DE01') }),
      stock('B', { location: warehouse('DE01', 'MAIN', 'A-01-03') }),
      stock('C', { location: warehouse('DE010', 'MAIN') }),
      stock('D', { location: warehouse('FR01', 'MAIN') }),
      stock('E', { location: { kind: 'in-transit', code: 'DE01/MAIN' } }),
    ]);
    expect(reasonsOf(decision)).toEqual([
      ['A', 'DE01', 'ALLOCATION.CHOSEN'],
      ['B', 'DE01/MAIN#A-01-03', 'ALLOCATION.CHOSEN'],
      ['C', 'DE010/MAIN', 'ALLOCATION.WRONG_WAREHOUSE'],
      ['D', 'FR01/MAIN', 'ALLOCATION.WRONG_WAREHOUSE'],
      ['E', 'in-transit:DE01/MAIN', 'ALLOCATION.WRONG_WAREHOUSE'],
    ]);
    expect(decision.reasons[3]?.detail).toBe('stock is in warehouse FR01/MAIN, order line ships from plant DE01');
    expect(decision.reasons[4]?.detail).toBe('stock is at in-transit:DE01/MAIN (not a warehouse), order line ships from plant DE01');
  });

  it('skips stock kept in another unit instead of converting', () => {
    const decision = decideAllocation(orderLine(), [stock('KG', { unit: 'KGM' })]);
    expect(reasonFor(decision, 'KG')).toMatchObject({ code: 'ALLOCATION.UNIT_MISMATCH', detail: 'stock is kept in KGM, order line is in H87 (no conversion)' });
  });

  it('skips stock of another item and stock with nothing free', () => {
    const decision = decideAllocation(orderLine(), [stock('OTHER', { item: '4712' }), stock('EMPTY', { available: '0' }), stock('OVER', { available: '-2.5' })]);
    expect(reasonsOf(decision).map(([batch, , code]) => [batch, code])).toEqual([
      ['EMPTY', 'ALLOCATION.NO_AVAILABLE_STOCK'],
      ['OTHER', 'ALLOCATION.WRONG_ITEM'],
      ['OVER', 'ALLOCATION.NO_AVAILABLE_STOCK'],
    ]);
    expect(reasonFor(decision, 'OVER')?.detail).toBe('available -2.5 H87');
  });
});

describe('partial allocation', () => {
  it('takes what there is, exactly, and backorders the rest with the numbers', () => {
    const decision = decideAllocation(orderLine({ quantity: '0.5' }), [
      stock('A', { available: '0.1', expiryDate: '2026-02-01' }),
      stock('B', { available: '0.2' }),
    ]);
    expect(picksOf(decision)).toEqual([
      ['A', 'DE01/MAIN', '0.1'],
      ['B', 'DE01/MAIN', '0.2'],
    ]);
    expect(decision).toMatchObject({
      allocated: '0.3',
      backordered: '0.2',
      fullyAllocated: false,
      backorderReason: { code: 'ALLOCATION.INSUFFICIENT_STOCK', detail: 'eligible stock in plant DE01 covers 0.3 of 0.5 H87; 0.2 backordered' },
    });
  });
});

describe('single lot only', () => {
  it('takes the first lot in strategy order that covers the line alone, skipping smaller earlier ones', () => {
    const decision = decideAllocation(orderLine({ quantity: '50', singleLotOnly: true }), [
      stock('SMALL', { available: '40', expiryDate: '2026-02-01' }),
      stock('BIG', { available: '60', expiryDate: '2026-03-01' }),
      stock('LATER', { available: '100', expiryDate: '2026-04-01' }),
    ]);
    expect(picksOf(decision)).toEqual([['BIG', 'DE01/MAIN', '50']]);
    expect(reasonFor(decision, 'SMALL')).toMatchObject({
      code: 'ALLOCATION.SINGLE_LOT_TOO_SMALL',
      detail: 'lot has 40 H87 eligible in plant DE01, single-lot order line needs 50',
    });
    expect(reasonFor(decision, 'LATER')?.code).toBe('ALLOCATION.NOT_NEEDED');
  });

  it('counts one lot at several locations of the plant as one lot', () => {
    const decision = decideAllocation(orderLine({ quantity: '50', singleLotOnly: true }), [stock('SPLIT', { available: '30' }), stock('SPLIT', { available: '30', location: COLD })]);
    expect(picksOf(decision)).toEqual([
      ['SPLIT', 'DE01/COLD', '30'],
      ['SPLIT', 'DE01/MAIN', '20'],
    ]);
  });

  it('backorders everything, with a reason, when no single lot covers the line', () => {
    const decision = decideAllocation(orderLine({ quantity: '50', singleLotOnly: true }), [stock('A', { available: '40' }), stock('B', { available: '30' })]);
    expect(decision.picks).toEqual([]);
    expect(decision).toMatchObject({
      allocated: '0',
      backordered: '50',
      fullyAllocated: false,
      backorderReason: { code: 'ALLOCATION.SINGLE_LOT_TOO_SMALL', detail: 'no single lot covers 50 H87; the largest eligible lot "A" has 40; all backordered' },
    });
  });
});

describe('customer constraints', () => {
  it('never gives a customer a batch it excludes', () => {
    const decision = decideAllocation(orderLine(), [stock('COMPLAINED', { expiryDate: '2026-01-31' }), stock('FINE')], [{ customer: 'C1', excludedBatchNumbers: ['COMPLAINED'] }]);
    expect(reasonFor(decision, 'COMPLAINED')).toMatchObject({ code: 'ALLOCATION.EXCLUDED_FOR_CUSTOMER', detail: 'customer C1 excludes batch "COMPLAINED"' });
    expect(picksOf(decision)).toEqual([['FINE', 'DE01/MAIN', '10']]);
  });

  it('applies only the constraints of the order line customer', () => {
    const decision = decideAllocation(orderLine(), [stock('X')], [{ customer: 'C2', excludedBatchNumbers: ['X'] }, { customer: 'c1', excludedBatchNumbers: ['X'] }]);
    expect(decision.fullyAllocated).toBe(true);
  });

  it('applies the stricter of the order line and customer shelf-life requirements', () => {
    const lots = [stock('D40', { expiryDate: '2026-02-07' })];
    const customer = [{ customer: 'C1', minRemainingShelfLifeDays: 30 }];
    expect(decideAllocation(orderLine({ minRemainingShelfLifeDays: 10 }), lots, customer).fullyAllocated).toBe(true);
    expect(reasonFor(decideAllocation(orderLine({ minRemainingShelfLifeDays: 45 }), lots, customer), 'D40')?.detail).toBe(
      'expires 2026-02-07: 40 days left on 2025-12-29, order line needs 45',
    );
    expect(reasonFor(decideAllocation(orderLine({ minRemainingShelfLifeDays: 5 }), lots, [{ customer: 'C1', minRemainingShelfLifeDays: 41 }]), 'D40')?.detail).toBe(
      'expires 2026-02-07: 40 days left on 2025-12-29, customer C1 needs 41',
    );
  });

  it('stops at the customer maximum of lots per line and says so', () => {
    const decision = decideAllocation(
      orderLine({ quantity: '25' }),
      [stock('A', { available: '10', expiryDate: '2026-02-01' }), stock('A', { available: '5', location: COLD, expiryDate: '2026-02-01' }), stock('B', { available: '5' }), stock('C', { available: '50', expiryDate: '2026-12-01' })],
      [{ customer: 'C1', maxLotsPerLine: 2 }],
    );
    expect(picksOf(decision)).toEqual([
      ['A', 'DE01/COLD', '5'],
      ['A', 'DE01/MAIN', '10'],
      ['B', 'DE01/MAIN', '5'],
    ]);
    expect(reasonFor(decision, 'C')).toMatchObject({ code: 'ALLOCATION.MAX_LOTS_REACHED', detail: 'customer C1 accepts at most 2 lots per line, already picked "A", "B"' });
    expect(decision).toMatchObject({
      backordered: '5',
      backorderReason: { code: 'ALLOCATION.MAX_LOTS_REACHED', detail: 'customer C1 accepts at most 2 lots per line; they cover 20 of 25 H87; 5 backordered' },
    });
  });
});

describe('input that cannot be decided on', () => {
  const codeOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return error instanceof AllocationInputError ? [error.code, ...error.problems] : error;
    }
    return undefined;
  };

  it('refuses an invalid order line, naming every problem', () => {
    expect(codeOf(() => decideAllocation(orderLine({ quantity: '1,5', warehouse: 'DE01/MAIN', batchNumber: 'X', requestedAt: '2025-12-29 08:00' }), []))).toEqual([
      'ALLOCATION.INVALID_ORDER_LINE',
      'quantity "1,5" is not a number',
      'warehouse "DE01/MAIN" is not a plant code',
      'batchNumber is only allowed with strategy SPECIFIED_LOT, not FEFO',
      'requestedAt "2025-12-29 08:00" is not a UTC instant (ISO 8601 with Z)',
    ]);
    expect(codeOf(() => decideAllocation(orderLine({ strategy: 'SPECIFIED_LOT', quantity: '0' }), []))).toEqual([
      'ALLOCATION.INVALID_ORDER_LINE',
      'quantity "0" is not positive',
      'batchNumber is missing (strategy SPECIFIED_LOT)',
    ]);
  });

  it('refuses the same lot location listed twice, which would count its units twice', () => {
    expect(codeOf(() => decideAllocation(orderLine(), [stock('A'), stock('A', { available: '5' })]))).toEqual([
      'ALLOCATION.INVALID_CANDIDATE',
      '"A" at warehouse:DE01/MAIN is listed twice',
    ]);
  });

  it('refuses constraints that contradict themselves', () => {
    expect(codeOf(() => decideAllocation(orderLine(), [], [{ customer: 'C1', maxLotsPerLine: 0 }, { customer: 'C1' }]))).toEqual([
      'ALLOCATION.INVALID_CONSTRAINTS',
      'customer "C1": maxLotsPerLine 0 is not a whole number >= 1',
      'customer "C1" has constraints twice',
    ]);
  });
});
