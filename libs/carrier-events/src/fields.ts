import { createHash } from 'node:crypto';
import { CarrierEventRejected } from './errors';

/** Small readers over a parsed JSON object that name the path of what is missing or wrong. */
export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function optionalText(object: Json, field: string, path: string): string | null {
  const value = object[field];
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') throw new CarrierEventRejected('CARRIER.INVALID_FIELD', `${path}.${field} must be text, got ${typeof value}`);
  return value === '' ? null : value;
}

export function requiredText(object: Json, field: string, path: string): string {
  const value = optionalText(object, field, path);
  if (value === null) throw new CarrierEventRejected('CARRIER.MISSING_FIELD', `${path}.${field} is missing`);
  return value;
}

/**
 * An instant with an explicit zone (Z or ±hh:mm), normalised to UTC. A local time without a zone is refused:
 * guessing the carrier's zone would misplace the proof of delivery by hours.
 */
export function utcInstant(text: string, path: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    throw new CarrierEventRejected('CARRIER.INVALID_FIELD', `${path} "${text}" is not an instant with a time zone (ISO 8601, e.g. 2026-03-01T10:15:00Z)`);
  }
  // Date.parse reads at most milliseconds; longer fractions (EPCIS examples have microseconds) are cut first.
  const millis = Date.parse(text.replace(/(\.\d{3})\d+/, '$1'));
  if (Number.isNaN(millis)) throw new CarrierEventRejected('CARRIER.INVALID_FIELD', `${path} "${text}" is not a valid date and time`);
  return new Date(millis).toISOString();
}

/** An id for events whose sender gives none: the same content always gives the same id. */
export function contentId(prefix: string, parts: ReadonlyArray<string | null>): string {
  return `${prefix}:${createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32)}`;
}
