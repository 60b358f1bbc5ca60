import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { warehouse } from '@lotbridge/lot';
import { BookStock } from './count-document';
import { ErpSnapshotCsvError, parseErpSnapshotCsv } from './erp-snapshot-csv';
import { reconcile } from './reconciliation';

const errorOf = (action: () => unknown): ErpSnapshotCsvError => {
  try {
    action();
  } catch (error) {
    if (error instanceof ErpSnapshotCsvError) return error;
    throw error;
  }
  throw new Error('expected an ErpSnapshotCsvError');
};

describe('reading an ERP stock snapshot from CSV', () => {
  it('drops a BOM and reads the default columns in any order', () => {
    const text = '\uFEFFwarehouse,item,batch,unit,quantity\nDE01/0001,000000000000100234,2024-0815,ST,1250.000\n';
    expect(parseErpSnapshotCsv(text)).toEqual([
      { item: '000000000000100234', batchNumber: '2024-0815', warehouse: 'DE01/0001', quantity: '1250', unit: 'ST' },
    ]);
  });

  it('keeps batch numbers exactly, quoted commas and spaces included, and trims numbers and codes', () => {
    const text = [
      'item,batch,warehouse,quantity,unit',
      '100234,"L,42 ",DE01/0001, 12.5 ,ST',
      '100234,批次-001 , DE01/0001 ,3, ST ',
      '"100234","""Q"" 7",DE01/0001,"1",ST',
    ].join('\r\n');
    expect(parseErpSnapshotCsv(text).map((row) => [row.batchNumber, row.warehouse, row.quantity, row.unit])).toEqual([
      ['L,42 ', 'DE01/0001', '12.5', 'ST'],
      ['批次-001 ', 'DE01/0001', '3', 'ST'],
      ['"Q" 7', 'DE01/0001', '1', 'ST'],
    ]);
  });

  it('reads decimal commas with thousands dots only when told to', () => {
    const text = 'Material;Charge;Werk;Menge;ME\n4711;A;DE01;1.234,5;KG\n4711;B;DE01;12,5-;KG\n4711;C;DE01;7;KG\n';
    const mapping = { item: 'Material', batch: 'Charge', warehouse: 'Werk', quantity: 'Menge', unit: 'ME', delimiter: ';' };
    expect(parseErpSnapshotCsv(text, { ...mapping, decimalComma: true }).map((row) => row.quantity)).toEqual(['1234.5', '-12.5', '7']);
    expect(errorOf(() => parseErpSnapshotCsv(text, mapping)).message).toBe(
      'row 2, column Menge: "1.234,5" is not a decimal (written with a decimal comma? set decimalComma: true); ' +
        'row 3, column Menge: "12,5-" is not a decimal (written with a decimal comma? set decimalComma: true)',
    );
    expect(errorOf(() => parseErpSnapshotCsv('Material;Charge;Werk;Menge;ME\n4711;A;DE01;1234.5;KG\n', { ...mapping, decimalComma: true })).message).toBe(
      'row 2, column Menge: "1234.5" is not a decimal',
    );
  });

  it('names the row and column of a bad cell', () => {
    const text = ['item,batch,warehouse,quantity,unit', ...Array.from({ length: 5 }, (_, i) => `4711,L${i},DE01,${i},ST`), '4711,L9,DE01,"12,5x",ST'].join('\n');
    const error = errorOf(() => parseErpSnapshotCsv(text));
    expect(error.message).toBe('row 7, column quantity: "12,5x" is not a decimal');
    expect(error.problems).toEqual([{ row: 7, column: 'quantity', message: '"12,5x" is not a decimal' }]);
  });

  it('counts rows as lines of the file, across quoted line breaks and blank lines', () => {
    const text = 'item,description,batch,warehouse,quantity,unit\n4711,"multi\nline",A,DE01,1,ST\n\n4711,x, ,DE01,0.0000001,\n';
    expect(errorOf(() => parseErpSnapshotCsv(text)).problems).toEqual([
      { row: 5, column: 'batch', message: 'batch number " " is blank' },
      { row: 5, column: 'quantity', message: '"0.0000001" is too many decimals' },
      { row: 5, column: 'unit', message: 'unit is empty' },
    ]);
  });

  it('says which column the header lacks, and when the file is not CSV', () => {
    expect(errorOf(() => parseErpSnapshotCsv('item,batch,plant,quantity,unit\n')).message).toBe(
      'row 1: column "warehouse" (warehouse) is not found in the header "item", "batch", "plant", "quantity", "unit"',
    );
    expect(errorOf(() => parseErpSnapshotCsv('item,batch,warehouse,quantity,unit\n4711,A,DE01,1\n')).message).toMatch(
      /^row 2: not readable as CSV: Invalid Record Length: expect 5, got 4 on line 2/,
    );
    expect(errorOf(() => parseErpSnapshotCsv('')).message).toBe('row 1: the file is empty: a header row is expected');
  });

  describe('the SAP-like sample export (fixtures/erp-stock-snapshot.csv)', () => {
    const text = readFileSync(join(__dirname, '..', 'fixtures', 'erp-stock-snapshot.csv'), 'utf8');
    const rows = parseErpSnapshotCsv(text, {
      item: 'Material',
      warehouse: 'Werk',
      storageLocation: 'Lagerort',
      batch: 'Charge',
      quantity: 'Frei verwendbar',
      unit: 'Basismengeneinheit',
      delimiter: ';',
      decimalComma: true,
    });
    const at = (plant: string, sloc: string, bin?: string) => warehouse(plant, sloc, bin);
    const book: BookStock[] = [
      { item: '000000000000100234', batchNumber: '2024-0815', location: at('DE01', '0001', '01-A-03'), onHand: '1250', unit: 'ST' },
      { item: '000000000000100234', batchNumber: '2024-0815', location: at('DE01', '0002'), onHand: '240', unit: 'ST' },
      { item: '000000000000204711', batchNumber: 'CH-7731', location: at('DE01', '0001'), onHand: '12.5', unit: 'KGM' },
      { item: '000000000000204711', batchNumber: 'CH-7731', location: at('DE02', '0001'), onHand: '3.25', unit: 'KG' },
      { item: '000000000000300555', batchNumber: '0000012345', location: at('DE02', '0001', 'R1'), onHand: '60', unit: 'ST' },
      { item: '000000000000300555', batchNumber: '0000012345', location: at('DE02', '0001', 'R2'), onHand: '40', unit: 'ST' },
      { item: '000000000000300555', batchNumber: '0000012346', location: at('DE02', '0001'), onHand: '15', unit: 'ST' },
      { item: '000000000000300555', batchNumber: 'L 42 a', location: at('DE02', '0001'), onHand: '7', unit: 'ST' },
      { item: '000000000000410001', batchNumber: 'B;17', location: at('DE02', '0003'), onHand: '5', unit: 'ST' },
    ];

    it('is read with leading zeros, inner spaces and a quoted delimiter intact', () => {
      expect(rows).toHaveLength(9);
      expect(rows[0]).toEqual({ item: '000000000000100234', batchNumber: '2024-0815', warehouse: 'DE01/0001', quantity: '1250', unit: 'ST' });
      expect(rows.map((row) => row.batchNumber)).toContain('L 42 a');
      expect(rows[8]).toEqual({ item: '000000000000410001', batchNumber: 'B;17', warehouse: 'DE02/0003', quantity: '5', unit: 'ST' });
    });

    it('reconciles per storage location and per plant', () => {
      const bySloc = reconcile(rows, book);
      expect(bySloc.lines.map((l) => [l.item.slice(-6), l.batchNumber, l.warehouse, l.kind, l.difference])).toEqual([
        ['100234', '2024-0815', 'DE01/0002', 'quantity-differs', '-10'],
        ['100234', '2024-0901', 'DE01/0001', 'missing-in-lotbridge', '-40'],
        ['204711', 'CH-7731', 'DE01/0001', 'unit-differs', null],
        ['300555', '0000012346', 'DE02/0001', 'missing-in-erp', '15'],
      ]);
      expect(bySloc.totals).toMatchObject({ compared: 10, matches: 6, differences: 4 });

      const byPlant = reconcile(rows, book, { granularity: 'plant' });
      expect(byPlant.lines.map((l) => [l.batchNumber, l.warehouse, l.kind, l.erp, l.lotbridge])).toEqual([
        ['2024-0815', 'DE01', 'quantity-differs', '1500', '1490'],
        ['2024-0901', 'DE01', 'missing-in-lotbridge', '40', null],
        ['CH-7731', 'DE01', 'unit-differs', '12.5', '12.5'],
        ['0000012346', 'DE02', 'missing-in-erp', null, '15'],
      ]);
    });
  });
});
