import { Genealogy } from './genealogy';
import { lotKey } from './lot-key';
import { ExactTotal, millionthsText, toMillionths } from './exact-quantity';
import { instantText } from './movement-log';
import { DE01, movement, supplier } from './test-support/issue-4-scenario';

/** The compact rows must give back exactly what came in: quantities, instants and ids as the movement wrote them. */
describe('the movement rows', () => {
  const lot = { item: 'X', batchNumber: 'exact' };
  const key = lotKey(lot.item, lot.batchNumber);
  const receipt = (quantity: string, at: string, line: string) => movement({ kind: 'receipt', lot, quantity, from: supplier('S'), to: DE01, at, document: 'R', line });

  it('gives back quantities and instants exactly, whether they fit the rows or not', () => {
    const events = [
      receipt('0.000001', '2024-01-01T00:00:00Z', '1'),
      receipt('123456789012345.5', '2024-01-01T00:00:00.5Z', '2'),
      receipt('999999999.999999', '2024-01-01T00:00:00.050Z', '3'),
      receipt('0010.50', '2024-01-01T00:00:00.123Z', '4'),
    ];
    const genealogy = new Genealogy();
    genealogy.applyAll(events);
    const receipts = genealogy.backwardTrace(key)?.receipts ?? [];
    expect(receipts.map((line) => [line.quantity, line.occurredAt])).toEqual([
      ['0.000001', '2024-01-01T00:00:00Z'],
      ['999999999.999999', '2024-01-01T00:00:00.050Z'],
      ['10.5', '2024-01-01T00:00:00.123Z'],
      ['123456789012345.5', '2024-01-01T00:00:00.5Z'],
    ]);
    expect(genealogy.massBalance(key)).toMatchObject({ received: '123457789012356', onHand: '123457789012356', balanced: true });
  });

  it('keeps a movement id that is not derived from its source, and recognises both kinds when redelivered', () => {
    const derived = receipt('1', '2024-01-01T00:00:00Z', '1');
    const own = { ...receipt('2', '2024-01-01T00:00:00Z', '2'), movementId: 'KINGDEE:bill-7/2' };
    const genealogy = new Genealogy();
    expect(genealogy.applyAll([derived, own]).map((result) => result.outcome)).toEqual(['applied', 'applied']);
    expect(genealogy.applyAll([own, derived]).map((result) => result.outcome)).toEqual(['duplicate', 'duplicate']);
    expect(genealogy.backwardTrace(key)?.receipts.map((line) => line.movementId)).toEqual(['KINGDEE:bill-7/2', derived.movementId]);
  });

  it('recognises redelivery among many movements (the id table grows)', () => {
    const events = Array.from({ length: 5000 }, (_, n) => receipt('1', '2024-01-01T00:00:00Z', String(n)));
    const genealogy = new Genealogy();
    genealogy.applyAll(events);
    expect(genealogy.applyAll(events).every((result) => result.outcome === 'duplicate')).toBe(true);
    expect(genealogy.stats().movements).toBe(5000);
    expect(genealogy.massBalance(key)).toMatchObject({ received: '5000' });
  });

  it('adds millionths exactly and falls back to decimal text past the safe range', () => {
    expect([toMillionths('0.1'), toMillionths('007'), toMillionths('1e3'), toMillionths('1234567890')]).toEqual([100_000, 7_000_000, NaN, NaN]);
    expect([millionthsText(-125_000), millionthsText(3_000_000), millionthsText(1)]).toEqual(['-0.125', '3', '0.000001']);
    const total = new ExactTotal();
    for (let i = 0; i < 10; i++) total.add('0.1', toMillionths('0.1'));
    total.add('999999999', toMillionths('999999999'));
    for (let i = 0; i < 10; i++) total.add('999999999', toMillionths('999999999'));
    total.add('5', toMillionths('5'), -1);
    expect(total.value()).toBe('10999999985');
  });
});

describe('instant text', () => {
  it('writes what toISOString writes, with 0 to 3 fraction digits, across days, leap years and the epoch', () => {
    const instants = [0, 1, 999, 86_399_999, 86_400_000, Date.UTC(2024, 1, 29, 23, 59, 59, 999), Date.UTC(1999, 11, 31, 23, 59, 59, 50), Date.UTC(9999, 11, 31, 23, 59, 59, 999)];
    // spread over 1970-2100 by a fixed step that is prime to every unit of time, so every run checks the same instants
    for (let i = 1; i <= 2000; i++) instants.push((i * 2_053_564_789_123) % Date.UTC(2100, 0, 1));
    for (const instant of instants) {
      const iso = new Date(instant).toISOString();
      expect([0, 1, 2, 3].map((digits) => instantText(instant, digits))).toEqual([`${iso.slice(0, 19)}Z`, `${iso.slice(0, 21)}Z`, `${iso.slice(0, 22)}Z`, iso]);
    }
  });

  it('falls back to toISOString outside the four-digit years', () => {
    expect(instantText(Date.UTC(-1, 0, 1), 0)).toBe('-000001-01-01T00:00:00Z');
    expect(instantText(Date.UTC(10000, 0, 1, 0, 0, 0, 120), 2)).toBe('+010000-01-01T00:00:00.12Z');
  });
});
