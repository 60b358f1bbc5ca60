import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { FSMA_204_COLUMNS, fsma204Csv, fsma204Rows, fsma204Xlsx } from './fsma-204';
import { ITEMS, allMovements, masterData, movement, scenario } from './test-support/scenario';

/** The key data elements 21 CFR 1.1340 (shipping), 1.1345 (receiving) and 1.1350 (transformation) ask for. */
const REQUIRED_KDE_COLUMNS = [
  'Traceability Lot Code',
  'Product Description',
  'Quantity',
  'Unit of Measure',
  'Critical Tracking Event',
  'Event Date',
  'Location of Event',
  'Immediate Previous Source',
  'Ship-From Location',
  'Immediate Subsequent Recipient',
  'Traceability Lot Code Source',
  'Input Traceability Lot Codes',
  'Reference Document Type',
  'Reference Document Number',
];

describe('FSMA 204 sortable spreadsheet', () => {
  const { rows, problems, skipped } = fsma204Rows(allMovements, masterData);

  it('has every required key data element as a column', () => {
    expect(FSMA_204_COLUMNS).toEqual(expect.arrayContaining(REQUIRED_KDE_COLUMNS));
    expect(problems).toEqual([]);
    expect(skipped).toHaveLength(3);
  });

  it('one row per event and lot: receiving, transformation outputs with their inputs, shipping at goods issue', () => {
    expect(rows.map((row) => [row['Critical Tracking Event'], row['Traceability Lot Code'], row.Quantity, row['Event Date']])).toEqual([
      ['Receiving', 'L-0815', '500', '2024-03-01'],
      ['Receiving', '0000042', '200', '2024-03-01'],
      ['Transformation', 'F1', '600', '2024-03-02'],
      ['Transformation', 'F1-A', '350', '2024-03-03'],
      ['Transformation', 'F1-B', '250', '2024-03-03'],
      ['Shipping', 'F1-A', '150', '2024-03-06'],
      ['Shipping', 'F1-B', '250', '2024-03-06'],
    ]);
    expect(rows[0]).toMatchObject({
      'Product Description': ITEMS.flour.description,
      GTIN: ITEMS.flour.gtin,
      'Location of Event': 'Plant DE01, main warehouse, Hauptstr. 1, Bremen',
      'Immediate Previous Source': 'supplier S1',
      'Traceability Lot Code Source': 'supplier S1',
      'Reference Document Number': '0180000101',
    });
    expect(rows[2]).toMatchObject({ 'Input Traceability Lot Codes': 'L-0815; 0000042', 'Reference Document Type': 'Production order', 'Traceability Lot Code Source': 'production DE01' });
    expect(rows[5]).toMatchObject({ 'Ship-From Location': 'warehouse DE02/MAIN', 'Immediate Subsequent Recipient': 'customer C1', 'Reference Document Number': '0080000100', 'Traceability Lot Code Source': 'production DE01/SPLIT' });
  });

  it('CSV: a header of the columns, fields quoted, lot codes unchanged', () => {
    const csv = fsma204Csv(rows);
    const records = parse(csv, { columns: true }) as Record<string, string>[];
    expect(Object.keys(records[0] ?? {})).toEqual([...FSMA_204_COLUMNS]);
    expect(records.map((record) => record['Traceability Lot Code'])).toEqual(rows.map((row) => row['Traceability Lot Code']));
    expect(records[1]?.['Traceability Lot Code']).toBe('0000042');
    const quoted = fsma204Csv([{ ...(rows[0] as (typeof rows)[number]), 'Product Description': 'Flour, "extra" fine\nnew line' }]);
    expect((parse(quoted, { columns: true }) as Record<string, string>[])[0]?.['Product Description']).toBe('Flour, "extra" fine\nnew line');
  });

  it('XLSX: read back, the same header and cells, text cells kept as text, a sortable filter on the header', async () => {
    const workbook = new ExcelJS.Workbook();
    const bytes = await fsma204Xlsx(rows);
    await workbook.xlsx.load(new Uint8Array(bytes).buffer);
    const sheet = workbook.getWorksheet('FSMA 204');
    expect(sheet?.getRow(1).values).toEqual([undefined, ...FSMA_204_COLUMNS]);
    expect(sheet?.rowCount).toBe(rows.length + 1);
    const read = (sheet?.getSheetValues() ?? []).slice(2).map((values) => (values as unknown[]).slice(1));
    expect(read).toEqual(rows.map((row) => FSMA_204_COLUMNS.map((column) => row[column])));
    expect(sheet?.getCell('A3').value).toBe('0000042');
    expect(sheet?.autoFilter).toBeDefined();
  });

  it('refuses an item without a product description with a code, and keeps the other rows', () => {
    const unknown = movement('receipt', 'UNKNOWN-ITEM', 'L-1', '5', { kind: 'supplier', code: 'S9' }, scenario.receiptFlour.to, '2024-03-01T05:00:00Z', 'R-9');
    const result = fsma204Rows([...allMovements, unknown], masterData);
    expect(result.problems.map((problem) => [problem.code, problem.movementId])).toEqual([['EXPORT.ITEM_WITHOUT_DESCRIPTION', unknown.movementId]]);
    expect(result.rows).toHaveLength(rows.length);
  });
});
