/**
 * GS1 dates. A YYMMDD field has no century; GS1 General Specifications section 7.12 ("Determination of century in
 * dates") fixes it relative to the current year: with D = YY minus the current year's last two digits,
 *   D from 51 to 99   -> the previous century,
 *   D from -99 to -50 -> the next century,
 *   otherwise         -> the current century,
 * i.e. a YYMMDD date lies between 49 years before and 50 years after the current year.
 * DD = 00 (allowed where the dictionary's linter is `yymmd0`: AIs 11, 12, 13, 15, 16, 17 ...) means the day is not
 * given, and SHALL be read as the last day of that month, leap years included (e.g. 130200 is 2013-02-28,
 * 160200 is 2016-02-29).
 */

export interface Gs1Date {
  /** ISO 8601 calendar date, YYYY-MM-DD; for DD = 00 the last day of the month. */
  readonly date: string;
  /** The six digits as scanned. */
  readonly raw: string;
  /** True when DD was 00 (no day given; `date` holds the last day of the month). */
  readonly dayOmitted: boolean;
}

/** What "today" may be given as: a Date (its UTC year counts), an ISO date 'YYYY-MM-DD', or a year. */
export type Today = Date | string | number;

/** The current year to resolve centuries against. */
export function currentYearOf(today: Today | undefined): number {
  if (today === undefined) return new Date().getUTCFullYear();
  if (typeof today === 'number') {
    if (!Number.isInteger(today)) throw new TypeError(`today: not a year: ${today}`);
    return today;
  }
  if (today instanceof Date) {
    const year = today.getUTCFullYear();
    if (Number.isNaN(year)) throw new TypeError('today: invalid Date');
    return year;
  }
  const match = /^(\d{4})(-\d{2}-\d{2})?$/.exec(today);
  if (!match) throw new TypeError(`today: expected YYYY or YYYY-MM-DD, got ${JSON.stringify(today)}`);
  return Number(match[1]);
}

/** The four-digit year of a two-digit GS1 year (GS1 General Specifications 7.12). */
export function resolveCentury(yy: number, currentYear: number): number {
  if (!Number.isInteger(yy) || yy < 0 || yy > 99) throw new RangeError(`two-digit year expected, got ${yy}`);
  const currentYy = ((currentYear % 100) + 100) % 100;
  const century = currentYear - currentYy;
  const difference = yy - currentYy;
  if (difference >= 51) return century - 100 + yy;
  if (difference <= -50) return century + 100 + yy;
  return century + yy;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Reads YYMMDD (or YYYYMMDD when `digits` has 8 characters). Returns the date, or a sentence saying what is wrong.
 */
export function readGs1Date(
  digits: string,
  options: { currentYear: number; allowDayZero: boolean },
): Gs1Date | { problem: string } {
  if (!/^(\d{6}|\d{8})$/.test(digits)) return { problem: 'a date must be 6 digits (YYMMDD)' };
  const long = digits.length === 8;
  const year = long ? Number(digits.slice(0, 4)) : resolveCentury(Number(digits.slice(0, 2)), options.currentYear);
  const month = Number(digits.slice(long ? 4 : 2, long ? 6 : 4));
  const day = Number(digits.slice(long ? 6 : 4));
  if (month < 1 || month > 12) return { problem: `month ${pad(month)} does not exist` };
  const last = daysInMonth(year, month);
  if (day === 0) {
    if (!options.allowDayZero) return { problem: 'day 00 is not allowed for this AI' };
    return { date: `${year}-${pad(month)}-${pad(last)}`, raw: digits, dayOmitted: true };
  }
  if (day > last) return { problem: `${year}-${pad(month)}-${pad(day)} does not exist` };
  return { date: `${year}-${pad(month)}-${pad(day)}`, raw: digits, dayOmitted: false };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
