import { movementProblems, warehouse } from '@lotbridge/lot';
import { BookStock, CountDocument, CountDocumentError } from './count-document';
import { countAdjustments, CountErrorLine, CountResultLine, countVariances, CountVarianceLine } from './count-variance';

const MAIN = warehouse('DE01', 'MAIN');
const ITEM = '000000000000100234';

const count = (lines: CountDocument['lines'], overrides: Partial<CountDocument> = {}): CountDocument => ({
  countId: 'CNT-2025-0042',
  location: MAIN,
  countedAt: '2025-03-31T16:45:00Z',
  countedBy: 'j.meier',
  lines,
  ...overrides,
});
const line = (batchNumber: string, counted: string, unit = 'H87', item = ITEM) => ({ item, batchNumber, counted, unit });
const stock = (batchNumber: string, onHand: string, location = MAIN, unit = 'H87', item = ITEM): BookStock => ({ item, batchNumber, location, onHand, unit });

const variance = (lines: CountResultLine[], batchNumber: string): CountVarianceLine => {
  const found = lines.find((l) => l.batchNumber === batchNumber);
  if (!found || found.status !== 'variance') throw new Error(`no variance line for ${batchNumber}: ${JSON.stringify(found)}`);
  return found;
};
const error = (lines: CountResultLine[], batchNumber: string): CountErrorLine => {
  const found = lines.find((l) => l.batchNumber === batchNumber);
  if (!found || found.status !== 'error') throw new Error(`no error line for ${batchNumber}`);
  return found;
};

describe('count variances', () => {
  const book = [stock('B1', '10'), stock('B2', '5'), stock('B3', '4'), stock('B4', '3'), stock('B1', '100', warehouse('DE01', 'OTHER'))];

  it('turns a shortage into a count-adjustment from the warehouse to inventory-loss', () => {
    const result = variance(countVariances(count([line('B1', '8')]), book), 'B1');
    expect(result).toMatchObject({ status: 'variance', source: 'count', lines: [0], book: '10', counted: '8', variance: '-2', variancePercent: '-20' });
    expect(result.adjustment).toEqual({
      movementId: 'LOTBRIDGE:COUNT|CNT-2025-0042|["000000000000100234","B1"]|count-adjustment',
      kind: 'count-adjustment',
      item: ITEM,
      batchNumber: 'B1',
      quantity: '2',
      unit: 'H87',
      from: MAIN,
      to: { kind: 'inventory-loss', code: 'COUNT' },
      occurredAt: '2025-03-31T16:45:00Z',
      source: { system: 'LOTBRIDGE:COUNT', document: 'CNT-2025-0042', line: '["000000000000100234","B1"]' },
    });
    expect(movementProblems(result.adjustment!)).toEqual([]);
    expect(result.reason).toBe(
      'count CNT-2025-0042 by j.meier at warehouse:DE01/MAIN: lot 000000000000100234/"B1" counted 8 H87, book 10 H87; ' +
        'shortage of 2 H87 written off to inventory-loss:COUNT',
    );
  });

  it('turns a surplus into a count-adjustment from inventory-loss into the warehouse', () => {
    const result = variance(countVariances(count([line('B2', '6.5')]), book), 'B2');
    expect(result).toMatchObject({ variance: '1.5', variancePercent: '30' });
    expect(result.adjustment).toMatchObject({ quantity: '1.5', from: { kind: 'inventory-loss', code: 'COUNT' }, to: MAIN });
    expect(result.reason).toContain('surplus of 1.5 H87 taken in from inventory-loss:COUNT');
  });

  it('makes no adjustment for an exact match, whatever the notation', () => {
    const result = variance(countVariances(count([line('B3', '4.000')]), book), 'B3');
    expect(result).toMatchObject({ book: '4', counted: '4', variance: '0', variancePercent: '0', aboveThreshold: false });
    expect(result.adjustment).toBeUndefined();
    expect(result.reason).toBeUndefined();
  });

  it('ignores lots not on a partial count (the default) and counts them as 0 on a full count', () => {
    const doc = count([line('B1', '10'), line('B2', '5'), line('B3', '4')]);
    const partial = countVariances(doc, book);
    expect(partial.map((l) => l.batchNumber)).toEqual(['B1', 'B2', 'B3']);
    expect(countAdjustments(partial)).toEqual([]);

    const full = countVariances(doc, book, { mode: 'full' });
    expect(full.map((l) => l.batchNumber)).toEqual(['B1', 'B2', 'B3', 'B4']);
    const missing = variance(full, 'B4');
    expect(missing).toMatchObject({ source: 'missing-from-count', lines: [], book: '3', counted: '0', variance: '-3', variancePercent: '-100' });
    expect(missing.adjustment).toMatchObject({ quantity: '3', from: MAIN, to: { kind: 'inventory-loss', code: 'COUNT' } });
    expect(missing.reason).toContain('not on the full count (counted as 0 H87)');
  });

  it('does not list an uncounted lot whose book is already 0 on a full count', () => {
    const result = countVariances(count([]), [stock('GONE', '0'), stock('B4', '3')], { mode: 'full' });
    expect(result.map((l) => l.batchNumber)).toEqual(['B4']);
  });

  it('flags variances strictly above the threshold, compared exactly rather than on the rounded percentage', () => {
    const thirds = [stock('T', '3')];
    const doc = count([line('T', '2')]);
    expect(variance(countVariances(doc, thirds), 'T')).toMatchObject({ variancePercent: '-33.33', aboveThreshold: true });
    expect(variance(countVariances(doc, thirds, { varianceThresholdPercent: '33.33' }), 'T').aboveThreshold).toBe(true);
    expect(variance(countVariances(doc, thirds, { varianceThresholdPercent: '33.34' }), 'T').aboveThreshold).toBe(false);

    const twenty = countVariances(count([line('B1', '8'), line('B2', '6')]), book, { varianceThresholdPercent: '20' });
    expect(twenty.map((l) => (l.status === 'variance' ? l.aboveThreshold : l.problem))).toEqual([false, false]);
    const fifteen = countVariances(count([line('B1', '8'), line('B2', '5.5')]), book, { varianceThresholdPercent: '15' });
    expect(fifteen.map((l) => (l.status === 'variance' ? l.aboveThreshold : l.problem))).toEqual([true, false]);
  });

  it('has no percentage against a book of 0, and any surplus there is above the threshold', () => {
    const result = variance(countVariances(count([line('NEW', '2')]), book, { varianceThresholdPercent: '50' }), 'NEW');
    expect(result).toMatchObject({ book: '0', counted: '2', variance: '2', variancePercent: null, aboveThreshold: true });
    expect(result.adjustment).toMatchObject({ quantity: '2', to: MAIN });
    const zeroOnZero = variance(countVariances(count([line('NEW', '0')]), [stock('NEW', '0')]), 'NEW');
    expect(zeroOnZero).toMatchObject({ variance: '0', variancePercent: null, aboveThreshold: false });
  });

  it('compares batch numbers byte for byte', () => {
    const result = countVariances(count([line('b1', '10'), line('B1 ', '1')]), book, { mode: 'full' });
    expect(result.map((l) => [l.batchNumber, l.status === 'variance' ? l.variance : l.problem])).toEqual([
      ['b1', '10'],
      ['B1 ', '1'],
      ['B1', '-10'],
      ['B2', '-5'],
      ['B3', '-4'],
      ['B4', '-3'],
    ]);
  });

  it('reports a unit mismatch as an error line and adjusts nothing', () => {
    const result = countVariances(count([line('B1', '10', 'KGM')]), book, { mode: 'full' });
    const problem = error(result, 'B1');
    expect(problem).toMatchObject({ problem: 'unit-differs', lines: [0] });
    expect(problem.message).toBe('lot 000000000000100234/"B1" is counted in "KGM" but booked in "H87": units are never converted');
    expect(countAdjustments(result).map((m) => m.batchNumber)).toEqual(['B2', 'B3', 'B4']);
  });

  it('adds up several lines of one lot and refuses unreadable lines', () => {
    const result = countVariances(count([line('B1', '6'), line('B2', '-1'), line('B1', '4'), line('B3', '4,0')]), book);
    expect(variance(result, 'B1')).toMatchObject({ lines: [0, 2], counted: '10', variance: '0' });
    expect(error(result, 'B2')).toMatchObject({ problem: 'invalid-line', message: 'line 1: counted "-1" is negative' });
    expect(error(result, 'B3').message).toBe('line 3: counted "4,0" is not a number');
  });

  it('refuses an unusable document as a whole', () => {
    expect(() => countVariances(count([], { location: { kind: 'scrap', code: 'X' }, countedAt: '2025-03-31 16:45' }), book)).toThrow(
      new CountDocumentError('CNT-2025-0042', ['location scrap:X is not a warehouse', 'countedAt "2025-03-31 16:45" is not a UTC instant (ISO 8601 with Z)']),
    );
    expect(() => countVariances(count([]), book, { varianceThresholdPercent: '-1' })).toThrow(/varianceThresholdPercent "-1"/);
  });

  it('gives the same movement ids when the same count is evaluated again', () => {
    const doc = count([line('B1', '8'), line('B2', '6')]);
    expect(countAdjustments(countVariances(doc, book)).map((m) => m.movementId)).toEqual(
      countAdjustments(countVariances({ ...doc, lines: [...doc.lines].reverse() }, book)).map((m) => m.movementId).reverse(),
    );
  });
});
