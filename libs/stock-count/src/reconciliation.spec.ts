import { Location, warehouse } from '@lotbridge/lot';
import { BookStock } from './count-document';
import { ErpSnapshotError, ErpStockRow } from './erp-snapshot';
import { reconcile } from './reconciliation';

const erp = (item: string, batchNumber: string, wh: string, quantity: string, unit = 'ST'): ErpStockRow => ({ item, batchNumber, warehouse: wh, quantity, unit });
const book = (item: string, batchNumber: string, location: Location, onHand: string, unit = 'ST'): BookStock => ({ item, batchNumber, location, onHand, unit });

describe('reconciliation of an ERP stock snapshot with the book', () => {
  const snapshot = [
    erp('000000000000100234', '2024-0815', 'DE01/0001', '1250'),
    erp('000000000000100234', '2024-0901', 'DE01/0001', '40'),
    erp('000000000000204711', 'CH-7731', 'DE01/0001', '12.5', 'KG'),
    erp('000000000000300555', '0000012345', 'DE02/0001', '100'),
  ];
  const books = [
    book('000000000000100234', '2024-0815', warehouse('DE01', '0001', 'A-01'), '1000'),
    book('000000000000100234', '2024-0815', warehouse('DE01', '0001', 'A-02'), '240'),
    book('000000000000204711', 'CH-7731', warehouse('DE01', '0001'), '12.5', 'KGM'),
    book('000000000000300555', '0000012345', warehouse('DE02', '0001'), '100.000'),
    book('000000000000300555', '0000012346', warehouse('DE02', '0001'), '15'),
    book('000000000000300555', '0000012346', { kind: 'inventory-loss', code: 'COUNT' }, '-15'),
  ];

  it('reports each of the four kinds of difference, sorted, with totals; matches only counted', () => {
    const result = reconcile(snapshot, books);
    expect(result.granularity).toBe('storage-location');
    expect(result.lines).toEqual([
      {
        kind: 'quantity-differs',
        item: '000000000000100234',
        batchNumber: '2024-0815',
        warehouse: 'DE01/0001',
        erp: '1250',
        erpUnit: 'ST',
        lotbridge: '1240',
        lotbridgeUnit: 'ST',
        difference: '-10',
      },
      {
        kind: 'missing-in-lotbridge',
        item: '000000000000100234',
        batchNumber: '2024-0901',
        warehouse: 'DE01/0001',
        erp: '40',
        erpUnit: 'ST',
        lotbridge: null,
        lotbridgeUnit: null,
        difference: '-40',
      },
      {
        kind: 'unit-differs',
        item: '000000000000204711',
        batchNumber: 'CH-7731',
        warehouse: 'DE01/0001',
        erp: '12.5',
        erpUnit: 'KG',
        lotbridge: '12.5',
        lotbridgeUnit: 'KGM',
        difference: null,
      },
      {
        kind: 'missing-in-erp',
        item: '000000000000300555',
        batchNumber: '0000012346',
        warehouse: 'DE02/0001',
        erp: null,
        erpUnit: null,
        lotbridge: '15',
        lotbridgeUnit: 'ST',
        difference: '15',
      },
    ]);
    expect(result.totals).toEqual({ compared: 5, matches: 1, quantityDiffers: 1, missingInLotbridge: 1, missingInErp: 1, unitDiffers: 1, differences: 4 });
  });

  it('lists matches on request', () => {
    const result = reconcile(snapshot, books, { includeMatches: true });
    expect(result.lines.map((l) => [l.batchNumber, l.kind])).toEqual([
      ['2024-0815', 'quantity-differs'],
      ['2024-0901', 'missing-in-lotbridge'],
      ['CH-7731', 'unit-differs'],
      ['0000012345', 'matches'],
      ['0000012346', 'missing-in-erp'],
    ]);
    expect(result.lines[3]).toMatchObject({ erp: '100', lotbridge: '100', difference: '0' });
  });

  it('adds several storage locations and bins up to the plant for a plant-level snapshot', () => {
    const plantBook = [
      book('4711', 'L1', warehouse('DE01', '0001', 'A-01'), '10'),
      book('4711', 'L1', warehouse('DE01', '0001', 'A-02'), '2.5'),
      book('4711', 'L1', warehouse('DE01', '0002'), '7.5'),
      book('4711', 'L1', warehouse('DE01', 'QS'), '5'),
      book('4711', 'L1', warehouse('DE02', '0001'), '1'),
    ];
    const result = reconcile([erp('4711', 'L1', 'DE01', '25'), erp('4711', 'L1', 'DE02', '3')], plantBook);
    expect(result.granularity).toBe('plant');
    expect(result.lines).toEqual([expect.objectContaining({ warehouse: 'DE02', kind: 'quantity-differs', erp: '3', lotbridge: '1', difference: '-2' })]);
    expect(result.totals).toMatchObject({ compared: 2, matches: 1 });

    const slocSnapshot = [erp('4711', 'L1', 'DE01/0001', '12.5'), erp('4711', 'L1', 'DE01/0002', '12.5'), erp('4711', 'L1', 'DE02/0001', '1')];
    const atPlant = reconcile(slocSnapshot, plantBook, { granularity: 'plant', includeMatches: true });
    expect(atPlant.lines.map((l) => [l.warehouse, l.kind, l.erp, l.lotbridge])).toEqual([
      ['DE01', 'matches', '25', '25'],
      ['DE02', 'matches', '1', '1'],
    ]);
  });

  it('compares batch numbers byte for byte', () => {
    const result = reconcile(
      [erp('100', '批次-001 ', 'DE01/0001', '5'), erp('100', 'ab', 'DE01/0001', '1')],
      [book('100', '批次-001', warehouse('DE01', '0001'), '5'), book('100', 'AB', warehouse('DE01', '0001'), '1')],
    );
    expect(result.lines.map((l) => [l.batchNumber, l.kind])).toEqual([
      ['AB', 'missing-in-erp'],
      ['ab', 'missing-in-lotbridge'],
      ['批次-001', 'missing-in-erp'],
      ['批次-001 ', 'missing-in-lotbridge'],
    ]);
  });

  it('treats a zero on one side and no row on the other as a match', () => {
    const result = reconcile([erp('1', 'Z', 'DE01/0001', '0')], [book('1', 'Y', warehouse('DE01', '0001'), '0')]);
    expect(result.lines).toEqual([]);
    expect(result.totals).toMatchObject({ compared: 2, matches: 2, differences: 0 });
  });

  it('does not depend on the order of its input', () => {
    const forward = reconcile(snapshot, books, { includeMatches: true });
    const backward = reconcile([...snapshot].reverse(), [...books].reverse(), { includeMatches: true });
    expect(backward).toEqual(forward);
  });

  it('refuses unusable snapshot rows, naming each', () => {
    expect(() => reconcile([erp('1', ' ', 'DE01/0001', '1,5')], [])).toThrow(
      new ErpSnapshotError(['row 0: batch number " " is blank', 'row 0: quantity "1,5" is not a number']),
    );
    expect(() => reconcile([erp('1', 'A', 'DE01', '1')], [], { granularity: 'storage-location' })).toThrow(
      'row 0: warehouse "DE01" names no storage location',
    );
  });
});
