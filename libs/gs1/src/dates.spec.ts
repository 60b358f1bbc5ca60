import { currentYearOf, daysInMonth, readGs1Date, resolveCentury } from './dates';
import { gs1CheckDigit, hasValidCheckDigit, withCheckDigit } from './check-digit';
import { firstCharacterOutside, isCset82 } from './character-sets';

describe('century of YYMMDD (GS1 General Specifications 7.12: 49 years back to 50 years ahead)', () => {
  it.each([
    // [current year, YY, year]
    [2026, 26, 2026],
    [2026, 76, 2076], // YY - 26 = 50: current century
    [2026, 77, 1977], // 51: previous century
    [2026, 0, 2000],
    [2026, 99, 1999], // 73: previous century
    [2075, 25, 2125], // 25 - 75 = -50: next century
    [2075, 26, 2026], // -49: current century
    [2000, 50, 2050],
    [2000, 51, 1951],
    [1999, 49, 2049], // -50: next century
    [1999, 50, 1950],
    [2049, 99, 2099], // 99 - 49 = 50: current century
    [2049, 0, 2000], // -49: current century
  ])('in %i, YY %i is %i', (currentYear, yy, expected) => {
    expect(resolveCentury(yy, currentYear)).toBe(expected);
  });

  it('takes today as a Date (UTC year), an ISO date, or a year', () => {
    expect(currentYearOf(new Date(Date.UTC(2031, 5, 1)))).toBe(2031);
    expect(currentYearOf('2031-06-01')).toBe(2031);
    expect(currentYearOf(2031)).toBe(2031);
    expect(() => currentYearOf('01.06.2031')).toThrow(TypeError);
  });
});

describe('readGs1Date', () => {
  const options = { currentYear: 2026, allowDayZero: true };

  it('reads YYMMDD into YYYY-MM-DD and keeps the digits', () => {
    expect(readGs1Date('201225', options)).toEqual({ date: '2020-12-25', raw: '201225', dayOmitted: false });
  });

  it('DD = 00 is the last day of the month, leap years included (130200 = 2013-02-28, 160200 = 2016-02-29)', () => {
    expect(readGs1Date('130200', options)).toEqual({ date: '2013-02-28', raw: '130200', dayOmitted: true });
    expect(readGs1Date('160200', options)).toEqual({ date: '2016-02-29', raw: '160200', dayOmitted: true });
    expect(readGs1Date('000200', options)).toEqual({ date: '2000-02-29', raw: '000200', dayOmitted: true });
    expect(readGs1Date('250400', options)).toEqual({ date: '2025-04-30', raw: '250400', dayOmitted: true });
    expect(readGs1Date('251200', options)).toEqual({ date: '2025-12-31', raw: '251200', dayOmitted: true });
  });

  it('refuses dates that do not exist', () => {
    expect(readGs1Date('231301', options)).toEqual({ problem: 'month 13 does not exist' });
    expect(readGs1Date('230001', options)).toEqual({ problem: 'month 00 does not exist' });
    expect(readGs1Date('230229', options)).toEqual({ problem: '2023-02-29 does not exist' });
    expect(readGs1Date('230431', options)).toEqual({ problem: '2023-04-31 does not exist' });
    expect(readGs1Date('230200', { ...options, allowDayZero: false })).toEqual({ problem: 'day 00 is not allowed for this AI' });
  });

  it('February has 29 days in 2000 and 2400 but 28 in 2100', () => {
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2400, 2)).toBe(29);
  });
});

describe('GS1 mod-10 check digit', () => {
  it.each(['09506000134352', '00012345678905', '4006381333931', '012345678905', '40170725', '006141411234567890', '0123456789128'])(
    '%s is valid',
    (digits) => expect(hasValidCheckDigit(digits)).toBe(true),
  );

  it('computes the digit', () => {
    expect(gs1CheckDigit('0950600013435')).toBe(2);
    expect(withCheckDigit('0950600013435')).toBe('09506000134352');
    expect(hasValidCheckDigit('09506000134353')).toBe(false);
  });
});

describe('GS1 character sets', () => {
  it('CSET 82 has punctuation but no space, #, $, @, ^, ~ or non-ASCII', () => {
    expect(isCset82(`!"%&'()*+,-./:;<=>?_AZaz09`)).toBe(true);
    for (const bad of [' ', '#', '$', '@', '[', '\\', ']', '^', '`', '{', '|', '}', '~', 'é', '\u001d']) {
      expect(isCset82(`A${bad}`)).toBe(false);
    }
  });

  it('CSET 64 allows "=" padding only at the end', () => {
    expect(firstCharacterOutside('AB-_==', 'Z')).toBe(-1);
    expect(firstCharacterOutside('A=B', 'Z')).toBe(1);
  });
});
