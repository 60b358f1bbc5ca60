import { canonicalQuantity, isCalendarDate, isPositiveQuantity, isTimeZone, quantityProblem, zonedInstant } from '@lotbridge/lot';
import { type ErpFieldLocation, invalidField, missingField } from './erp-errors';
import { numberText } from './exact-json-numbers';

/**
 * Reading the values of an ERP record (a Kingdee bill or entry, a U8 head or body row). Identifiers (batch numbers,
 * item and warehouse codes, bill numbers) are copied exactly as written: never trimmed, re-cased or padded.
 */
export type ErpRecord = Record<string, unknown>;

/**
 * A field by name, exact spelling first, else ignoring case: Kingdee spells one key differently per form
 * (FMaterialId on STK_InStock, FMaterialID on SAL_OUTSTOCK) and U8 column names are case-insensitive SQL names
 * (cInvCode, cinvcode).
 */
export function fieldOf(record: ErpRecord, name: string): unknown {
  if (Object.prototype.hasOwnProperty.call(record, name)) return record[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(record)) if (key.toLowerCase() === lower) return record[key];
  return undefined;
}

/** A text value, or undefined when absent, null or empty. Numbers (U8 irowno, Kingdee FEntryID) become their text. */
export function optionalText(record: ErpRecord, name: string, location: Omit<ErpFieldLocation, 'field'>): string | undefined {
  const value = fieldOf(record, name);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return numberText(value);
  throw invalidField({ ...location, field: name }, value, 'is not a text');
}

export function requiredText(record: ErpRecord, name: string, location: Omit<ErpFieldLocation, 'field'>): string {
  const value = optionalText(record, name, location);
  if (value === undefined) throw missingField({ ...location, field: name });
  return value;
}

/**
 * A positive quantity as an exact decimal string. Strings are read as decimals; JSON numbers were checked by
 * assertExactJsonNumbers when the document was read, so their text is exact.
 */
export function erpQuantity(record: ErpRecord, name: string, location: Omit<ErpFieldLocation, 'field'>): string {
  const value = fieldOf(record, name);
  const where = { ...location, field: name };
  if (value === undefined || value === null || value === '') throw missingField(where);
  let text: string;
  if (typeof value === 'number' && Number.isFinite(value)) text = numberText(value);
  else if (typeof value === 'string') text = value;
  else throw invalidField(where, value, 'is not a quantity');
  const problem = quantityProblem(text);
  if (problem) throw invalidField(where, value, `is not an exact quantity (${problem.replace(/-/g, ' ')})`);
  if (!isPositiveQuantity(text)) throw invalidField(where, value, 'is not positive (red-letter/return documents are not mapped)');
  return canonicalQuantity(text);
}

const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,7})?)?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * A date field (production, expiry): "2024-05-01", or as both ERPs write datetime columns "2024-05-01T00:00:00" /
 * "2024-05-01 00:00:00". The calendar date is taken as written, never shifted through a time zone.
 */
export function erpDate(record: ErpRecord, name: string, location: Omit<ErpFieldLocation, 'field'>): string | undefined {
  const value = fieldOf(record, name);
  if (value === undefined || value === null || value === '') return undefined;
  const match = typeof value === 'string' ? LOCAL_DATE_TIME.exec(value) : null;
  if (!match?.[1] || !isCalendarDate(match[1])) throw invalidField({ ...location, field: name }, value, 'is not a date (YYYY-MM-DD)');
  return match[1];
}

/**
 * An instant written as the ERP server's local wall-clock time ("2025-02-07T10:00:29.373", no zone: Kingdee and U8
 * both store local datetimes) in `timeZone`, as a UTC instant. A value that names its offset keeps it.
 */
export function erpInstant(record: ErpRecord, name: string, location: Omit<ErpFieldLocation, 'field'>, timeZone: string): string {
  const value = fieldOf(record, name);
  const where = { ...location, field: name };
  if (value === undefined || value === null || value === '') throw missingField(where);
  const match = typeof value === 'string' ? LOCAL_DATE_TIME.exec(value) : null;
  if (!match?.[1] || !isCalendarDate(match[1])) throw invalidField(where, value, 'is not a date or date-time (YYYY-MM-DD[THH:MM:SS])');
  const [, date, hh = '00', mm = '00', ss = '00', fraction = '', zone] = match;
  if (Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) throw invalidField(where, value, 'is not a valid time of day');
  const millis = fraction ? fraction.slice(1, 4).padEnd(3, '0') : '000';
  const wallClock = `${date}T${hh}:${mm}:${ss}.${millis}`;
  if (zone) return new Date(Date.parse(`${wallClock}${zone}`)).toISOString();
  return zonedInstant(wallClock, timeZone);
}

export function assertTimeZone(timeZone: string): void {
  if (!isTimeZone(timeZone)) throw new RangeError(`ERP time zone ${JSON.stringify(timeZone)} is not an IANA time zone (e.g. "Asia/Shanghai")`);
}
