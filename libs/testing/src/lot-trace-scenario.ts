import { Location, LotMovement, MovementKind, TransformationRole, movementIdFor, warehouse } from '@lotbridge/lot';

/**
 * The acceptance scenario of issue 4 as the adapters would publish it, with items, documents and customers of its own
 * (a run id in every name), so that suites sharing one broker never see each other's lots:
 *
 *   supplier S1 ─ R1 500 kg ─┐                         ┌─ F1-A 400 ─ transfer DE01 → DE02 ─ 150 to customer C1 (delivery D1), 250 stay in DE02
 *                            ├─ production P → F1 700 ─ split
 *   supplier S2 ─ R2 200 kg ─┘                         └─ F1-B 300 ─ 300 to customer C2 (delivery D2) from DE01
 *
 * Customer deliveries are two-legged (goods issue to in-transit `<shipTo>/<delivery>`, then proof of delivery to the
 * customer). Batch numbers are written as documents write them: a trailing space and CJK characters, leading zeros.
 */
export interface TraceScenario {
  run: string;
  lots: Record<ScenarioLot, { item: string; batchNumber: string }>;
  documents: { receiptR1: string; receiptR2: string; production: string; split: string; transfer: string; deliveryC1: string; deliveryC2: string };
  customers: { C1: string; C2: string };
  suppliers: { S1: string; S2: string };
  supplierBatchNumbers: { R1: string; R2: string };
  movements: Record<ScenarioMovement, LotMovement>;
  /** every movement, in the order they happened */
  all: LotMovement[];
}

export type ScenarioLot = 'R1' | 'R2' | 'F1' | 'F1A' | 'F1B';
export type ScenarioMovement =
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
  | 'goodsIssueF1A'
  | 'proofOfDeliveryF1A'
  | 'goodsIssueF1B'
  | 'proofOfDeliveryF1B';

export const SCENARIO_UNIT = 'KGM';
export const DE01 = warehouse('DE01', 'MAIN');
export const DE02 = warehouse('DE02', 'MAIN');

export function traceScenario(run: string): TraceScenario {
  const lots = {
    R1: { item: `RAW1-${run}`, batchNumber: '批次-001 ' },
    R2: { item: `RAW2-${run}`, batchNumber: '0000042' },
    F1: { item: `FIN-${run}`, batchNumber: 'F1' },
    F1A: { item: `FIN-${run}`, batchNumber: 'F1-A' },
    F1B: { item: `FIN-${run}`, batchNumber: 'F1-B' },
  };
  const documents = {
    receiptR1: `GR1-${run}`,
    receiptR2: `GR2-${run}`,
    production: `P-${run}`,
    split: `SPLIT-${run}`,
    transfer: `TR-${run}`,
    deliveryC1: `D1-${run}`,
    deliveryC2: `D2-${run}`,
  };
  const customers = { C1: `C1-${run}`, C2: `C2-${run}` };
  const suppliers = { S1: `S1-${run}`, S2: `S2-${run}` };
  const supplierBatchNumbers = { R1: '000815', R2: 'S2/b-7 ' };
  const production: Location = { kind: 'production', code: `DE01/${documents.production}` };
  const splitting: Location = { kind: 'production', code: `DE01/${documents.split}` };
  const transit: Location = { kind: 'in-transit', code: 'DE01>DE02' };
  const shipping = (customer: string, delivery: string): Location => ({ kind: 'in-transit', code: `${customer}/${delivery}` });
  const customer = (code: string): Location => ({ kind: 'customer', code });
  const system = `SAP:${run}`;
  const carrier = `CARRIER:${run}`;

  const move = (
    kind: MovementKind,
    lot: ScenarioLot,
    quantity: string,
    from: Location,
    to: Location,
    at: string,
    document: string,
    line: string,
    extra: { transformation?: [string, TransformationRole]; supplierBatchNumber?: string; source?: string } = {},
  ): LotMovement => {
    const source = { system: extra.source ?? system, document, line };
    return {
      movementId: movementIdFor(source, kind),
      kind,
      ...lots[lot],
      quantity,
      unit: SCENARIO_UNIT,
      from,
      to,
      occurredAt: at,
      source,
      ...(extra.supplierBatchNumber === undefined ? {} : { supplierBatchNumber: extra.supplierBatchNumber }),
      ...(extra.transformation ? { transformation: { transformationId: extra.transformation[0], role: extra.transformation[1] } } : {}),
    };
  };
  const P = documents.production;
  const S = documents.split;
  const movements: Record<ScenarioMovement, LotMovement> = {
    receiptR1: move('receipt', 'R1', '500', { kind: 'supplier', code: suppliers.S1 }, DE01, '2026-03-01T06:00:00Z', documents.receiptR1, '000010', { supplierBatchNumber: supplierBatchNumbers.R1 }),
    receiptR2: move('receipt', 'R2', '200', { kind: 'supplier', code: suppliers.S2 }, DE01, '2026-03-01T07:00:00Z', documents.receiptR2, '000010', { supplierBatchNumber: supplierBatchNumbers.R2 }),
    consumeR1: move('production-consumption', 'R1', '500', DE01, production, '2026-03-02T08:00:00Z', P, '0001', { transformation: [P, 'input'] }),
    consumeR2: move('production-consumption', 'R2', '200', DE01, production, '2026-03-02T08:00:00Z', P, '0002', { transformation: [P, 'input'] }),
    produceF1: move('production-output', 'F1', '700', production, DE01, '2026-03-02T12:00:00Z', P, '0003', { transformation: [P, 'output'] }),
    splitF1: move('split', 'F1', '700', DE01, splitting, '2026-03-03T08:00:00Z', S, '1', { transformation: [S, 'input'] }),
    splitF1A: move('split', 'F1A', '400', splitting, DE01, '2026-03-03T08:00:00Z', S, '2', { transformation: [S, 'output'] }),
    splitF1B: move('split', 'F1B', '300', splitting, DE01, '2026-03-03T08:00:00Z', S, '3', { transformation: [S, 'output'] }),
    transferOutF1A: move('transfer-out', 'F1A', '400', DE01, transit, '2026-03-04T08:00:00Z', documents.transfer, '00010'),
    transferInF1A: move('transfer-in', 'F1A', '400', transit, DE02, '2026-03-05T08:00:00Z', documents.transfer, '00010'),
    goodsIssueF1A: move('delivery', 'F1A', '150', DE02, shipping(customers.C1, documents.deliveryC1), '2026-03-06T08:00:00Z', documents.deliveryC1, '000010'),
    proofOfDeliveryF1A: move('delivery', 'F1A', '150', shipping(customers.C1, documents.deliveryC1), customer(customers.C1), '2026-03-07T10:00:00Z', documents.deliveryC1, '000010', { source: carrier }),
    goodsIssueF1B: move('delivery', 'F1B', '300', DE01, shipping(customers.C2, documents.deliveryC2), '2026-03-06T09:00:00Z', documents.deliveryC2, '000010'),
    proofOfDeliveryF1B: move('delivery', 'F1B', '300', shipping(customers.C2, documents.deliveryC2), customer(customers.C2), '2026-03-07T11:00:00Z', documents.deliveryC2, '000010', { source: carrier }),
  };
  return { run, lots, documents, customers, suppliers, supplierBatchNumbers, movements, all: Object.values(movements) };
}

/** The scenario's movements without the named ones: a document that never reached Lotbridge. */
export function withheld(scenario: TraceScenario, ...names: ScenarioMovement[]): LotMovement[] {
  const skipped = new Set(names.map((name) => scenario.movements[name].movementId));
  return scenario.all.filter((movement) => !skipped.has(movement.movementId));
}
