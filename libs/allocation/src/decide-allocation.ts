import { Location, addQuantities, canonicalQuantity, compareQuantities, isPositiveQuantity, subtractQuantities } from '@lotbridge/lot';
import { AllocationReason, BackorderReason, SkipCode } from './allocation-reason';
import { inStrategyOrder } from './allocation-strategy';
import { CandidateStock, assertCandidates } from './candidate-stock';
import { CustomerConstraints, constraintsFor } from './customer-constraints';
import { daysText, daysBetween, ineligibility, shelfLifeRequirement } from './eligibility';
import { OrderLine, ResolvedOrderLine, resolveOrderLine } from './order-line';

/** A quantity of one lot (the line's item) to take from one location. */
export interface AllocationPick {
  batchNumber: string;
  location: Location;
  /** exact decimal text, positive */
  quantity: string;
}

/**
 * What allocation decided for one order line. Glossary:
 * - `line`: the order line as decided (reference date settled), so the decision can be audited on its own.
 * - `picks`: in strategy order; at most one per lot location.
 * - `allocated` + `backordered` = the line's quantity, exactly.
 * - `backorderReason`: present exactly when something stays backordered.
 * - `reasons`: one per candidate stock record, in strategy order, chosen or skipped and why.
 */
export interface AllocationDecision {
  orderLineId: string;
  line: ResolvedOrderLine;
  picks: AllocationPick[];
  allocated: string;
  backordered: string;
  fullyAllocated: boolean;
  backorderReason?: BackorderReason;
  reasons: AllocationReason[];
}

type Verdict = { kind: 'pick'; quantity: string } | { kind: 'skip'; code: SkipCode; detail: string };

interface Allocation {
  verdicts: Map<CandidateStock, Verdict>;
  backorderReason?: (shortfall: string) => BackorderReason;
}

/**
 * Decides which lots, from which locations and how much of each an order line gets, and what stays backordered.
 * Pure and deterministic: the same line, stock and constraints give the same decision whatever the order of
 * `candidates` (see `inStrategyOrder` for the orders and their tie-breakers).
 *
 * Eligible stock: the line's item, in the line's plant, released, not expired on the reference date, with the
 * required shelf life, in the line's unit, not excluded for the customer, the specified batch for SPECIFIED_LOT,
 * and something available. Eligible stock is taken in strategy order until the quantity is covered, within the
 * customer's maxLotsPerLine; a single-lot-only line takes the first lot (in strategy order) whose eligible stock
 * alone covers the quantity, or nothing.
 *
 * Throws `AllocationInputError` for an invalid line, stock record or constraints (see `orderLineProblems`).
 */
export function decideAllocation(
  line: OrderLine,
  candidates: readonly CandidateStock[],
  constraints: readonly CustomerConstraints[] = [],
): AllocationDecision {
  const resolved = resolveOrderLine(line);
  assertCandidates(candidates);
  const customer = constraintsFor(constraints, resolved.customer);
  const shelfLife = shelfLifeRequirement(resolved, customer);
  const ranked = inStrategyOrder(resolved.strategy, candidates).map((candidate) => ({
    candidate,
    ineligible: ineligibility(candidate, resolved, customer, shelfLife),
  }));
  const eligible = ranked.filter((r) => r.ineligible === undefined).map((r) => r.candidate);
  const allocation = resolved.singleLotOnly ? fromSingleLot(resolved, eligible) : inStrategyOrderUpTo(resolved, eligible, customer);

  const picks: AllocationPick[] = [];
  const reasons: AllocationReason[] = [];
  for (const { candidate, ineligible } of ranked) {
    const { item, batchNumber, location } = candidate;
    const verdict = ineligible ? ({ kind: 'skip', ...ineligible } as const) : allocation.verdicts.get(candidate);
    if (verdict === undefined) throw new Error(`no verdict for eligible stock ${JSON.stringify(batchNumber)}: every eligible record must get one`);
    if (verdict.kind === 'pick') {
      picks.push({ batchNumber, location, quantity: verdict.quantity });
      const rank = eligible.indexOf(candidate) + 1;
      const detail = `${resolved.strategy} rank ${rank}: ${rankingKey(resolved, candidate)}; picked ${verdict.quantity} of ${canonicalQuantity(candidate.available)} ${candidate.unit}`;
      reasons.push({ item, batchNumber, location, verdict: 'chosen', code: 'ALLOCATION.CHOSEN', quantity: verdict.quantity, detail });
    } else {
      reasons.push({ item, batchNumber, location, verdict: 'skipped', code: verdict.code, detail: verdict.detail });
    }
  }

  const allocated = picks.reduce((sum, pick) => addQuantities(sum, pick.quantity), '0');
  const backordered = subtractQuantities(resolved.quantity, allocated);
  const fullyAllocated = !isPositiveQuantity(backordered);
  const decision: AllocationDecision = { orderLineId: resolved.orderLineId, line: resolved, picks, allocated, backordered, fullyAllocated, reasons };
  if (!fullyAllocated) decision.backorderReason = (allocation.backorderReason ?? insufficientStock(resolved, allocated))(backordered);
  return decision;
}

/** What the strategy ranked this stock by, for the chosen reason's detail. */
function rankingKey(line: ResolvedOrderLine, candidate: CandidateStock): string {
  switch (line.strategy) {
    case 'FEFO':
      return candidate.expiryDate === undefined
        ? 'no expiry date'
        : `expires ${candidate.expiryDate} (${daysText(daysBetween(line.referenceDate, candidate.expiryDate))} left on ${line.referenceDate})`;
    case 'FIFO':
    case 'LIFO':
      return `received ${candidate.receivedAt}`;
    case 'SPECIFIED_LOT':
      return `specified batch ${JSON.stringify(candidate.batchNumber)}, received ${candidate.receivedAt}`;
    default: {
      const never: never = line.strategy;
      throw new Error(`unknown strategy ${String(never)}`);
    }
  }
}

function smaller(a: string, b: string): string {
  return canonicalQuantity(compareQuantities(a, b) <= 0 ? a : b);
}

function insufficientStock(line: ResolvedOrderLine, allocated: string): (shortfall: string) => BackorderReason {
  return (shortfall) => ({
    code: 'ALLOCATION.INSUFFICIENT_STOCK',
    detail: `eligible stock in plant ${line.warehouse} covers ${allocated} of ${canonicalQuantity(line.quantity)} ${line.unit}; ${shortfall} backordered`,
  });
}

/** Eligible stock in strategy order until the quantity is covered, never more lots than the customer accepts. */
function inStrategyOrderUpTo(line: ResolvedOrderLine, eligible: readonly CandidateStock[], customer?: CustomerConstraints): Allocation {
  const verdicts = new Map<CandidateStock, Verdict>();
  const maxLots = customer?.maxLotsPerLine;
  const lotsPicked: string[] = [];
  let remaining = canonicalQuantity(line.quantity);
  let capped = false;
  for (const candidate of eligible) {
    if (!isPositiveQuantity(remaining)) {
      verdicts.set(candidate, { kind: 'skip', code: 'ALLOCATION.NOT_NEEDED', detail: `order line already covered by stock earlier in ${line.strategy} order` });
      continue;
    }
    const newLot = !lotsPicked.includes(candidate.batchNumber);
    if (newLot && maxLots !== undefined && lotsPicked.length >= maxLots) {
      capped = true;
      verdicts.set(candidate, {
        kind: 'skip',
        code: 'ALLOCATION.MAX_LOTS_REACHED',
        detail: `customer ${line.customer} accepts at most ${maxLots} lots per line, already picked ${lotsPicked.map((b) => JSON.stringify(b)).join(', ')}`,
      });
      continue;
    }
    const quantity = smaller(candidate.available, remaining);
    if (newLot) lotsPicked.push(candidate.batchNumber);
    remaining = subtractQuantities(remaining, quantity);
    verdicts.set(candidate, { kind: 'pick', quantity });
  }
  const allocation: Allocation = { verdicts };
  if (capped) {
    allocation.backorderReason = (shortfall) => ({
      code: 'ALLOCATION.MAX_LOTS_REACHED',
      detail: `customer ${line.customer} accepts at most ${maxLots} lots per line; they cover ${subtractQuantities(line.quantity, shortfall)} of ${canonicalQuantity(line.quantity)} ${line.unit}; ${shortfall} backordered`,
    });
  }
  return allocation;
}

/**
 * Single-lot-only: a lot is one batch number, possibly at several locations of the plant. The first lot in
 * strategy order (ranked by its best-ranked location) whose eligible stock alone covers the quantity is taken,
 * from its locations in strategy order; when none does, nothing is picked and all is backordered.
 */
function fromSingleLot(line: ResolvedOrderLine, eligible: readonly CandidateStock[]): Allocation {
  const lots = new Map<string, { members: CandidateStock[]; total: string }>();
  for (const candidate of eligible) {
    const lot = lots.get(candidate.batchNumber) ?? { members: [], total: '0' };
    lot.members.push(candidate);
    lot.total = addQuantities(lot.total, candidate.available);
    lots.set(candidate.batchNumber, lot);
  }
  const quantity = canonicalQuantity(line.quantity);
  const chosen = [...lots.entries()].find(([, lot]) => compareQuantities(lot.total, quantity) >= 0)?.[0];
  const verdicts = new Map<CandidateStock, Verdict>();
  let passedChosen = false;
  for (const [batchNumber, lot] of lots) {
    if (batchNumber === chosen) {
      passedChosen = true;
      let remaining = quantity;
      for (const member of lot.members) {
        if (!isPositiveQuantity(remaining)) {
          verdicts.set(member, { kind: 'skip', code: 'ALLOCATION.NOT_NEEDED', detail: 'order line already covered by other locations of the same lot' });
          continue;
        }
        const picked = smaller(member.available, remaining);
        remaining = subtractQuantities(remaining, picked);
        verdicts.set(member, { kind: 'pick', quantity: picked });
      }
      continue;
    }
    const verdict: Verdict = passedChosen
      ? { kind: 'skip', code: 'ALLOCATION.NOT_NEEDED', detail: `single-lot order line covered by lot ${JSON.stringify(chosen)}, earlier in ${line.strategy} order` }
      : {
          kind: 'skip',
          code: 'ALLOCATION.SINGLE_LOT_TOO_SMALL',
          detail: `lot has ${lot.total} ${line.unit} eligible in plant ${line.warehouse}, single-lot order line needs ${quantity}`,
        };
    for (const member of lot.members) verdicts.set(member, verdict);
  }
  const allocation: Allocation = { verdicts };
  if (chosen === undefined && lots.size > 0) {
    const [largest, largestLot] = [...lots.entries()].reduce((a, b) => (compareQuantities(b[1].total, a[1].total) > 0 ? b : a));
    allocation.backorderReason = () => ({
      code: 'ALLOCATION.SINGLE_LOT_TOO_SMALL',
      detail: `no single lot covers ${quantity} ${line.unit}; the largest eligible lot ${JSON.stringify(largest)} has ${largestLot.total}; all backordered`,
    });
  }
  return allocation;
}
