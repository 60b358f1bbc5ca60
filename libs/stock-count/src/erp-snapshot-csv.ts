import { canonicalQuantity, quantityProblem } from '@lotbridge/lot';
import { CsvError, parse } from 'csv-parse/sync';
import { describeBatchNumberProblem } from './batch-number-words';
import { erpWarehouseProblem, ErpStockRow } from './erp-snapshot';

/** Header names of the snapshot's columns, and how its numbers are written. */
export interface ErpSnapshotCsvMapping {
  /** default "item" */
  item?: string;
  /** default "batch" */
  batch?: string;
  /** the plant, or plant/storage location; default "warehouse" */
  warehouse?: string;
  /** a separate storage location column (SAP LGORT): the warehouse becomes "PLANT/SLOC" where it is not empty */
  storageLocation?: string;
  /** default "quantity" */
  quantity?: string;
  /** default "unit" */
  unit?: string;
  /** "1.234,5" means 1234.5 (German and other European exports); default false: "1234.5" */
  decimalComma?: boolean;
  /** default "," (German exports often use ";") */
  delimiter?: string;
}

export interface ErpSnapshotCsvProblem {
  /** the line of the file where the record starts; the header is row 1 */
  row: number;
  /** the column's header name as written in the file, when the problem is one cell */
  column?: string;
  message: string;
}

const MAX_LISTED_PROBLEMS = 20;

export class ErpSnapshotCsvError extends Error {
  constructor(readonly problems: ErpSnapshotCsvProblem[]) {
    const listed = problems.slice(0, MAX_LISTED_PROBLEMS).map(describeProblem);
    const more = problems.length > MAX_LISTED_PROBLEMS ? [`and ${problems.length - MAX_LISTED_PROBLEMS} more`] : [];
    super([...listed, ...more].join('; '));
    this.name = 'ErpSnapshotCsvError';
  }
}

function describeProblem(problem: ErpSnapshotCsvProblem): string {
  return `row ${problem.row}${problem.column === undefined ? '' : `, column ${problem.column}`}: ${problem.message}`;
}

interface ParsedRecord {
  row: number;
  cells: string[];
}

/**
 * Reads an ERP stock list exported as CSV with a header row. Batch numbers and items are kept exactly as
 * written (spaces, leading zeros, case); numeric cells, warehouse and unit codes are trimmed. A UTF-8 BOM is
 * dropped, blank records are skipped. Every unreadable cell is reported at once, naming row and column.
 */
export function parseErpSnapshotCsv(text: string, mapping: ErpSnapshotCsvMapping = {}): ErpStockRow[] {
  const records = readRecords(text, mapping.delimiter ?? ',');
  const header = records[0];
  if (!header) throw new ErpSnapshotCsvError([{ row: 1, message: 'the file is empty: a header row is expected' }]);

  const names = {
    item: mapping.item ?? 'item',
    batch: mapping.batch ?? 'batch',
    warehouse: mapping.warehouse ?? 'warehouse',
    quantity: mapping.quantity ?? 'quantity',
    unit: mapping.unit ?? 'unit',
  };
  const headerNames = header.cells.map((cell) => cell.trim());
  const problems: ErpSnapshotCsvProblem[] = [];
  const indexOf = (name: string, role: string): number => {
    const found = headerNames.filter((cell) => cell === name).length;
    if (found !== 1) {
      const what = found === 0 ? 'not found in' : 'more than once in';
      problems.push({ row: header.row, message: `column ${JSON.stringify(name)} (${role}) is ${what} the header ${headerNames.map((h) => JSON.stringify(h)).join(', ')}` });
    }
    return headerNames.indexOf(name);
  };
  const columns = {
    item: indexOf(names.item, 'item'),
    batch: indexOf(names.batch, 'batch'),
    warehouse: indexOf(names.warehouse, 'warehouse'),
    storageLocation: mapping.storageLocation === undefined ? undefined : indexOf(mapping.storageLocation, 'storageLocation'),
    quantity: indexOf(names.quantity, 'quantity'),
    unit: indexOf(names.unit, 'unit'),
  };
  if (problems.length > 0) throw new ErpSnapshotCsvError(problems);

  const rows: ErpStockRow[] = [];
  for (const record of records.slice(1)) {
    if (record.cells.every((cell) => cell.trim() === '')) continue;
    const cell = (index: number) => record.cells[index] ?? '';
    const fail = (index: number, message: string) => problems.push({ row: record.row, column: headerNames[index], message });

    const item = cell(columns.item);
    if (!item) fail(columns.item, 'item is empty');
    const batchNumber = cell(columns.batch);
    const batch = describeBatchNumberProblem(batchNumber);
    if (batch) fail(columns.batch, batch);
    const plant = cell(columns.warehouse).trim();
    const storageLocation = columns.storageLocation === undefined ? '' : cell(columns.storageLocation).trim();
    const warehouse = storageLocation ? `${plant}/${storageLocation}` : plant;
    const warehouseProblem = erpWarehouseProblem(warehouse);
    if (warehouseProblem) fail(columns.warehouse, warehouseProblem);
    const quantity = readDecimal(cell(columns.quantity), mapping.decimalComma ?? false);
    if (typeof quantity !== 'string') fail(columns.quantity, quantity.problem);
    const unit = cell(columns.unit).trim();
    if (!unit) fail(columns.unit, 'unit is empty');

    if (typeof quantity === 'string') rows.push({ item, batchNumber, warehouse, quantity, unit });
  }
  if (problems.length > 0) throw new ErpSnapshotCsvError(problems);
  return rows;
}

function readRecords(text: string, delimiter: string): ParsedRecord[] {
  let parsed: { record: string[]; info: { lines: number; empty_lines: number } }[];
  try {
    parsed = parse(text, {
      bom: true,
      delimiter,
      info: true,
      skip_empty_lines: true,
      relax_column_count: false,
    }) as typeof parsed;
  } catch (error) {
    if (error instanceof CsvError) {
      const line = typeof error.lines === 'number' ? error.lines : 0;
      throw new ErpSnapshotCsvError([{ row: line, message: `not readable as CSV: ${error.message}` }]);
    }
    throw error;
  }
  // info.lines is the line where a record ends: the next record starts after it and the empty lines skipped since.
  let previousEnd = 0;
  let previousEmpty = 0;
  return parsed.map(({ record, info }) => {
    const row = previousEnd + 1 + (info.empty_lines - previousEmpty);
    previousEnd = info.lines;
    previousEmpty = info.empty_lines;
    return { row, cells: record };
  });
}

const DOT_DECIMAL = /^\d+(\.\d+)?$/;
const COMMA_DECIMAL = /^(\d+|\d{1,3}(\.\d{3})+)(,\d+)?$/;

/**
 * A numeric cell as an exact decimal: trimmed, an optional leading sign or SAP's trailing minus ("12,5-"),
 * with decimalComma "1.234,5" (dots only as thousands separators), without it "1234.5" (no separators).
 */
function readDecimal(raw: string, decimalComma: boolean): string | { problem: string } {
  let text = raw.trim();
  let sign = '';
  if (/^[+-]/.test(text)) {
    sign = text.startsWith('-') ? '-' : '';
    text = text.slice(1);
  } else if (text.endsWith('-')) {
    sign = '-';
    text = text.slice(0, -1);
  }
  const notDecimal = { problem: `${JSON.stringify(raw)} is not a decimal` };
  let plain: string;
  if (decimalComma) {
    if (!COMMA_DECIMAL.test(text)) return notDecimal;
    plain = text.replace(/\./g, '').replace(',', '.');
  } else {
    if (!DOT_DECIMAL.test(text)) {
      return COMMA_DECIMAL.test(text) && text.includes(',')
        ? { problem: `${notDecimal.problem} (written with a decimal comma? set decimalComma: true)` }
        : notDecimal;
    }
    plain = text;
  }
  const problem = quantityProblem(sign + plain);
  if (problem) return { problem: `${JSON.stringify(raw)} is ${problem.replace(/-/g, ' ')}` };
  return canonicalQuantity(sign + plain);
}
