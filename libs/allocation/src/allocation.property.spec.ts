import fc from 'fast-check';
import { Location, addQuantities, compareQuantities, isPositiveQuantity, warehouse } from '@lotbridge/lot';
import { CandidateStock, LotStatus, candidateKey, lotLocationKey } from './candidate-stock';
import { CustomerConstraints } from './customer-constraints';
import { AllocationDecision, decideAllocation } from './decide-allocation';
import { OrderLine } from './order-line';
import { Reservations, allocate, cancel, emptyReservations, reserve } from './reservations';
import { ALLOCATION_STRATEGIES } from './allocation-strategy';

/**
 * The allocation promises as properties over random stock: exact conservation, never more than available,
 * never an ineligible lot (checked against an independent restatement of the rules), independence from input
 * order, and a ledger that never reserves the same units twice.
 */

const REFERENCE_DATE = '2025-12-29';
const DAY_MS = 86_400_000;
/** Look-alike batch numbers: case, trailing space, leading zeros, non-ASCII. */
const BATCHES = ['A', 'a', 'A ', '批次-001', '批次-001 ', '0012', '12'];
const LOCATIONS: Location[] = [
  warehouse('DE01', 'MAIN'),
  warehouse('DE01', 'COLD', 'B-1'),
  warehouse('DE01'),
  warehouse('DE010', 'MAIN'),
  warehouse('FR01', 'MAIN'),
  { kind: 'in-transit', code: 'DE01/MAIN' },
];
const OTHER_STATUSES: LotStatus[] = ['quarantine', 'on-hold', 'rejected', 'recalled', 'expired'];

/** An exact decimal with up to 3 decimals, built as text (never through a float). */
function scaled(units: number, scale: number): string {
  if (scale === 0) return String(units);
  const digits = String(units).padStart(scale + 1, '0');
  return `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}
const quantity = (min: number, max: number) => fc.tuple(fc.integer({ min, max }), fc.integer({ min: 0, max: 3 })).map(([n, scale]) => scaled(n, scale));
const dateFromReference = (offset: number) => new Date(Date.parse(`${REFERENCE_DATE}T00:00:00Z`) + offset * DAY_MS).toISOString().slice(0, 10);

/** Receipt instant and expiry date of a lot; a lot's locations usually share them (ties for the tie-breakers). */
interface LotFacts {
  receivedAt: string;
  expiryDate?: string;
}
const lotFactsArb: fc.Arbitrary<LotFacts> = fc.record({
  // a few instants, some with milliseconds, some equal: ties must be broken deterministically
  receivedAt: fc.integer({ min: 0, max: 5 }).chain((day) =>
    fc.constantFrom(0, 500, 1000).map((ms) => new Date(Date.parse('2025-01-01T00:00:00Z') + day * DAY_MS + ms).toISOString().replace('.000Z', 'Z')),
  ),
  // dates around the reference date are where expiry and shelf-life rules bite
  expiryDate: fc.option(fc.oneof(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -10, max: 200 })).map(dateFromReference), { nil: undefined }),
});

const candidateArb = (factsByBatch: LotFacts[]): fc.Arbitrary<CandidateStock> =>
  fc
    .record({
      item: fc.oneof({ arbitrary: fc.constant('4711'), weight: 9 }, { arbitrary: fc.constant('4712'), weight: 1 }),
      batch: fc.nat({ max: BATCHES.length - 1 }),
      location: fc.constantFrom(...LOCATIONS),
      available: fc.oneof({ arbitrary: quantity(0, 20_000), weight: 9 }, { arbitrary: fc.constantFrom('0', '-1.5'), weight: 1 }),
      unit: fc.oneof({ arbitrary: fc.constant('H87'), weight: 9 }, { arbitrary: fc.constant('KGM'), weight: 1 }),
      ownFacts: fc.option(lotFactsArb, { freq: 5, nil: undefined }),
      status: fc.oneof({ arbitrary: fc.constant<LotStatus>('released'), weight: 6 }, { arbitrary: fc.constantFrom(...OTHER_STATUSES), weight: 1 }),
    })
    .map(({ batch, ownFacts, ...rest }) => {
      const facts = ownFacts ?? factsByBatch[batch];
      const batchNumber = BATCHES[batch];
      if (facts === undefined || batchNumber === undefined) throw new Error(`no lot ${batch}`);
      const { receivedAt, expiryDate } = facts;
      const candidate: CandidateStock = { ...rest, batchNumber, receivedAt };
      return expiryDate === undefined ? candidate : { ...candidate, expiryDate };
    });

const stockArb = fc
  .array(lotFactsArb, { minLength: BATCHES.length, maxLength: BATCHES.length })
  .chain((facts) => fc.uniqueArray(candidateArb(facts), { selector: candidateKey, maxLength: 14 }));

const lineArb = (orderLineId: string): fc.Arbitrary<OrderLine> =>
  fc
    .record({
      quantity: quantity(1, 40_000),
      strategy: fc.constantFrom(...ALLOCATION_STRATEGIES),
      batchNumber: fc.constantFrom(...BATCHES),
      minRemainingShelfLifeDays: fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined }),
      singleLotOnly: fc.boolean(),
    })
    .map(({ batchNumber, minRemainingShelfLifeDays, ...rest }) => ({
      orderLineId,
      item: '4711',
      unit: 'H87',
      warehouse: 'DE01',
      customer: 'C1',
      requestedAt: `${REFERENCE_DATE}T10:00:00Z`,
      ...rest,
      ...(rest.strategy === 'SPECIFIED_LOT' ? { batchNumber } : {}),
      ...(minRemainingShelfLifeDays === undefined ? {} : { minRemainingShelfLifeDays }),
    }));

const constraintsArb: fc.Arbitrary<CustomerConstraints[]> = fc.option(
  fc.record(
    {
      customer: fc.constant('C1'),
      minRemainingShelfLifeDays: fc.integer({ min: 0, max: 120 }),
      excludedBatchNumbers: fc.subarray(BATCHES),
      maxLotsPerLine: fc.integer({ min: 1, max: 3 }),
    },
    { requiredKeys: ['customer'] },
  ).map((c) => [c]),
  { nil: [] },
);

/** The eligibility rules restated independently of the implementation. */
function isEligible(c: CandidateStock, line: OrderLine, constraints: CustomerConstraints[]): boolean {
  const customer = constraints.find((k) => k.customer === line.customer);
  const needed = Math.max(line.minRemainingShelfLifeDays ?? 0, customer?.minRemainingShelfLifeDays ?? 0);
  const daysLeft = c.expiryDate === undefined ? Infinity : (Date.parse(c.expiryDate) - Date.parse(REFERENCE_DATE)) / DAY_MS;
  const inPlant = c.location.kind === 'warehouse' && (c.location.code === line.warehouse || c.location.code.startsWith(`${line.warehouse}/`));
  return (
    c.item === line.item &&
    inPlant &&
    (line.strategy !== 'SPECIFIED_LOT' || c.batchNumber === line.batchNumber) &&
    !(customer?.excludedBatchNumbers ?? []).includes(c.batchNumber) &&
    c.unit === line.unit &&
    c.status === 'released' &&
    daysLeft >= 0 &&
    daysLeft >= needed &&
    isPositiveQuantity(c.available)
  );
}

const sum = (quantities: string[]) => quantities.reduce(addQuantities, '0');
const pickKey = (d: AllocationDecision, p: { batchNumber: string; location: Location }) => lotLocationKey(d.line.item, p.batchNumber, p.location);

describe('allocation decisions (properties)', () => {
  it('conserve quantity exactly: sum of picks + backordered = requested', () => {
    fc.assert(
      fc.property(lineArb('L1'), stockArb, constraintsArb, (line, stock, constraints) => {
        const d = decideAllocation(line, stock, constraints);
        expect(d.allocated).toBe(sum(d.picks.map((p) => p.quantity)));
        expect(compareQuantities(addQuantities(d.allocated, d.backordered), line.quantity)).toBe(0);
        expect(compareQuantities(d.backordered, '0')).toBeGreaterThanOrEqual(0);
        expect(d.fullyAllocated).toBe(compareQuantities(d.backordered, '0') === 0);
        expect(d.backorderReason === undefined).toBe(d.fullyAllocated);
      }),
      { numRuns: 500 },
    );
  });

  it('never pick more than a lot location has, never twice from one, never from an ineligible lot', () => {
    fc.assert(
      fc.property(lineArb('L1'), stockArb, constraintsArb, (line, stock, constraints) => {
        const d = decideAllocation(line, stock, constraints);
        const byKey = new Map(stock.map((c) => [candidateKey(c), c]));
        const picked = new Set<string>();
        for (const pick of d.picks) {
          const key = pickKey(d, pick);
          const candidate = byKey.get(key);
          expect(candidate).toBeDefined();
          expect(picked.has(key)).toBe(false);
          picked.add(key);
          expect(isPositiveQuantity(pick.quantity)).toBe(true);
          expect(compareQuantities(pick.quantity, candidate?.available ?? '0')).toBeLessThanOrEqual(0);
          expect(candidate && isEligible(candidate, line, constraints)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('take all eligible stock they need: allocated = min(eligible stock, requested), within the lot rules', () => {
    fc.assert(
      fc.property(lineArb('L1'), stockArb, constraintsArb, (line, stock, constraints) => {
        const d = decideAllocation(line, stock, constraints);
        const eligible = stock.filter((c) => isEligible(c, line, constraints));
        const lots = new Set(d.picks.map((p) => p.batchNumber));
        if (line.singleLotOnly) {
          expect(lots.size).toBeLessThanOrEqual(1);
          expect(d.fullyAllocated || d.picks.length === 0).toBe(true);
          const lotTotals = new Map<string, string>();
          for (const c of eligible) lotTotals.set(c.batchNumber, addQuantities(lotTotals.get(c.batchNumber) ?? '0', c.available));
          expect(d.fullyAllocated).toBe([...lotTotals.values()].some((t) => compareQuantities(t, line.quantity) >= 0));
        } else if (constraints[0]?.maxLotsPerLine !== undefined) {
          expect(lots.size).toBeLessThanOrEqual(constraints[0].maxLotsPerLine);
        } else {
          const total = sum(eligible.map((c) => c.available));
          expect(compareQuantities(d.allocated, compareQuantities(total, line.quantity) < 0 ? total : line.quantity)).toBe(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('give one reason per stock record and do not depend on the order of the stock', () => {
    fc.assert(
      fc.property(
        lineArb('L1'),
        stockArb.chain((stock) => fc.tuple(fc.constant(stock), fc.shuffledSubarray(stock, { minLength: stock.length, maxLength: stock.length }))),
        constraintsArb,
        (line, [stock, shuffled], constraints) => {
          const d = decideAllocation(line, stock, constraints);
          expect(d.reasons.map((r) => lotLocationKey(r.item, r.batchNumber, r.location)).sort()).toEqual(stock.map(candidateKey).sort());
          expect(d.reasons.filter((r) => r.verdict === 'chosen').length).toBe(d.picks.length);
          expect(decideAllocation(line, shuffled, constraints)).toEqual(d);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('the reservation ledger (properties)', () => {
  const reservedWithin = (state: Reservations, stock: CandidateStock[]) => {
    const byKey = new Map(stock.map((c) => [candidateKey(c), c]));
    for (const [key, total] of state.reserved) {
      expect(isPositiveQuantity(total)).toBe(true);
      expect(compareQuantities(total, byKey.get(key)?.available ?? '0')).toBeLessThanOrEqual(0);
    }
  };
  const linesArb = fc.array(fc.nat(), { minLength: 2, maxLength: 5 }).chain((ids) => fc.tuple(...ids.map((_, i) => lineArb(`L${i}`))));

  it('never reserve more than there is when order lines are allocated one after another', () => {
    fc.assert(
      fc.property(linesArb, stockArb, constraintsArb, (lines, stock, constraints) => {
        let state = emptyReservations();
        for (const line of lines) {
          const outcome = allocate(state, line, stock, constraints);
          expect(outcome.kind).toBe('reserved');
          state = outcome.state;
          reservedWithin(state, stock);
        }
        // the totals are exactly the sum of the lines' picks
        const totals = new Map<string, string>();
        for (const { decision } of state.lines.values()) {
          for (const pick of decision?.picks ?? []) {
            const key = pickKey(decision as AllocationDecision, pick);
            totals.set(key, addQuantities(totals.get(key) ?? '0', pick.quantity));
          }
        }
        expect(state.reserved).toEqual(totals);
      }),
      { numRuns: 300 },
    );
  });

  it('never reserve the same units twice for decisions made concurrently on the same view', () => {
    fc.assert(
      fc.property(linesArb, stockArb, (lines, stock) => {
        const decisions = lines.map((line) => decideAllocation(line, stock));
        let state = emptyReservations();
        for (const decision of decisions) {
          const outcome = reserve(state, decision, stock);
          if (outcome.kind === 'refused') expect(outcome.code).toBe('ALLOCATION.STALE_DECISION');
          state = outcome.state;
          reservedWithin(state, stock);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('give back an empty ledger when every allocated line is cancelled, each as often as it likes', () => {
    fc.assert(
      fc.property(linesArb, stockArb, fc.array(fc.nat({ max: 4 }), { maxLength: 10 }), (lines, stock, extraCancels) => {
        let state = emptyReservations();
        for (const line of lines) state = allocate(state, line, stock).state;
        for (const i of [...extraCancels, ...lines.keys()]) state = cancel(state, `L${i}`).state;
        expect(state.reserved.size).toBe(0);
        expect([...state.lines.values()].every((l) => l.status === 'cancelled')).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
