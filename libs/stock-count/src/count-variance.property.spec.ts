import fc from 'fast-check';
import { addQuantities, compareQuantities, locationKey, postingsOf, warehouse } from '@lotbridge/lot';
import { BookStock, CountDocument } from './count-document';
import { countAdjustments, countVariances } from './count-variance';

const HERE = warehouse('DE02', '0001', 'A-01');
const ELSEWHERE = warehouse('DE02', '0001', 'A-02');
const BATCHES = ['L1', 'l1', 'L1 ', '0042', '批次-001', '批次-001 '];

const scaled = (n: number, scale: number) => {
  const negative = n < 0;
  const digits = String(Math.abs(n)).padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
};
const quantity = (min: number, max: number) => fc.tuple(fc.integer({ min, max }), fc.integer({ min: 0, max: 3 })).map(([n, s]) => scaled(n, s));
const lotRef = fc.record({ item: fc.constantFrom('000000000000100234', '100234'), batchNumber: fc.constantFrom(...BATCHES) });

const bookArb: fc.Arbitrary<BookStock[]> = fc.array(
  fc.record({ lot: lotRef, onHand: quantity(-50, 5000), location: fc.constantFrom(HERE, HERE, ELSEWHERE) }).map(
    ({ lot, onHand, location }): BookStock => ({ ...lot, onHand, location, unit: 'H87' }),
  ),
  { maxLength: 12 },
);
const countArb: fc.Arbitrary<CountDocument> = fc
  .array(fc.record({ lot: lotRef, counted: quantity(0, 5000) }), { maxLength: 10 })
  .map((lines) => ({
    countId: 'CNT-P',
    location: HERE,
    countedAt: '2025-06-30T18:00:00Z',
    countedBy: 'prop',
    lines: lines.map(({ lot, counted }) => ({ ...lot, counted, unit: 'H87' })),
  }));

const key = (item: string, batchNumber: string) => JSON.stringify([item, batchNumber]);

describe('count adjustments (property)', () => {
  it('bring the book at the counted location to exactly the counted quantities on a full count', () => {
    fc.assert(
      fc.property(bookArb, countArb, (book, doc) => {
        const result = countVariances(doc, book, { mode: 'full' });
        expect(result.every((line) => line.status === 'variance')).toBe(true);

        const balance = new Map<string, string>();
        const expected = new Map<string, string>();
        for (const row of book) {
          if (locationKey(row.location) !== locationKey(HERE)) continue;
          const k = key(row.item, row.batchNumber);
          balance.set(k, addQuantities(balance.get(k) ?? '0', row.onHand));
          expected.set(k, '0');
        }
        for (const line of doc.lines) {
          const k = key(line.item, line.batchNumber);
          expected.set(k, addQuantities(expected.get(k) ?? '0', line.counted));
        }
        for (const movement of countAdjustments(result)) {
          for (const posting of postingsOf(movement)) {
            if (locationKey(posting.location) !== locationKey(HERE)) {
              expect(posting.location).toEqual({ kind: 'inventory-loss', code: 'COUNT' });
              continue;
            }
            const k = key(posting.item, posting.batchNumber);
            balance.set(k, addQuantities(balance.get(k) ?? '0', posting.delta));
          }
        }
        for (const [k, counted] of expected) expect([k, compareQuantities(balance.get(k) ?? '0', counted)]).toEqual([k, 0]);
        for (const [k, onHand] of balance) expect([k, compareQuantities(onHand, expected.get(k) ?? '0')]).toEqual([k, 0]);
      }),
      { numRuns: 300 },
    );
  });
});
