import { Location, batchNumberProblem, isCalendarDate, isUtcInstant, locationKey, quantityProblem } from '@lotbridge/lot';
import { AllocationInputError } from './allocation-errors';

/**
 * A lot's quality status. Only `released` stock may be allocated; the others say why not:
 * `quarantine` (received, not yet inspected), `on-hold` (blocked pending a decision), `rejected` (failed
 * inspection), `recalled`, `expired` (set by quality, whatever the date says).
 */
export type LotStatus = 'released' | 'quarantine' | 'on-hold' | 'rejected' | 'recalled' | 'expired';

export const LOT_STATUSES: readonly LotStatus[] = ['released', 'quarantine', 'on-hold', 'rejected', 'recalled', 'expired'];

/**
 * A lot's status as allocation sees it: its quality status, or `none` when quality has no status record for
 * the lot (it was never inspected or released). A lot without a status is not allocatable.
 */
export type CandidateStatus = LotStatus | 'none';

const CANDIDATE_STATUSES: readonly CandidateStatus[] = [...LOT_STATUSES, 'none'];

/**
 * Stock of one lot (item + batch number) at one location that an order line might take.
 * Glossary:
 * - `available`: exact decimal text, the quantity free to allocate. For `decideAllocation` that is on hand minus
 *   everything reserved. For the reservation ledger (`availableAfterReservations`, `reserve`, `allocate`) it is
 *   the quantity before the ledger's own reservations (normally on hand): the ledger subtracts those itself.
 *   It may be zero or negative (stock taken after it was reserved); such stock is never picked.
 * - `receivedAt`: the lot's first receipt, a UTC instant (FIFO/LIFO key).
 * - `expiryDate`: YYYY-MM-DD; absent means the lot does not expire.
 */
export interface CandidateStock {
  item: string;
  batchNumber: string;
  location: Location;
  available: string;
  unit: string;
  receivedAt: string;
  expiryDate?: string;
  status: CandidateStatus;
}

/**
 * The key of one lot at one location, used for reservation totals. JSON of the parts, so no batch number
 * (which may contain any separator) can make two different lot locations share a key.
 */
export function lotLocationKey(item: string, batchNumber: string, location: Location): string {
  return JSON.stringify([item, batchNumber, locationKey(location)]);
}

export function candidateKey(candidate: CandidateStock): string {
  return lotLocationKey(candidate.item, candidate.batchNumber, candidate.location);
}

/** Every reason a stock record cannot be reasoned about, naming the field; empty when it is fine. */
export function candidateProblems(candidate: CandidateStock): string[] {
  const problems: string[] = [];
  const lot = `${JSON.stringify(candidate.batchNumber)} at ${locationKey(candidate.location)}`;
  if (!candidate.item) problems.push(`${lot}: item is empty`);
  const batch = batchNumberProblem(candidate.batchNumber);
  if (batch) problems.push(`${lot}: batch number is ${batch.replace(/-/g, ' ')}`);
  const available = quantityProblem(candidate.available);
  if (available) problems.push(`${lot}: available "${candidate.available}" is ${available.replace(/-/g, ' ')}`);
  if (!candidate.unit) problems.push(`${lot}: unit is empty`);
  if (!isUtcInstant(candidate.receivedAt)) problems.push(`${lot}: receivedAt "${candidate.receivedAt}" is not a UTC instant`);
  if (candidate.expiryDate !== undefined && !isCalendarDate(candidate.expiryDate)) {
    problems.push(`${lot}: expiryDate "${candidate.expiryDate}" is not a calendar date (YYYY-MM-DD)`);
  }
  if (!CANDIDATE_STATUSES.includes(candidate.status)) problems.push(`${lot}: status "${String(candidate.status)}" is unknown`);
  return problems;
}

/**
 * Refuses a stock list that is not one record per lot location: a duplicate would let the same units be
 * counted (and picked) twice.
 */
export function assertCandidates(candidates: readonly CandidateStock[]): void {
  const problems = candidates.flatMap(candidateProblems);
  const seen = new Set<string>();
  for (const candidate of candidates) {
    const key = candidateKey(candidate);
    if (seen.has(key)) problems.push(`${JSON.stringify(candidate.batchNumber)} at ${locationKey(candidate.location)} is listed twice`);
    seen.add(key);
  }
  if (problems.length > 0) throw new AllocationInputError('ALLOCATION.INVALID_CANDIDATE', problems);
}
