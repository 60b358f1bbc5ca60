import { Location, MovementKind, movementIdFor, warehouse } from '@lotbridge/lot';
import type { TransformationRole } from '@lotbridge/lot';
import { GenealogyEvent } from '../genealogy-event';
import type { Documented } from '../genealogy-index';
import { lotKey } from '../lot-key';

/**
 * The acceptance scenario of issue 4, as the movements the adapters would publish: two raw lots received from two
 * suppliers, produced together into F1, F1 split into F1-A and F1-B, F1-A transferred to another plant through
 * transit, both delivered to customers. Batch numbers are written as documents write them (a trailing space,
 * CJK characters, leading zeros): every answer must carry them unchanged.
 */
export const KG = 'KGM';
export const SYSTEM = 'SAP:QS1CLNT400';
export const DE01 = warehouse('DE01', 'MAIN');
export const DE02 = warehouse('DE02', 'MAIN');
export const PRODUCTION: Location = { kind: 'production', code: 'DE01' };
export const SPLITTING: Location = { kind: 'production', code: 'DE01/SPLIT' };
export const IN_TRANSIT: Location = { kind: 'in-transit', code: 'DE01>DE02' };
export const supplier = (code: string): Location => ({ kind: 'supplier', code });
export const customer = (code: string): Location => ({ kind: 'customer', code });

export const LOTS = {
  R1: { item: '000000000000100001', batchNumber: '批次-001 ' },
  R2: { item: '000000000000100002', batchNumber: '0000042' },
  F1: { item: '000000000000200001', batchNumber: 'F1' },
  F1A: { item: '000000000000200001', batchNumber: 'F1-A' },
  F1B: { item: '000000000000200001', batchNumber: 'F1-B' },
} as const;
export type LotName = keyof typeof LOTS;
export const KEY = Object.fromEntries(Object.entries(LOTS).map(([name, lot]) => [name, lotKey(lot.item, lot.batchNumber)])) as Record<LotName, string>;

export const SUPPLIER_BATCH = { R1: '000815', R2: 'S2/b-7 ' } as const;
export const PRODUCTION_ORDER = 'P-1000001';
export const SPLIT = 'SPLIT-1';

export interface MovementSpec {
  kind: MovementKind;
  lot: { item: string; batchNumber: string };
  quantity: string;
  from: Location;
  to: Location;
  at: string;
  document: string;
  line: string;
  unit?: string;
  transformation?: [transformationId: string, role: TransformationRole];
  supplierBatchNumber?: string;
}

export function movement(spec: MovementSpec): GenealogyEvent {
  const source = { system: SYSTEM, document: spec.document, line: spec.line };
  return {
    movementId: movementIdFor(source, spec.kind),
    kind: spec.kind,
    item: spec.lot.item,
    batchNumber: spec.lot.batchNumber,
    quantity: spec.quantity,
    unit: spec.unit ?? KG,
    from: spec.from,
    to: spec.to,
    occurredAt: spec.at,
    source,
    ...(spec.supplierBatchNumber === undefined ? {} : { supplierBatchNumber: spec.supplierBatchNumber }),
    ...(spec.transformation ? { transformation: { transformationId: spec.transformation[0], role: spec.transformation[1] } } : {}),
  };
}

export type Issue4Movement =
  | 'receiptR1'
  | 'receiptR2'
  | 'consumeR1'
  | 'consumeR2'
  | 'produceF1'
  | 'splitF1'
  | 'splitF1A'
  | 'splitF1B'
  | 'transferOutF1A'
  | 'transferInF1A'
  | 'deliverF1A'
  | 'deliverF1B';
export type Issue4Movements = Record<Issue4Movement, GenealogyEvent> & { all: GenealogyEvent[] };

export function issue4Movements(overrides: { producedF1?: string } = {}): Issue4Movements {
  const named: Record<Issue4Movement, GenealogyEvent> = {
    receiptR1: movement({ kind: 'receipt', lot: LOTS.R1, quantity: '500', from: supplier('S1'), to: DE01, at: '2024-03-01T06:00:00Z', document: '0180000101', line: '000010', supplierBatchNumber: SUPPLIER_BATCH.R1 }),
    receiptR2: movement({ kind: 'receipt', lot: LOTS.R2, quantity: '200', from: supplier('S2'), to: DE01, at: '2024-03-01T07:00:00Z', document: '0180000102', line: '000010', supplierBatchNumber: SUPPLIER_BATCH.R2 }),
    consumeR1: movement({ kind: 'production-consumption', lot: LOTS.R1, quantity: '500', from: DE01, to: PRODUCTION, at: '2024-03-02T08:00:00Z', document: PRODUCTION_ORDER, line: '0001', transformation: [PRODUCTION_ORDER, 'input'] }),
    consumeR2: movement({ kind: 'production-consumption', lot: LOTS.R2, quantity: '200', from: DE01, to: PRODUCTION, at: '2024-03-02T08:00:00Z', document: PRODUCTION_ORDER, line: '0002', transformation: [PRODUCTION_ORDER, 'input'] }),
    produceF1: movement({ kind: 'production-output', lot: LOTS.F1, quantity: overrides.producedF1 ?? '700', from: PRODUCTION, to: DE01, at: '2024-03-02T12:00:00Z', document: PRODUCTION_ORDER, line: '0003', transformation: [PRODUCTION_ORDER, 'output'] }),
    splitF1: movement({ kind: 'split', lot: LOTS.F1, quantity: '700', from: DE01, to: SPLITTING, at: '2024-03-03T08:00:00Z', document: SPLIT, line: '1', transformation: [SPLIT, 'input'] }),
    splitF1A: movement({ kind: 'split', lot: LOTS.F1A, quantity: '400', from: SPLITTING, to: DE01, at: '2024-03-03T08:00:00Z', document: SPLIT, line: '2', transformation: [SPLIT, 'output'] }),
    splitF1B: movement({ kind: 'split', lot: LOTS.F1B, quantity: '300', from: SPLITTING, to: DE01, at: '2024-03-03T08:00:00Z', document: SPLIT, line: '3', transformation: [SPLIT, 'output'] }),
    transferOutF1A: movement({ kind: 'transfer-out', lot: LOTS.F1A, quantity: '400', from: DE01, to: IN_TRANSIT, at: '2024-03-04T08:00:00Z', document: '4500000001', line: '00010' }),
    transferInF1A: movement({ kind: 'transfer-in', lot: LOTS.F1A, quantity: '400', from: IN_TRANSIT, to: DE02, at: '2024-03-05T08:00:00Z', document: '4500000001', line: '00010' }),
    deliverF1A: movement({ kind: 'delivery', lot: LOTS.F1A, quantity: '150', from: DE02, to: customer('C1'), at: '2024-03-06T08:00:00Z', document: 'D-100', line: '000010' }),
    deliverF1B: movement({ kind: 'delivery', lot: LOTS.F1B, quantity: '300', from: DE01, to: customer('C2'), at: '2024-03-06T09:00:00Z', document: 'D-200', line: '000010' }),
  };
  return { ...named, all: Object.values(named) };
}

/** The scenario without the named movements: the withheld-document cases of a drill. */
export function issue4MovementsWithout(...withheld: Issue4Movement[]): GenealogyEvent[] {
  const movements = issue4Movements();
  const skipped = new Set(withheld.map((name) => movements[name].movementId));
  return movements.all.filter((event) => !skipped.has(event.movementId));
}

export type DocumentPart = Documented;

/** The document part of an answer line, read off the movement it came from. */
export function documentOf(event: GenealogyEvent): DocumentPart {
  return {
    system: event.source.system,
    document: event.source.document,
    line: event.source.line,
    quantity: event.quantity,
    unit: event.unit,
    occurredAt: event.occurredAt,
    movementId: event.movementId,
  };
}
