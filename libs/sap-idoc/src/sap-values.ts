import { canonicalQuantity, isCalendarDate, isTimeZone, quantityProblem, zonedInstant as zonedWallClock } from '@lotbridge/lot';
import { invalidField, type IdocLocation } from './idoc-errors';

/**
 * Interpretation of SAP's textual field formats (DATS YYYYMMDD, TIMS HHMMSS, QUAN decimals).
 * Identifiers (batch, material, document numbers) never pass through here: they are copied as they are.
 */

type FieldLocation = IdocLocation & { field: string };

/** DATS "YYYYMMDD" -> "YYYY-MM-DD"; SAP's initial date "00000000" and an empty field mean "no date". */
export function sapDate(value: string | undefined, location: FieldLocation): string | undefined {
  if (value === undefined || value === '' || value === '00000000') return undefined;
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  const date = match ? `${match[1]}-${match[2]}-${match[3]}` : '';
  if (!isCalendarDate(date)) throw invalidField(location, value, 'is not a date (YYYYMMDD)');
  return date;
}

/** TIMS "HHMMSS" -> "HH:MM:SS". */
export function sapTime(value: string, location: FieldLocation): string {
  const match = /^([01]\d|2[0-3])([0-5]\d)([0-5]\d)$/.exec(value);
  if (!match) throw invalidField(location, value, 'is not a time (HHMMSS)');
  return `${match[1]}:${match[2]}:${match[3]}`;
}

export function assertTimeZone(timeZone: string): void {
  if (!isTimeZone(timeZone)) throw new RangeError(`senderTimeZone ${JSON.stringify(timeZone)} is not an IANA time zone (e.g. "Europe/Berlin")`);
}

/**
 * The UTC instant (ISO 8601) of a wall-clock date "YYYY-MM-DD" and time "HH:MM:SS" in an IANA time zone.
 * In a daylight-saving gap or overlap the offset valid just before the change is used.
 */
export function zonedInstant(date: string, time: string, timeZone: string): string {
  return zonedWallClock(`${date}T${time}`, timeZone);
}

const QUANTITY_PROBLEM_TEXT = {
  'not-a-number': 'is not a decimal',
  'too-many-decimals': 'has more decimals than a quantity may carry (6)',
  'too-large': 'is too large for a quantity',
} as const;

/**
 * QUAN text -> canonical decimal ("5.000" -> "5"). SAP writes quantities right-aligned with blanks
 * ("         5.000", see ORMNG in the samples) and a negative sign at the end ("5.000-"), so the padding is
 * dropped and a trailing minus moved to the front; anything else that is not a plain decimal is refused
 * (no "5,0", no exponent, no thousands separators).
 */
export function sapQuantity(value: string, location: FieldLocation): string {
  let text = value.replace(/^ +| +$/g, '');
  if (/^[0-9.]+-$/.test(text)) text = `-${text.slice(0, -1)}`;
  const problem = quantityProblem(text);
  if (problem || !/^-?\d/.test(text)) throw invalidField(location, value, problem ? QUANTITY_PROBLEM_TEXT[problem] : 'is not a decimal');
  return canonicalQuantity(text);
}
