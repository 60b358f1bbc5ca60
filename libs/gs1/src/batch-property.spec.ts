/**
 * Property: whatever valid batch number (1 to 20 characters of GS1 CSET 82) is encoded, parsing gives back exactly
 * the same string, in every form a scanner or a person may send it.
 */
import fc from 'fast-check';
import { CSET_82 } from './character-sets';
import { withCheckDigit } from './check-digit';
import { daysInMonth } from './dates';
import { parseDigitalLink } from './digital-link';
import { GS, parseElementString } from './element-string';
import { toBracketed } from './format';

const today = '2026-03-15';

const batch = fc.string({ unit: fc.constantFrom(...CSET_82), minLength: 1, maxLength: 20 });
const gtin = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 13, maxLength: 13 }).map(withCheckDigit);
const yymmdd = fc
  .record({ yy: fc.integer({ min: 0, max: 99 }), mm: fc.integer({ min: 1, max: 12 }), dd: fc.integer({ min: 0, max: 31 }) })
  .map(({ yy, mm, dd }) => {
    // the year 2000 + yy has the same leap-year status as the resolved one unless the century is 1900 or 2100:
    // take 28 for February to stay valid whatever the century
    const last = mm === 2 ? 28 : daysInMonth(2001, mm);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${pad(yy)}${pad(mm)}${pad(Math.min(dd, last))}`;
  });
const symbology = fc.constantFrom('', ']C1', ']d2', ']Q3', ']e0');

describe('batch numbers survive parsing byte for byte (fast-check)', () => {
  it('raw "(01)<gtin>(10)<batch>(17)<date>" with a GS after the batch', () => {
    fc.assert(
      fc.property(symbology, gtin, batch, yymmdd, (id, g, b, d) => {
        const scan = parseElementString(`${id}01${g}10${b}${GS}17${d}`, { today });
        expect(scan.batchNumber).toBe(b);
        expect(scan.gtin).toBe(g);
        expect(scan.expiryDate?.raw).toBe(d);
      }),
      { numRuns: 500 },
    );
  });

  it('raw with the batch last (no GS), and with "^" for GS', () => {
    fc.assert(
      fc.property(gtin, batch, yymmdd, (g, b, d) => {
        expect(parseElementString(`01${g}17${d}10${b}`, { today }).batchNumber).toBe(b);
        expect(parseElementString(`^01${g}10${b}^17${d}`, { today }).batchNumber).toBe(b);
      }),
      { numRuns: 300 },
    );
  });

  it('bracketed form ("(" in the batch written "\\(")', () => {
    fc.assert(
      fc.property(gtin, batch, yymmdd, (g, b, d) => {
        const text = toBracketed([
          { ai: '01', value: g },
          { ai: '10', value: b },
          { ai: '17', value: d },
        ]);
        expect(parseElementString(text, { today }).batchNumber).toBe(b);
      }),
      { numRuns: 300 },
    );
  });

  it('Digital Link with the batch percent-encoded in the path', () => {
    fc.assert(
      fc.property(gtin, batch, yymmdd, (g, b, d) => {
        const scan = parseDigitalLink(`https://id.gs1.org/01/${g}/10/${encodeURIComponent(b)}?17=${d}`, { today });
        expect(scan.batchNumber).toBe(b);
        expect(scan.digitalLink?.qualifiers).toEqual([{ ai: '10', value: b }]);
      }),
      { numRuns: 300 },
    );
  });
});
