import { warehouse } from './location';
import { isCalendarDate, LotMovement, movementIdFor, movementProblems } from './movement';
import { decideStockPosting } from './stock-ledger';

const receipt = (overrides: Partial<LotMovement> = {}): LotMovement => ({
  movementId: 'm-1',
  kind: 'receipt',
  item: '000000654321234567',
  batchNumber: ' 0012 a/b.c ',
  quantity: '5',
  unit: 'H87',
  from: { kind: 'supplier', code: 'IN25P' },
  to: warehouse('DE01', 'MAIN'),
  occurredAt: '2024-03-19T06:14:11Z',
  source: { system: 'SAP:QS1', document: '0180000101', line: '000010' },
  ...overrides,
});

describe('a lot movement', () => {
  it('is valid with an opaque batch number full of spaces and punctuation', () => {
    expect(movementProblems(receipt())).toEqual([]);
  });

  it('names every problem', () => {
    expect(
      movementProblems(receipt({ batchNumber: '   ', quantity: '-1', expiryDate: '2025-02-30', sscc: '34012345000000001', from: warehouse('DE01', 'MAIN') })),
    ).toEqual([
      'batch number is blank',
      'quantity "-1" is not positive',
      'from and to are the same location (warehouse:DE01/MAIN)',
      'expiryDate "2025-02-30" is not a calendar date (YYYY-MM-DD)',
      'sscc "34012345000000001" is not 18 digits',
    ]);
  });

  it('has an id derived from its source that no other source can share', () => {
    const a = movementIdFor({ system: 'SAP:X', document: 'A|B', line: '1' }, 'receipt');
    const b = movementIdFor({ system: 'SAP:X', document: 'A', line: 'B|1' }, 'receipt');
    expect(a).not.toBe(b);
    expect(movementIdFor({ system: 'SAP:X', document: 'A|B', line: '1' }, 'receipt')).toBe(a);
  });
});

describe('double-entry stock posting', () => {
  it('posts out of from and into to, conserving quantity', () => {
    const decision = decideStockPosting(receipt(), '0');
    expect(decision).toEqual({
      kind: 'post',
      postings: [
        expect.objectContaining({ location: { kind: 'supplier', code: 'IN25P' }, delta: '-5' }),
        expect.objectContaining({ location: warehouse('DE01', 'MAIN'), delta: '5' }),
      ],
    });
  });

  const issue = receipt({ kind: 'delivery', from: warehouse('DE01', 'MAIN'), to: { kind: 'customer', code: 'C1' }, quantity: '7.5' });

  it('parks an issue a strict warehouse cannot cover, saying by how much', () => {
    expect(decideStockPosting(issue, '5', 'strict')).toEqual({
      kind: 'park',
      shortBy: '2.5',
      reason: expect.stringContaining('which has 5 on hand (short 2.5 H87)'),
    });
  });

  it('posts it below zero where the warehouse allows that, with the shortfall for the alert', () => {
    expect(decideStockPosting(issue, '5', 'allow-with-alert')).toMatchObject({ kind: 'post-below-zero', shortBy: '2.5' });
  });

  it('posts an issue that is covered exactly', () => {
    expect(decideStockPosting(issue, '7.5', 'strict').kind).toBe('post');
  });
});

describe('calendar dates', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['1900-02-29', false],
    ['2000-02-29', true],
    ['2025-04-31', false],
    ['2025-12-31', true],
    ['2025-13-01', false],
    ['2025-00-10', false],
    ['2025-01-00', false],
    ['2025-1-01', false],
  ])('%s is a calendar date: %s', (text, valid) => {
    expect(isCalendarDate(text)).toBe(valid);
  });
});
