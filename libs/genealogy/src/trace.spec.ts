import { Genealogy } from './genealogy';
import { lotRef } from './lot-key';
import { DE01, DE02, KEY, KG, PRODUCTION_ORDER, SPLIT, SUPPLIER_BATCH, documentOf, issue4Movements, movement } from './test-support/issue-4-scenario';

const scenario = issue4Movements();
const genealogy = new Genealogy();
genealogy.applyAll(scenario.all);

const receiptOf = (name: 'receiptR1' | 'receiptR2', supplier: string, supplierBatchNumber: string) => ({
  ...documentOf(scenario[name]),
  supplier,
  supplierBatchNumber,
  receivedAt: 'warehouse:DE01/MAIN',
});

describe('forward trace (supplier lot -> every descendant -> stock and customers)', () => {
  it('follows R1 through production, split, transfer and both deliveries, with quantities and times', () => {
    expect(genealogy.forwardTrace(KEY.R1)).toEqual({
      starts: [lotRef(KEY.R1)],
      lots: [
        {
          lot: lotRef(KEY.R1),
          depth: 0,
          via: null,
          path: [KEY.R1],
          onHand: [],
          inTransit: [],
          atCustomers: [],
          deliveries: [],
          consumedInto: [{ ...documentOf(scenario.consumeR1), transformationId: PRODUCTION_ORDER, outputs: [KEY.F1] }],
          scrappedOrLost: [],
        },
        {
          lot: lotRef(KEY.F1),
          depth: 1,
          via: { lot: KEY.R1, transformationId: PRODUCTION_ORDER },
          path: [KEY.R1, KEY.F1],
          onHand: [],
          inTransit: [],
          atCustomers: [],
          deliveries: [],
          consumedInto: [{ ...documentOf(scenario.splitF1), transformationId: SPLIT, outputs: [KEY.F1A, KEY.F1B] }],
          scrappedOrLost: [],
        },
        {
          lot: lotRef(KEY.F1A),
          depth: 2,
          via: { lot: KEY.F1, transformationId: SPLIT },
          path: [KEY.R1, KEY.F1, KEY.F1A],
          onHand: [{ location: DE02, locationKey: 'warehouse:DE02/MAIN', quantity: '250', unit: KG }],
          inTransit: [],
          atCustomers: [{ location: { kind: 'customer', code: 'C1' }, locationKey: 'customer:C1', quantity: '150', unit: KG }],
          deliveries: [{ ...documentOf(scenario.deliverF1A), kind: 'delivery', customer: 'C1', warehouse: 'warehouse:DE02/MAIN' }],
          consumedInto: [],
          scrappedOrLost: [],
        },
        {
          lot: lotRef(KEY.F1B),
          depth: 2,
          via: { lot: KEY.F1, transformationId: SPLIT },
          path: [KEY.R1, KEY.F1, KEY.F1B],
          onHand: [],
          inTransit: [],
          atCustomers: [{ location: { kind: 'customer', code: 'C2' }, locationKey: 'customer:C2', quantity: '300', unit: KG }],
          deliveries: [{ ...documentOf(scenario.deliverF1B), kind: 'delivery', customer: 'C2', warehouse: 'warehouse:DE01/MAIN' }],
          consumedInto: [],
          scrappedOrLost: [],
        },
      ],
    });
  });

  it('shows stock in transit while the transfer is under way', () => {
    const underway = new Genealogy();
    underway.applyAll(scenario.all.filter((event) => event !== scenario.transferInF1A && event !== scenario.deliverF1A));
    const f1a = underway.forwardTrace(KEY.F1A)?.lots[0];
    expect(f1a?.onHand).toEqual([]);
    expect(f1a?.inTransit).toEqual([{ location: { kind: 'in-transit', code: 'DE01>DE02' }, locationKey: 'in-transit:DE01>DE02', quantity: '400', unit: KG }]);
  });

  it('answers undefined for a lot it has never seen, including a batch number that differs only by a trailing space', () => {
    expect(genealogy.forwardTrace(JSON.stringify(['000000000000100001', '批次-001']))).toBeUndefined();
  });
});

describe('backward trace (customer delivery or finished lot -> every ingredient -> supplier receipts)', () => {
  it('reaches both supplier receipts from F1-A, with the suppliers and their own batch numbers', () => {
    const trace = genealogy.backwardTrace(KEY.F1A);
    expect(trace?.lots.map(({ lot, depth, via, path }) => ({ key: lot.key, depth, via, path }))).toEqual([
      { key: KEY.F1A, depth: 0, via: null, path: [KEY.F1A] },
      { key: KEY.F1, depth: 1, via: { lot: KEY.F1A, transformationId: SPLIT }, path: [KEY.F1A, KEY.F1] },
      { key: KEY.R1, depth: 2, via: { lot: KEY.F1, transformationId: PRODUCTION_ORDER }, path: [KEY.F1A, KEY.F1, KEY.R1] },
      { key: KEY.R2, depth: 2, via: { lot: KEY.F1, transformationId: PRODUCTION_ORDER }, path: [KEY.F1A, KEY.F1, KEY.R2] },
    ]);
    expect(trace?.lots[1]?.producedBy).toEqual([{ ...documentOf(scenario.produceF1), transformationId: PRODUCTION_ORDER, inputs: [KEY.R1, KEY.R2] }]);
    expect(trace?.receipts).toEqual([
      { ...receiptOf('receiptR1', 'S1', SUPPLIER_BATCH.R1), lot: lotRef(KEY.R1) },
      { ...receiptOf('receiptR2', 'S2', SUPPLIER_BATCH.R2), lot: lotRef(KEY.R2) },
    ]);
    expect(trace?.unreceivedOrigins).toEqual([]);
  });

  it('starts from a delivery document', () => {
    const trace = genealogy.backwardTraceOfDelivery('D-200');
    expect(trace?.deliveries).toEqual([
      { ...documentOf(scenario.deliverF1B), kind: 'delivery', customer: 'C2', warehouse: 'warehouse:DE01/MAIN', lot: lotRef(KEY.F1B) },
    ]);
    expect(trace?.trace.lots.map((traced) => traced.lot.key)).toEqual([KEY.F1B, KEY.F1, KEY.R1, KEY.R2]);
    expect(trace?.trace.receipts.map((receipt) => [receipt.supplier, receipt.supplierBatchNumber])).toEqual([
      ['S1', SUPPLIER_BATCH.R1],
      ['S2', SUPPLIER_BATCH.R2],
    ]);
    expect(genealogy.backwardTraceOfDelivery('D-999')).toBeUndefined();
  });

  it('starts from a customer: what it got, and where that came from', () => {
    expect(genealogy.lotsDeliveredTo('C1')).toEqual({
      customer: 'C1',
      lots: [{ lot: lotRef(KEY.F1A), deliveries: [{ ...documentOf(scenario.deliverF1A), kind: 'delivery', customer: 'C1', warehouse: 'warehouse:DE02/MAIN' }] }],
    });
    expect(genealogy.lotsDeliveredTo('C9')).toEqual({ customer: 'C9', lots: [] });
    expect(genealogy.backwardTraceOfCustomer('C1')?.receipts.map((receipt) => receipt.lot.key)).toEqual([KEY.R1, KEY.R2]);
  });
});

describe('walking bad data', () => {
  it('terminates on a cycle and lists each lot once', () => {
    const a = { item: 'X', batchNumber: 'A' };
    const b = { item: 'X', batchNumber: 'B' };
    const cyclic = new Genealogy();
    const at = '2024-01-01T00:00:00Z';
    const P = { kind: 'production', code: 'P' } as const;
    cyclic.applyAll([
      movement({ kind: 'production-consumption', lot: a, quantity: '1', from: DE01, to: P, at, document: 'T1', line: '1', transformation: ['T1', 'input'] }),
      movement({ kind: 'production-output', lot: b, quantity: '1', from: P, to: DE01, at, document: 'T1', line: '2', transformation: ['T1', 'output'] }),
      movement({ kind: 'production-consumption', lot: b, quantity: '1', from: DE01, to: P, at, document: 'T2', line: '1', transformation: ['T2', 'input'] }),
      movement({ kind: 'production-output', lot: a, quantity: '1', from: P, to: DE01, at, document: 'T2', line: '2', transformation: ['T2', 'output'] }),
    ]);
    expect(cyclic.forwardTrace(JSON.stringify(['X', 'A']))?.lots.map((traced) => [traced.lot.batchNumber, traced.depth])).toEqual([
      ['A', 0],
      ['B', 1],
    ]);
    expect(cyclic.backwardTrace(JSON.stringify(['X', 'B']))?.lots.map((traced) => traced.lot.batchNumber)).toEqual(['B', 'A']);
  });

  it('links an output that arrived before its inputs', () => {
    const early = new Genealogy();
    early.applyAll([scenario.produceF1, scenario.consumeR2, scenario.consumeR1]);
    expect(early.backwardTrace(KEY.F1)?.lots.map((traced) => traced.lot.key)).toEqual([KEY.F1, KEY.R1, KEY.R2]);
  });
});
