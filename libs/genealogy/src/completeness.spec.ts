import { Genealogy } from './genealogy';
import { lotKey, lotRef } from './lot-key';
import { DE01, KEY, KG, LOTS, PRODUCTION, PRODUCTION_ORDER, customer, issue4Movements, issue4MovementsWithout, movement } from './test-support/issue-4-scenario';

const built = (events = issue4Movements().all) => {
  const genealogy = new Genealogy();
  genealogy.applyAll(events);
  return genealogy;
};
const at = '2024-03-08T08:00:00Z';

describe('trace completeness', () => {
  it('finds nothing to report on the complete scenario', () => {
    expect(built().completeness()).toEqual({ shippedWithoutReceipt: [], transformations: [], unlinkedMovements: [], complete: true });
  });

  it('reports a delivered lot that no supplier receipt explains', () => {
    const stray = { item: '000000000000200001', batchNumber: 'X-9' };
    const report = built([...issue4Movements().all, movement({ kind: 'delivery', lot: stray, quantity: '20', from: DE01, to: customer('C3'), at, document: 'D-300', line: '000010' })]).completeness();
    const key = lotKey(stray.item, stray.batchNumber);
    expect(report.shippedWithoutReceipt).toEqual([{ lot: lotRef(key), reachesSomeReceipt: false, unreceivedOrigins: [key] }]);
    expect(report.complete).toBe(false);
  });

  it('reports shipped lots with one branch of their chain broken, naming the ingredient without a receipt', () => {
    const report = built(issue4MovementsWithout('receiptR2')).completeness();
    expect(report.shippedWithoutReceipt).toEqual([
      { lot: lotRef(KEY.F1A), reachesSomeReceipt: true, unreceivedOrigins: [KEY.R2] },
      { lot: lotRef(KEY.F1B), reachesSomeReceipt: true, unreceivedOrigins: [KEY.R2] },
    ]);
  });

  it('reports a transformation whose inputs and outputs do not balance', () => {
    const report = built(issue4Movements({ producedF1: '690' }).all).completeness();
    expect(report.transformations).toEqual([
      {
        transformationId: PRODUCTION_ORDER,
        status: 'unbalanced',
        inputTotals: [{ quantity: '700', unit: KG }],
        outputTotals: [{ quantity: '690', unit: KG }],
        difference: '-10',
        inputs: [
          { lot: lotRef(KEY.R1), quantity: '500', unit: KG },
          { lot: lotRef(KEY.R2), quantity: '200', unit: KG },
        ],
        outputs: [{ lot: lotRef(KEY.F1), quantity: '690', unit: KG }],
      },
    ]);
    expect(report.shippedWithoutReceipt).toEqual([]);
  });

  it('calls different units on the two sides not comparable instead of guessing a conversion', () => {
    const pieces = { item: 'CAKE', batchNumber: 'C-1' };
    const report = built([
      ...issue4Movements().all,
      movement({ kind: 'production-consumption', lot: LOTS.F1A, quantity: '10', from: DE01, to: PRODUCTION, at, document: 'P-2', line: '1', transformation: ['P-2', 'input'] }),
      movement({ kind: 'production-output', lot: pieces, quantity: '40', unit: 'H87', from: PRODUCTION, to: DE01, at, document: 'P-2', line: '2', transformation: ['P-2', 'output'] }),
    ]).completeness();
    expect(report.transformations.map(({ transformationId, status, inputTotals, outputTotals }) => ({ transformationId, status, inputTotals, outputTotals }))).toEqual([
      { transformationId: 'P-2', status: 'not-comparable', inputTotals: [{ quantity: '10', unit: KG }], outputTotals: [{ quantity: '40', unit: 'H87' }] },
    ]);
  });

  it('reports a transformation whose output never arrived, and the lots cut off by it', () => {
    const report = built(issue4MovementsWithout('produceF1')).completeness();
    expect(report.transformations.map(({ transformationId, status }) => [transformationId, status])).toEqual([[PRODUCTION_ORDER, 'no-outputs']]);
    expect(report.shippedWithoutReceipt.map(({ lot, reachesSomeReceipt, unreceivedOrigins }) => [lot.key, reachesSomeReceipt, unreceivedOrigins])).toEqual([
      [KEY.F1A, false, [KEY.F1]],
      [KEY.F1B, false, [KEY.F1]],
    ]);
  });

  it('reports production movements that carry no transformation id', () => {
    const { consumeR1 } = issue4Movements();
    const { transformation: _dropped, ...unlinked } = consumeR1;
    const report = built([unlinked]).completeness();
    expect(report.unlinkedMovements).toEqual([{ lot: lotRef(KEY.R1), movementId: consumeR1.movementId, kind: 'production-consumption' }]);
  });
});
