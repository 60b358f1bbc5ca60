import { addQuantities, plantOf, quantityProblem, subtractQuantities } from '@lotbridge/lot';
import { BookStock } from './count-document';
import { ErpSnapshotError, ErpStockRow, erpStockRowProblems } from './erp-snapshot';
import { compareText, isZero } from './exact-decimal';

/**
 * The level stock is compared at. `storage-location`: "DE01/0001" against the book of that storage location,
 * all its bins added up. `plant`: "DE01" against the book of every storage location and bin of the plant;
 * snapshot rows that name a storage location are added up to their plant too.
 */
export type ReconciliationGranularity = 'plant' | 'storage-location';

export type ReconciliationKind = 'matches' | 'quantity-differs' | 'missing-in-lotbridge' | 'missing-in-erp' | 'unit-differs';

export interface ReconciliationOptions {
  /** default: `storage-location` when every snapshot row names one, otherwise `plant` */
  granularity?: ReconciliationGranularity;
  /** list matching lots too (kind `matches`); they are always counted in the totals */
  includeMatches?: boolean;
}

export interface ReconciliationLine {
  kind: ReconciliationKind;
  item: string;
  batchNumber: string;
  /** at the reconciliation's granularity: "DE01" or "DE01/0001" */
  warehouse: string;
  /** the ERP's quantity; null when the ERP has no row (or, for unit-differs, several units) */
  erp: string | null;
  erpUnit: string | null;
  /** Lotbridge's book quantity; null when the book has no row (or several units) */
  lotbridge: string | null;
  lotbridgeUnit: string | null;
  /** lotbridge − erp (a missing side counts as 0); null when the units differ */
  difference: string | null;
}

export interface ReconciliationTotals {
  /** lots × warehouses compared */
  compared: number;
  matches: number;
  quantityDiffers: number;
  missingInLotbridge: number;
  missingInErp: number;
  unitDiffers: number;
  /** everything but matches */
  differences: number;
}

export interface Reconciliation {
  granularity: ReconciliationGranularity;
  /** sorted by item, batch number, warehouse (code-unit order) */
  lines: ReconciliationLine[];
  totals: ReconciliationTotals;
}

interface Side {
  /** unit -> summed quantity */
  byUnit: Map<string, string>;
}

interface Entry {
  item: string;
  batchNumber: string;
  warehouse: string;
  erp?: Side;
  lotbridge?: Side;
}

/**
 * Compares an ERP's stock snapshot with Lotbridge's book lot by lot and warehouse, and reports every difference.
 * Batch numbers, items, warehouses and units are compared byte for byte; units are never converted. Only book rows
 * at warehouse locations take part. A side without a row counts as 0, so a lot that is 0 on one side and absent on
 * the other matches. Throws an ErpSnapshotError naming every unusable snapshot row.
 */
export function reconcile(erpSnapshot: readonly ErpStockRow[], book: readonly BookStock[], options: ReconciliationOptions = {}): Reconciliation {
  const problems = erpSnapshot.flatMap((row, index) => erpStockRowProblems(row).map((problem) => `row ${index}: ${problem}`));
  const inferred: ReconciliationGranularity = erpSnapshot.every((row) => row.warehouse.includes('/')) ? 'storage-location' : 'plant';
  const granularity = options.granularity ?? inferred;
  if (granularity === 'storage-location') {
    erpSnapshot.forEach((row, index) => {
      if (!row.warehouse.includes('/')) problems.push(`row ${index}: warehouse "${row.warehouse}" names no storage location`);
    });
  }
  if (problems.length > 0) throw new ErpSnapshotError(problems);

  const entries = new Map<string, Entry>();
  const add = (side: 'erp' | 'lotbridge', item: string, batchNumber: string, warehouse: string, unit: string, quantity: string) => {
    const key = JSON.stringify([item, batchNumber, warehouse]);
    const entry = entries.get(key) ?? { item, batchNumber, warehouse };
    const totals = entry[side] ?? { byUnit: new Map<string, string>() };
    totals.byUnit.set(unit, addQuantities(totals.byUnit.get(unit) ?? '0', quantity));
    entry[side] = totals;
    entries.set(key, entry);
  };

  for (const row of erpSnapshot) {
    const warehouse = granularity === 'plant' ? plantOfCode(row.warehouse) : row.warehouse;
    add('erp', row.item, row.batchNumber, warehouse, row.unit, row.quantity);
  }
  book.forEach((row, index) => {
    if (row.location.kind !== 'warehouse') return;
    const problem = quantityProblem(row.onHand);
    if (problem) throw new RangeError(`book row ${index}: onHand "${row.onHand}" is ${problem.replace(/-/g, ' ')}`);
    const warehouse = granularity === 'plant' ? plantOf(row.location) : row.location.code;
    add('lotbridge', row.item, row.batchNumber, warehouse, row.unit, row.onHand);
  });

  const totals: ReconciliationTotals = {
    compared: 0,
    matches: 0,
    quantityDiffers: 0,
    missingInLotbridge: 0,
    missingInErp: 0,
    unitDiffers: 0,
    differences: 0,
  };
  const lines: ReconciliationLine[] = [];
  const sorted = [...entries.values()].sort(
    (a, b) => compareText(a.item, b.item) || compareText(a.batchNumber, b.batchNumber) || compareText(a.warehouse, b.warehouse),
  );
  for (const entry of sorted) {
    const line = compare(entry);
    totals.compared += 1;
    totals[TOTAL_OF[line.kind]] += 1;
    if (line.kind !== 'matches') totals.differences += 1;
    if (line.kind !== 'matches' || options.includeMatches) lines.push(line);
  }
  return { granularity, lines, totals };
}

const TOTAL_OF: Record<ReconciliationKind, Exclude<keyof ReconciliationTotals, 'compared' | 'differences'>> = {
  matches: 'matches',
  'quantity-differs': 'quantityDiffers',
  'missing-in-lotbridge': 'missingInLotbridge',
  'missing-in-erp': 'missingInErp',
  'unit-differs': 'unitDiffers',
};

function compare(entry: Entry): ReconciliationLine {
  const erp = single(entry.erp);
  const lotbridge = single(entry.lotbridge);
  const base = { item: entry.item, batchNumber: entry.batchNumber, warehouse: entry.warehouse };
  const severalUnits = erp === 'several' || lotbridge === 'several';
  if (severalUnits || (erp && lotbridge && erp.unit !== lotbridge.unit)) {
    return {
      ...base,
      kind: 'unit-differs',
      erp: erp && erp !== 'several' ? erp.quantity : null,
      erpUnit: unitsOf(entry.erp),
      lotbridge: lotbridge && lotbridge !== 'several' ? lotbridge.quantity : null,
      lotbridgeUnit: unitsOf(entry.lotbridge),
      difference: null,
    };
  }
  const erpQuantity = erp ? erp.quantity : '0';
  const lotbridgeQuantity = lotbridge ? lotbridge.quantity : '0';
  const difference = subtractQuantities(lotbridgeQuantity, erpQuantity);
  const kind: ReconciliationKind = isZero(difference)
    ? 'matches'
    : !erp
      ? 'missing-in-erp'
      : !lotbridge
        ? 'missing-in-lotbridge'
        : 'quantity-differs';
  return {
    ...base,
    kind,
    erp: erp ? erp.quantity : null,
    erpUnit: erp ? erp.unit : null,
    lotbridge: lotbridge ? lotbridge.quantity : null,
    lotbridgeUnit: lotbridge ? lotbridge.unit : null,
    difference,
  };
}

function single(side: Side | undefined): { unit: string; quantity: string } | 'several' | undefined {
  if (!side) return undefined;
  const units = [...side.byUnit.entries()];
  const only = units[0];
  if (units.length !== 1 || !only) return 'several';
  return { unit: only[0], quantity: only[1] };
}

function unitsOf(side: Side | undefined): string | null {
  return side ? [...side.byUnit.keys()].sort(compareText).join(', ') : null;
}

function plantOfCode(warehouse: string): string {
  const slash = warehouse.indexOf('/');
  return slash < 0 ? warehouse : warehouse.slice(0, slash);
}
