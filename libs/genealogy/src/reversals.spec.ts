import { Genealogy } from './genealogy';
import { GenealogyEvent } from './genealogy-event';
import { lotKey } from './lot-key';
import { ComparableMassBalance, MassBalance } from './mass-balance';
import { DE01, KEY, KG, LOTS, PRODUCTION, PRODUCTION_ORDER, issue4Movements, movement, supplier } from './test-support/issue-4-scenario';

/**
 * Reversals undo a movement: SAP 262 (return from production), 102 (reversal of a goods receipt, or of a production
 * receipt). They reduce what was received, consumed or produced, and are never received or produced themselves.
 */
const built = (events: readonly GenealogyEvent[]) => {
  const genealogy = new Genealogy();
  genealogy.applyAll(events);
  return genealogy;
};
function comparable(balance: MassBalance | undefined): ComparableMassBalance {
  if (!balance?.comparable) throw new Error(`not comparable: ${JSON.stringify(balance)}`);
  return balance;
}
const at = '2024-03-02T09:00:00Z';

describe('reversals', () => {
  it('a return from production (262) reduces consumption, is not production, and nets the transformation', () => {
    const returned = movement({ kind: 'production-consumption', lot: LOTS.R1, quantity: '100', from: PRODUCTION, to: DE01, at, document: PRODUCTION_ORDER, line: '0001-R', transformation: [PRODUCTION_ORDER, 'input'] });
    const genealogy = built([...issue4Movements({ producedF1: '600' }).all, returned]);
    expect(comparable(genealogy.massBalance(KEY.R1))).toMatchObject({ received: '500', produced: '0', source: '500', consumed: '400', onHand: '100', gap: '0', balanced: true });
    const consumedInto = genealogy.forwardTrace(KEY.R1)?.lots[0]?.consumedInto ?? [];
    expect(consumedInto.map((line) => [line.line, line.quantity, line.transformationId])).toEqual([
      ['0001', '500', PRODUCTION_ORDER],
      ['0001-R', '-100', PRODUCTION_ORDER],
    ]);
    // 500 - 100 + 200 in, 600 out: balanced, so nothing to report
    expect(genealogy.completeness().transformations).toEqual([]);
    // the lot was at the order: the recall still follows it
    expect(genealogy.forwardTrace(KEY.R1)?.lots.map((traced) => traced.lot.key)).toContain(KEY.F1);
  });

  it('a reversed goods receipt (102) reduces what was received; it is not a return to the supplier', () => {
    const lot = { item: 'SUGAR', batchNumber: 'S-1' };
    const key = lotKey(lot.item, lot.batchNumber);
    const receipt = movement({ kind: 'receipt', lot, quantity: '200', from: supplier('S9'), to: DE01, at, document: '5000000001', line: '0001' });
    const reversal = movement({ kind: 'receipt', lot, quantity: '50', from: DE01, to: supplier('S9'), at: '2024-03-02T10:00:00Z', document: '5000000002', line: '0001' });
    const genealogy = built([reversal, receipt]);
    expect(comparable(genealogy.massBalance(key))).toMatchObject({ received: '150', source: '150', onHand: '150', returnedToSupplier: '0', balanced: true, percentAccounted: '100' });
    expect(genealogy.backwardTrace(key)?.receipts.map((line) => [line.document, line.quantity, line.supplier, line.receivedAt])).toEqual([
      ['5000000001', '200', 'S9', 'warehouse:DE01/MAIN'],
      ['5000000002', '-50', 'S9', 'warehouse:DE01/MAIN'],
    ]);
  });

  it('a reversed production receipt (102 on the order) reduces production and is not consumption', () => {
    const reversal = movement({ kind: 'production-output', lot: LOTS.F1, quantity: '100', from: DE01, to: PRODUCTION, at: '2024-03-02T13:00:00Z', document: PRODUCTION_ORDER, line: '0003-R', transformation: [PRODUCTION_ORDER, 'output'] });
    const withoutSplit = issue4Movements().all.filter((event) => event.kind !== 'split' && !event.movementId.includes('F1-'));
    const genealogy = built([...withoutSplit, reversal]);
    expect(comparable(genealogy.massBalance(KEY.F1))).toMatchObject({ produced: '600', consumed: '0', onHand: '600', balanced: true });
    expect(genealogy.backwardTrace(KEY.F1)?.lots[0]?.producedBy.map((line) => line.quantity)).toEqual(['700', '-100']);
    expect(genealogy.completeness().transformations).toEqual([
      expect.objectContaining({ transformationId: PRODUCTION_ORDER, status: 'unbalanced', inputTotals: [{ quantity: '700', unit: KG }], outputTotals: [{ quantity: '600', unit: KG }], difference: '-100' }),
    ]);
  });
});
