import { isUtcInstant, Location, locationKey } from '@lotbridge/lot';

/** One lot as found on the shelf. */
export interface CountLine {
  item: string;
  /** opaque: compared byte for byte with the book (no trimming, no case folding) */
  batchNumber: string;
  /** exact decimal string, ≥ 0 */
  counted: string;
  unit: string;
}

/** A count of one warehouse location (plant/storage location, optionally a bin) at an instant. */
export interface CountDocument {
  countId: string;
  /** a warehouse location; only book stock at exactly this location (same locationKey) is compared */
  location: Location;
  /** UTC instant, ISO 8601 */
  countedAt: string;
  countedBy: string;
  lines: CountLine[];
}

/** What Lotbridge's ledger says is on hand of a lot at a location. */
export interface BookStock {
  item: string;
  batchNumber: string;
  location: Location;
  /** signed exact decimal string (a warehouse that allows negative stock can be below zero) */
  onHand: string;
  unit: string;
}

/**
 * Problems that make a whole count document unusable (empty id, not a warehouse, no UTC instant);
 * problems of single lines become error lines of the variance report instead.
 */
export function countDocumentProblems(count: CountDocument): string[] {
  const problems: string[] = [];
  if (!count.countId) problems.push('countId is empty');
  if (count.location.kind !== 'warehouse') problems.push(`location ${locationKey(count.location)} is not a warehouse`);
  if (!isUtcInstant(count.countedAt)) problems.push(`countedAt "${count.countedAt}" is not a UTC instant (ISO 8601 with Z)`);
  if (!count.countedBy) problems.push('countedBy is empty');
  return problems;
}

export class CountDocumentError extends RangeError {
  constructor(readonly countId: string, readonly problems: string[]) {
    super(`count document ${JSON.stringify(countId)} cannot be used: ${problems.join('; ')}`);
    this.name = 'CountDocumentError';
  }
}
