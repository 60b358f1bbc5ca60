import { Location, warehouse } from '@lotbridge/lot';
import { CandidateStock } from './candidate-stock';
import { AllocationDecision } from './decide-allocation';
import { OrderLine } from './order-line';

/** An order line of 10 H87 of item 4711 from plant DE01 for customer C1, judged on 2025-12-29. */
export function orderLine(overrides: Partial<OrderLine> = {}): OrderLine {
  return {
    orderLineId: 'SO-1|10',
    item: '4711',
    quantity: '10',
    unit: 'H87',
    warehouse: 'DE01',
    customer: 'C1',
    strategy: 'FEFO',
    requestedAt: '2025-12-29T08:00:00Z',
    ...overrides,
  };
}

export const MAIN = warehouse('DE01', 'MAIN');
export const COLD = warehouse('DE01', 'COLD');

/** Released stock of item 4711 at DE01/MAIN, received 2025-01-01, expiring 2026-06-30, 100 H87 free. */
export function stock(batchNumber: string, overrides: Partial<CandidateStock> = {}): CandidateStock {
  return {
    item: '4711',
    batchNumber,
    location: MAIN,
    available: '100',
    unit: 'H87',
    receivedAt: '2025-01-01T00:00:00Z',
    expiryDate: '2026-06-30',
    status: 'released',
    ...overrides,
  };
}

/** Picks as [batch, location code(#bin), quantity] for compact expectations. */
export function picksOf(decision: AllocationDecision): [string, string, string][] {
  return decision.picks.map((p) => [p.batchNumber, where(p.location), p.quantity]);
}

/** Reasons as [batch, location code(#bin), code] in recorded order. */
export function reasonsOf(decision: AllocationDecision): [string, string, string][] {
  return decision.reasons.map((r) => [r.batchNumber, where(r.location), r.code]);
}

export function reasonFor(decision: AllocationDecision, batchNumber: string, location: Location = MAIN): AllocationDecision['reasons'][number] | undefined {
  return decision.reasons.find((r) => r.batchNumber === batchNumber && where(r.location) === where(location));
}

function where(location: Location): string {
  return `${location.kind === 'warehouse' ? '' : `${location.kind}:`}${location.code}${location.bin ? `#${location.bin}` : ''}`;
}
