import {
  addQuantities,
  compareQuantities,
  Location,
  locationKey,
  LotMovement,
  movementIdFor,
  quantityProblem,
  SourceReference,
  subtractQuantities,
} from '@lotbridge/lot';
import { BookStock, CountDocument, CountDocumentError, countDocumentProblems, CountLine } from './count-document';
import { describeBatchNumberProblem } from './batch-number-words';
import { absolute, compareText, exceedsPercent, isZero, percentOf } from './exact-decimal';

/** The virtual location count differences are written off to (shortage) or taken in from (surplus). */
export const COUNT_LOSS_LOCATION: Location = { kind: 'inventory-loss', code: 'COUNT' };
export const COUNT_SOURCE_SYSTEM = 'LOTBRIDGE:COUNT';

/**
 * - `full`: the document claims to cover every lot at the location: a lot the book has there (non-zero) that is
 *   not on the document was not found and counts as 0 (its whole book quantity is written off).
 * - `partial` (default): only the lots on the document were counted; other lots at the location are left alone.
 * Partial is the default because a full count writes stock off: the caller has to say so.
 */
export type CountMode = 'full' | 'partial';

export interface CountVarianceOptions {
  /** a variance is flagged when |variance| / |book| × 100 is strictly above this; default "0" (any variance) */
  varianceThresholdPercent?: string;
  mode?: CountMode;
}

interface LotAtLocation {
  item: string;
  batchNumber: string;
  location: Location;
}

/** A counted (or, in full mode, uncounted) lot compared with the book. */
export interface CountVarianceLine extends LotAtLocation {
  status: 'variance';
  /** `count`: on the document; `missing-from-count`: only in the book, counted as 0 (full mode) */
  source: 'count' | 'missing-from-count';
  /** indexes of the document's lines for this lot (several lines of one lot are added up) */
  lines: number[];
  unit: string;
  book: string;
  counted: string;
  /** counted − book, signed exact decimal */
  variance: string;
  /** variance as a percentage of |book|, rounded half away from zero to 2 places; null when the book is 0 */
  variancePercent: string | null;
  /** above the threshold (compared exactly, not on the rounded percentage); any variance against a book of 0 */
  aboveThreshold: boolean;
  /** the movement that makes the book equal the count; absent when the variance is 0 */
  adjustment?: LotMovement;
  /** why the adjustment was made, in words, for the posting's audit trail */
  reason?: string;
}

export type CountErrorProblem = 'invalid-line' | 'unit-differs';

/** A lot that cannot be compared: nothing is guessed and no adjustment is made. */
export interface CountErrorLine extends LotAtLocation {
  status: 'error';
  problem: CountErrorProblem;
  message: string;
  lines: number[];
}

export type CountResultLine = CountVarianceLine | CountErrorLine;

const lotKey = (item: string, batchNumber: string) => JSON.stringify([item, batchNumber]);

/**
 * Compares a count document with the book stock at the counted location and derives one `count-adjustment`
 * movement per differing lot. Lines come in the order their lots first appear on the document, then (full mode)
 * the uncounted lots of the book sorted by item and batch number. Book rows at other locations (another storage
 * location, another bin) are ignored; an uncounted lot whose book quantity is 0 is not listed.
 * Throws a CountDocumentError for an unusable document and a RangeError for an unreadable book row or threshold.
 */
export function countVariances(count: CountDocument, book: readonly BookStock[], options: CountVarianceOptions = {}): CountResultLine[] {
  const problems = countDocumentProblems(count);
  if (problems.length > 0) throw new CountDocumentError(count.countId, problems);
  const threshold = options.varianceThresholdPercent ?? '0';
  if (quantityProblem(threshold) || compareQuantities(threshold, '0') < 0) {
    throw new RangeError(`varianceThresholdPercent "${threshold}" is not a decimal ≥ 0`);
  }
  const mode = options.mode ?? 'partial';

  const counted = groupCountLines(count.lines);
  const booked = groupBook(count.location, book);
  const result: CountResultLine[] = [];

  for (const [key, group] of counted) {
    const first = group.lines[0];
    if (!first) continue;
    const lot = { item: first.line.item, batchNumber: first.line.batchNumber, location: count.location };
    const lines = group.lines.map((entry) => entry.index);
    const lineProblems = group.lines.flatMap((entry) => countLineProblems(entry.line).map((p) => `line ${entry.index}: ${p}`));
    if (lineProblems.length > 0) {
      result.push({ ...lot, status: 'error', problem: 'invalid-line', message: lineProblems.join('; '), lines });
      continue;
    }
    const countUnits = distinct(group.lines.map((entry) => entry.line.unit));
    const bookLot = booked.get(key);
    const bookUnits = bookLot ? distinct(bookLot.rows.map((row) => row.unit)) : [];
    const unit = countUnits[0] ?? first.line.unit;
    if (countUnits.length > 1 || bookUnits.length > 1 || (bookUnits.length === 1 && bookUnits[0] !== unit)) {
      const message =
        `lot ${describeLot(lot)} is counted in ${countUnits.map(quote).join(', ')}` +
        (bookUnits.length > 0 ? ` but booked in ${bookUnits.map(quote).join(', ')}` : '') +
        ': units are never converted';
      result.push({ ...lot, status: 'error', problem: 'unit-differs', message, lines });
      continue;
    }
    const countedQuantity = group.lines.reduce((sum, entry) => addQuantities(sum, entry.line.counted), '0');
    const bookQuantity = bookLot ? sumOnHand(bookLot.rows) : '0';
    result.push(varianceLine(count, lot, 'count', lines, unit, bookQuantity, countedQuantity, threshold));
  }

  if (mode === 'full') {
    const uncounted = [...booked.entries()]
      .filter(([key]) => !counted.has(key))
      .map(([, lot]) => lot)
      .sort((a, b) => compareText(a.item, b.item) || compareText(a.batchNumber, b.batchNumber));
    for (const bookLot of uncounted) {
      const lot = { item: bookLot.item, batchNumber: bookLot.batchNumber, location: count.location };
      const bookQuantity = sumOnHand(bookLot.rows);
      if (isZero(bookQuantity)) continue;
      const units = distinct(bookLot.rows.map((row) => row.unit));
      const unit = units[0];
      if (units.length !== 1 || unit === undefined) {
        const message = `lot ${describeLot(lot)} is booked in ${units.map(quote).join(', ')}: units are never converted`;
        result.push({ ...lot, status: 'error', problem: 'unit-differs', message, lines: [] });
        continue;
      }
      result.push(varianceLine(count, lot, 'missing-from-count', [], unit, bookQuantity, '0', threshold));
    }
  }
  return result;
}

/** The adjustment movements of a variance report, in report order. */
export function countAdjustments(lines: readonly CountResultLine[]): LotMovement[] {
  return lines.flatMap((line) => (line.status === 'variance' && line.adjustment ? [line.adjustment] : []));
}

/** The source of a count adjustment: per lot, so the same count applied twice yields the same movement ids. */
export function countAdjustmentSource(countId: string, item: string, batchNumber: string): SourceReference {
  return { system: COUNT_SOURCE_SYSTEM, document: countId, line: lotKey(item, batchNumber) };
}

function varianceLine(
  count: CountDocument,
  lot: LotAtLocation,
  source: CountVarianceLine['source'],
  lines: number[],
  unit: string,
  book: string,
  counted: string,
  threshold: string,
): CountVarianceLine {
  const variance = subtractQuantities(counted, book);
  const bookIsZero = isZero(book);
  const line: CountVarianceLine = {
    ...lot,
    status: 'variance',
    source,
    lines,
    unit,
    book,
    counted,
    variance,
    variancePercent: bookIsZero ? null : percentOf(variance, book),
    aboveThreshold: bookIsZero ? !isZero(variance) : exceedsPercent(variance, book, threshold),
  };
  if (isZero(variance)) return line;

  const shortage = compareQuantities(variance, '0') < 0;
  const quantity = absolute(variance);
  const sourceRef = countAdjustmentSource(count.countId, lot.item, lot.batchNumber);
  const adjustment: LotMovement = {
    movementId: movementIdFor(sourceRef, 'count-adjustment'),
    kind: 'count-adjustment',
    item: lot.item,
    batchNumber: lot.batchNumber,
    quantity,
    unit,
    from: shortage ? count.location : COUNT_LOSS_LOCATION,
    to: shortage ? COUNT_LOSS_LOCATION : count.location,
    occurredAt: count.countedAt,
    source: sourceRef,
  };
  const found = source === 'count' ? `counted ${counted} ${unit}` : `not on the full count (counted as 0 ${unit})`;
  const action = shortage
    ? `shortage of ${quantity} ${unit} written off to ${locationKey(COUNT_LOSS_LOCATION)}`
    : `surplus of ${quantity} ${unit} taken in from ${locationKey(COUNT_LOSS_LOCATION)}`;
  const reason =
    `count ${count.countId} by ${count.countedBy} at ${locationKey(count.location)}: lot ${describeLot(lot)} ` +
    `${found}, book ${book} ${unit}; ${action}`;
  return { ...line, adjustment, reason };
}

function countLineProblems(line: CountLine): string[] {
  const problems: string[] = [];
  if (!line.item) problems.push('item is empty');
  const batch = describeBatchNumberProblem(line.batchNumber);
  if (batch) problems.push(batch);
  const quantity = quantityProblem(line.counted);
  if (quantity) problems.push(`counted "${line.counted}" is ${quantity.replace(/-/g, ' ')}`);
  else if (compareQuantities(line.counted, '0') < 0) problems.push(`counted "${line.counted}" is negative`);
  if (!line.unit) problems.push('unit is empty');
  return problems;
}

interface CountGroup {
  lines: { index: number; line: CountLine }[];
}

function groupCountLines(lines: readonly CountLine[]): Map<string, CountGroup> {
  const groups = new Map<string, CountGroup>();
  lines.forEach((line, index) => {
    const key = lotKey(line.item, line.batchNumber);
    const group = groups.get(key) ?? { lines: [] };
    group.lines.push({ index, line });
    groups.set(key, group);
  });
  return groups;
}

interface BookLot {
  item: string;
  batchNumber: string;
  rows: BookStock[];
}

function groupBook(location: Location, book: readonly BookStock[]): Map<string, BookLot> {
  const key = locationKey(location);
  const lots = new Map<string, BookLot>();
  book.forEach((row, index) => {
    if (locationKey(row.location) !== key) return;
    const problem = quantityProblem(row.onHand);
    if (problem) throw new RangeError(`book row ${index}: onHand "${row.onHand}" is ${problem.replace(/-/g, ' ')}`);
    const lot = lotKey(row.item, row.batchNumber);
    const entry = lots.get(lot) ?? { item: row.item, batchNumber: row.batchNumber, rows: [] };
    entry.rows.push(row);
    lots.set(lot, entry);
  });
  return lots;
}

function sumOnHand(rows: readonly BookStock[]): string {
  return rows.reduce((sum, row) => addQuantities(sum, row.onHand), '0');
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)];
}

const quote = (text: string) => JSON.stringify(text);

function describeLot(lot: { item: string; batchNumber: string }): string {
  return `${lot.item}/${JSON.stringify(lot.batchNumber)}`;
}
