import fc from 'fast-check';
import { Location } from '@lotbridge/lot';
import { Genealogy } from './genealogy';
import { GenealogyEvent } from './genealogy-event';
import { lotRef } from './lot-key';
import { ComparableMassBalance, MassBalance } from './mass-balance';
import { DE01, DE02, KEY, KG, LOTS, customer, documentOf, issue4Movements, movement } from './test-support/issue-4-scenario';

/**
 * Customer shipments in two legs (docs/architecture.md): goods issue warehouse -> in-transit `<shipTo>/<delivery>`,
 * then proof of delivery in-transit -> customer. The lot is shipped to the customer at the goods issue, with the
 * delivery document; the second leg confirms it and is never counted a second time.
 */
const transit = (shipTo: string, delivery: string): Location => ({ kind: 'in-transit', code: `${shipTo}/${delivery}` });
const base = issue4Movements().all.filter((event) => event.kind !== 'delivery');
const issueF1A = movement({ kind: 'delivery', lot: LOTS.F1A, quantity: '150', from: DE02, to: transit('C1', 'D-100'), at: '2024-03-06T08:00:00Z', document: 'D-100', line: '000010' });
const podF1A = movement({ kind: 'delivery', lot: LOTS.F1A, quantity: '150', from: transit('C1', 'D-100'), to: customer('C1'), at: '2024-03-07T15:30:00Z', document: 'D-100', line: '000010-POD' });
const issueF1B = movement({ kind: 'delivery', lot: LOTS.F1B, quantity: '300', from: DE01, to: transit('C2', 'D-200'), at: '2024-03-06T09:00:00Z', document: 'D-200', line: '000010' });
const twoLegged = [...base, issueF1A, podF1A, issueF1B];

const built = (events: readonly GenealogyEvent[]) => {
  const genealogy = new Genealogy();
  genealogy.applyAll(events);
  return genealogy;
};
function comparable(balance: MassBalance | undefined): ComparableMassBalance {
  if (!balance?.comparable) throw new Error(`not comparable: ${JSON.stringify(balance)}`);
  return balance;
}

describe('two-legged customer shipments', () => {
  const genealogy = built(twoLegged);

  it('counts the lot as shipped to the ship-to at goods issue, with the delivery document, delivered or not', () => {
    const lots = genealogy.forwardTrace(KEY.R1)?.lots ?? [];
    const f1a = lots.find((traced) => traced.lot.key === KEY.F1A);
    const f1b = lots.find((traced) => traced.lot.key === KEY.F1B);
    expect(f1a?.deliveries).toEqual([{ ...documentOf(issueF1A), kind: 'delivery', customer: 'C1', warehouse: 'warehouse:DE02/MAIN', deliveredAt: '2024-03-07T15:30:00Z' }]);
    expect(f1a?.atCustomers).toEqual([{ location: customer('C1'), locationKey: 'customer:C1', quantity: '150', unit: KG }]);
    expect(f1a?.inTransit).toEqual([]);
    expect(f1b?.deliveries).toEqual([{ ...documentOf(issueF1B), kind: 'delivery', customer: 'C2', warehouse: 'warehouse:DE01/MAIN' }]);
    expect(f1b?.atCustomers).toEqual([{ location: customer('C2'), locationKey: 'customer:C2', quantity: '300', unit: KG }]);
    expect(f1b?.inTransit).toEqual([]);
  });

  it('recall impact: shipped per customer once, nothing reported in transit for a shipment', () => {
    const impact = genealogy.recallImpact([KEY.R1], { withDeliveries: true });
    expect(impact.inTransit).toEqual([]);
    expect(impact.shipped).toEqual([
      {
        customer: 'C1',
        shipped: [{ quantity: '150', unit: KG, documents: [issueF1A.source.document] }],
        deliveries: [{ ...documentOf(issueF1A), kind: 'delivery', customer: 'C1', warehouse: 'warehouse:DE02/MAIN', deliveredAt: '2024-03-07T15:30:00Z', lot: lotRef(KEY.F1A) }],
      },
      {
        customer: 'C2',
        shipped: [{ quantity: '300', unit: KG, documents: [issueF1B.source.document] }],
        deliveries: [{ ...documentOf(issueF1B), kind: 'delivery', customer: 'C2', warehouse: 'warehouse:DE01/MAIN', lot: lotRef(KEY.F1B) }],
      },
    ]);
  });

  it('mass balance: shipped from the goods issue, the proof of delivery not counted twice', () => {
    expect(comparable(genealogy.massBalance(KEY.F1A))).toMatchObject({ source: '400', onHand: '250', inTransit: '0', shipped: '150', accounted: '400', balanced: true });
    expect(comparable(genealogy.massBalance(KEY.F1B))).toMatchObject({ source: '300', onHand: '0', inTransit: '0', shipped: '300', accounted: '300', balanced: true });
    expect(genealogy.mockRecallDrill([KEY.R1]).balanced).toBe(true);
  });

  it('finds the shipment by customer and by delivery document from the goods issue on', () => {
    expect(genealogy.lotsDeliveredTo('C2').lots.map((entry) => entry.lot.key)).toEqual([KEY.F1B]);
    expect(genealogy.backwardTraceOfDelivery('D-200')?.deliveries.map((delivery) => [delivery.lot.key, delivery.customer, delivery.quantity])).toEqual([[KEY.F1B, 'C2', '300']]);
    expect(genealogy.backwardTraceOfDelivery('D-100')?.deliveries).toHaveLength(1);
    expect(genealogy.completeness().complete).toBe(true);
  });

  it('reads the ship-to before the delivery number, even when the ship-to holds a slash', () => {
    const issue = movement({ kind: 'delivery', lot: LOTS.F1B, quantity: '300', from: DE01, to: transit('C/7', '0080001'), at: '2024-03-06T09:00:00Z', document: '0080001', line: '10' });
    const shipped = built([...base, issue]).recallImpact([KEY.F1B]).shipped;
    expect(shipped.map((entry) => [entry.customer, entry.shipped])).toEqual([['C/7', [{ quantity: '300', unit: KG, documents: ['0080001'] }]]]);
  });

  it('a proof of delivery whose goods issue is missing: shown as the shipment, and the missing movement as a gap', () => {
    const withheld = built([...base, podF1A]);
    expect(withheld.recallImpact([KEY.F1A], { withDeliveries: true }).shipped.map((entry) => [entry.customer, entry.shipped[0]?.quantity, entry.deliveries.length])).toEqual([['C1', '150', 1]]);
    const balance = comparable(withheld.massBalance(KEY.F1A));
    expect(balance).toMatchObject({ onHand: '400', shipped: '150', gap: '-150', balanced: false });
    expect(balance.negativeBalances).toEqual([{ location: transit('C1', 'D-100'), locationKey: 'in-transit:C1/D-100', quantity: '-150', unit: KG }]);
  });

  it('a reversed goods issue (SAP 602) is a return: nothing left shipped, the stock back on hand', () => {
    const reversal = movement({ kind: 'delivery', lot: LOTS.F1B, quantity: '300', from: transit('C2', 'D-200'), to: DE01, at: '2024-03-06T10:00:00Z', document: 'D-200', line: '000010-R' });
    const reversed = built([...base, issueF1B, reversal]);
    const f1b = reversed.forwardTrace(KEY.F1B)?.lots[0];
    expect(f1b?.atCustomers).toEqual([]);
    expect(f1b?.onHand.map((line) => line.quantity)).toEqual(['300']);
    expect(f1b?.deliveries.map((line) => [line.kind, line.customer, line.quantity])).toEqual([
      ['delivery', 'C2', '300'],
      ['return', 'C2', '300'],
    ]);
    expect(reversed.recallImpact([KEY.F1B]).shipped).toEqual([expect.objectContaining({ customer: 'C2', shipped: [] })]);
    expect(comparable(reversed.massBalance(KEY.F1B))).toMatchObject({ onHand: '300', shipped: '0', balanced: true });
  });

  it('gives the same answers whatever order the legs arrive in', () => {
    const answers = (events: readonly GenealogyEvent[]) => {
      const g = built(events);
      return [g.recallImpact([KEY.R1, KEY.R2]), g.mockRecallDrill([KEY.R1]), g.lotsDeliveredTo('C1'), g.backwardTraceOfDelivery('D-100')];
    };
    const expected = answers(twoLegged);
    fc.assert(
      fc.property(fc.shuffledSubarray(twoLegged, { minLength: twoLegged.length, maxLength: twoLegged.length }), (shuffled) => {
        expect(answers(shuffled)).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });
});
