import { batchNumberProblem } from '@lotbridge/lot';
import { QualityError } from './quality-error';

export interface LotRef {
  item: string;
  batchNumber: string;
}

/** A hold blocks a lot for a reason, by someone, from an instant until it is released (with its own who/when/why). */
export type HoldKind = 'hold' | 'recall';

/**
 * A lock request. `cascade` extends it to every lot made from this one (the genealogy's forward trace);
 * `recallCaseId` makes it a recall (status recalled instead of on-hold).
 */
export interface HoldRequest {
  lots: LotRef[];
  reason: string;
  by: string;
  cascade: boolean;
  recallCaseId: string | null;
}

export function holdKindOf(request: { recallCaseId: string | null }): HoldKind {
  return request.recallCaseId === null ? 'hold' : 'recall';
}

/**
 * Reads a lock request: one lot (`item`, `batchNumber`) or several (`lots`), a reason and who asks. Refuses with
 * QUALITY.INVALID_REQUEST naming every field that is wrong; batch numbers are kept byte for byte.
 */
export function readHoldRequest(body: unknown): HoldRequest {
  const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const problems: string[] = [];
  const single = input['item'] !== undefined || input['batchNumber'] !== undefined;
  const lots = single ? [{ item: input['item'], batchNumber: input['batchNumber'] }] : Array.isArray(input['lots']) ? (input['lots'] as unknown[]) : [];
  if (!single && !Array.isArray(input['lots'])) problems.push('item and batchNumber (or lots) are required');
  if (!single && Array.isArray(input['lots']) && lots.length === 0) problems.push('lots is empty');
  const read = lots.map((lot, index) => readLotRef(lot, single ? '' : `lots[${index}].`, problems));
  const reason = requiredText(input, 'reason', problems);
  const by = requiredText(input, 'by', problems);
  if (input['cascade'] !== undefined && typeof input['cascade'] !== 'boolean') problems.push('cascade must be true or false');
  const recallCaseId = input['recallCaseId'] ?? null;
  if (recallCaseId !== null && (typeof recallCaseId !== 'string' || recallCaseId === '')) problems.push('recallCaseId must be a non-empty string');
  if (problems.length > 0) throw new QualityError('QUALITY.INVALID_REQUEST', problems.join('; '));
  return { lots: read, reason, by, cascade: input['cascade'] === true, recallCaseId: recallCaseId as string | null };
}

/** A release names who lifts the hold and why: the audit trail of the release. */
export function readReleaseRequest(body: unknown): { by: string; reason: string } {
  const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const problems: string[] = [];
  const by = requiredText(input, 'by', problems);
  const reason = requiredText(input, 'reason', problems);
  if (problems.length > 0) throw new QualityError('QUALITY.INVALID_REQUEST', problems.join('; '));
  return { by, reason };
}

export function readLotRef(value: unknown, prefix: string, problems: string[]): LotRef {
  const lot = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const item = lot['item'];
  const batchNumber = lot['batchNumber'];
  if (typeof item !== 'string' || item === '') problems.push(`${prefix}item must be a non-empty string`);
  if (typeof batchNumber !== 'string') problems.push(`${prefix}batchNumber must be a string`);
  else {
    const problem = batchNumberProblem(batchNumber);
    if (problem) problems.push(`${prefix}batchNumber is ${problem.replace(/-/g, ' ')}`);
  }
  return { item: String(item), batchNumber: String(batchNumber) };
}

function requiredText(input: Record<string, unknown>, field: string, problems: string[]): string {
  const value = input[field];
  if (typeof value !== 'string' || value.trim() === '') problems.push(`${field} must be a non-empty string`);
  return String(value);
}
