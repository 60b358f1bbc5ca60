import { quantityProblem } from '@lotbridge/lot';
import { describeBatchNumberProblem } from './batch-number-words';

/** One row of an ERP's stock list (e.g. SAP MB52 / MCHB per plant, storage location and batch). */
export interface ErpStockRow {
  item: string;
  /** opaque, as the ERP wrote it */
  batchNumber: string;
  /** "DE01" (plant) or "DE01/0001" (plant/storage location), as Lotbridge's warehouse location codes */
  warehouse: string;
  /** signed exact decimal string */
  quantity: string;
  unit: string;
}

const WAREHOUSE_PATTERN = /^[^/]+(\/[^/]+)?$/;

/** Why a warehouse text is neither "PLANT" nor "PLANT/STORAGE_LOCATION", or undefined. */
export function erpWarehouseProblem(warehouse: string): string | undefined {
  if (!warehouse) return 'warehouse is empty';
  if (!WAREHOUSE_PATTERN.test(warehouse)) return `warehouse "${warehouse}" is neither PLANT nor PLANT/STORAGE_LOCATION`;
  return undefined;
}

/** Problems of one snapshot row, in words that name the field; empty when the row is usable. */
export function erpStockRowProblems(row: ErpStockRow): string[] {
  const problems: string[] = [];
  if (!row.item) problems.push('item is empty');
  const batch = describeBatchNumberProblem(row.batchNumber);
  if (batch) problems.push(batch);
  const warehouse = erpWarehouseProblem(row.warehouse);
  if (warehouse) problems.push(warehouse);
  const quantity = quantityProblem(row.quantity);
  if (quantity) problems.push(`quantity "${row.quantity}" is ${quantity.replace(/-/g, ' ')}`);
  if (!row.unit) problems.push('unit is empty');
  return problems;
}

export class ErpSnapshotError extends RangeError {
  constructor(readonly problems: string[]) {
    super(`ERP stock snapshot cannot be used: ${problems.join('; ')}`);
    this.name = 'ErpSnapshotError';
  }
}
