import { Location, LotMovement, MovementKind, TransformationRole, movementIdFor, warehouse } from '@lotbridge/lot';
import { withCheckDigit } from '@lotbridge/gs1';
import { ExportMasterData } from '../master-data';

/** Issue 4's scenario as movements: two receipts, production with two inputs (one partly returned, SAP 262), a split, a transfer, two customer shipments in two legs. */
export const DE01 = warehouse('DE01', 'MAIN');
export const DE02 = warehouse('DE02', 'MAIN');
const PRODUCTION: Location = { kind: 'production', code: 'DE01' };
const SPLITTING: Location = { kind: 'production', code: 'DE01/SPLIT' };
const transit = (code: string): Location => ({ kind: 'in-transit', code });

export const ITEMS = {
  flour: { item: '000000000000100001', gtin: withCheckDigit('0401234500001'), description: 'Wheat flour type 550, 25 kg bag' },
  eggs: { item: '000000000000100002', gtin: withCheckDigit('0401234500002'), description: 'Liquid whole egg, pasteurised' },
  dough: { item: '000000000000200001', gtin: withCheckDigit('0401234500003'), description: 'Fresh pasta dough' },
};

export const masterData: ExportMasterData = {
  product: (item) => Object.values(ITEMS).find((entry) => entry.item === item),
  location: (location) => (location.kind === 'warehouse' && location.code === 'DE01/MAIN' ? { gln: '4012345000009', description: 'Plant DE01, main warehouse, Hauptstr. 1, Bremen' } : undefined),
};

let line = 0;
export function movement(kind: MovementKind, item: string, batchNumber: string, quantity: string, from: Location, to: Location, at: string, document: string, transformation?: [string, TransformationRole]): LotMovement {
  const source = { system: 'SAP:QS1CLNT400', document, line: String(++line).padStart(6, '0') };
  return {
    movementId: movementIdFor(source, kind),
    kind,
    item,
    batchNumber,
    quantity,
    unit: 'KGM',
    from,
    to,
    occurredAt: at,
    source,
    ...(transformation ? { transformation: { transformationId: transformation[0], role: transformation[1] } } : {}),
  };
}

export const scenario = {
  receiptFlour: movement('receipt', ITEMS.flour.item, 'L-0815', '500', { kind: 'supplier', code: 'S1' }, DE01, '2024-03-01T06:00:00Z', '0180000101'),
  receiptEggs: movement('receipt', ITEMS.eggs.item, '0000042', '200', { kind: 'supplier', code: 'S2' }, DE01, '2024-03-01T07:00:00Z', '0180000102'),
  consumeFlour: movement('production-consumption', ITEMS.flour.item, 'L-0815', '500', DE01, PRODUCTION, '2024-03-02T08:00:00Z', 'P-1000001', ['P-1000001', 'input']),
  consumeEggs: movement('production-consumption', ITEMS.eggs.item, '0000042', '200', DE01, PRODUCTION, '2024-03-02T08:00:00Z', 'P-1000001', ['P-1000001', 'input']),
  returnFlour: movement('production-consumption', ITEMS.flour.item, 'L-0815', '100', PRODUCTION, DE01, '2024-03-02T09:00:00Z', 'P-1000001', ['P-1000001', 'input']),
  produce: movement('production-output', ITEMS.dough.item, 'F1', '600', PRODUCTION, DE01, '2024-03-02T12:00:00.5Z', 'P-1000001', ['P-1000001', 'output']),
  splitF1: movement('split', ITEMS.dough.item, 'F1', '600', DE01, SPLITTING, '2024-03-03T08:00:00Z', 'SPLIT-1', ['SPLIT-1', 'input']),
  splitA: movement('split', ITEMS.dough.item, 'F1-A', '350', SPLITTING, DE01, '2024-03-03T08:00:00Z', 'SPLIT-1', ['SPLIT-1', 'output']),
  splitB: movement('split', ITEMS.dough.item, 'F1-B', '250', SPLITTING, DE01, '2024-03-03T08:00:00Z', 'SPLIT-1', ['SPLIT-1', 'output']),
  transferOut: movement('transfer-out', ITEMS.dough.item, 'F1-A', '350', DE01, transit('DE01>DE02'), '2024-03-04T08:00:00Z', '4500000001'),
  transferIn: movement('transfer-in', ITEMS.dough.item, 'F1-A', '350', transit('DE01>DE02'), DE02, '2024-03-05T08:00:00Z', '4500000001'),
  issueA: movement('delivery', ITEMS.dough.item, 'F1-A', '150', DE02, transit('C1/0080000100'), '2024-03-06T08:00:00Z', '0080000100'),
  deliveredA: movement('delivery', ITEMS.dough.item, 'F1-A', '150', transit('C1/0080000100'), { kind: 'customer', code: 'C1' }, '2024-03-07T10:00:00Z', '0080000100'),
  issueB: movement('delivery', ITEMS.dough.item, 'F1-B', '250', DE01, transit('C2/0080000200'), '2024-03-06T09:00:00Z', '0080000200'),
};
export const allMovements: LotMovement[] = Object.values(scenario);
