import { Genealogy } from './genealogy';
import { lotKey, lotRef } from './lot-key';
import { DE02, KEY, KG, documentOf, issue4Movements } from './test-support/issue-4-scenario';

const scenario = issue4Movements();
const genealogy = new Genealogy();
genealogy.applyAll(scenario.all);

describe('recall impact', () => {
  it('from supplier lot R1: every affected lot, stock per location, shipments per customer with documents', () => {
    const impact = genealogy.recallImpact([KEY.R1], { withDeliveries: true });
    expect(impact.requested).toEqual([KEY.R1]);
    expect(impact.unknownLots).toEqual([]);
    expect(impact.lots.map((traced) => [traced.lot.key, traced.depth])).toEqual([
      [KEY.R1, 0],
      [KEY.F1, 1],
      [KEY.F1A, 2],
      [KEY.F1B, 2],
    ]);
    expect(impact.onHand).toEqual([
      { location: DE02, locationKey: 'warehouse:DE02/MAIN', quantity: '250', unit: KG, lots: [{ lot: lotRef(KEY.F1A), quantity: '250' }] },
    ]);
    expect(impact.inTransit).toEqual([]);
    expect(impact.shipped).toEqual([
      {
        customer: 'C1',
        shipped: [{ quantity: '150', unit: KG, documents: [scenario.deliverF1A.source.document] }],
        deliveries: [{ ...documentOf(scenario.deliverF1A), kind: 'delivery', customer: 'C1', warehouse: 'warehouse:DE02/MAIN', lot: lotRef(KEY.F1A) }],
      },
      {
        customer: 'C2',
        shipped: [{ quantity: '300', unit: KG, documents: [scenario.deliverF1B.source.document] }],
        deliveries: [{ ...documentOf(scenario.deliverF1B), kind: 'delivery', customer: 'C2', warehouse: 'warehouse:DE01/MAIN', lot: lotRef(KEY.F1B) }],
      },
    ]);
  });

  it('is the union of several lots, each affected lot once, and names the lots it does not know', () => {
    const unknown = lotKey('000000000000100001', '批次-1');
    const impact = genealogy.recallImpact([KEY.R2, KEY.F1A, KEY.R1, unknown, KEY.R1]);
    expect(impact.requested).toEqual([KEY.R1, KEY.R2, unknown, KEY.F1A].sort());
    expect(impact.unknownLots).toEqual([unknown]);
    expect(impact.lots.map((traced) => [traced.lot.key, traced.depth, traced.via?.lot ?? null])).toEqual([
      [KEY.R1, 0, null],
      [KEY.R2, 0, null],
      [KEY.F1A, 0, null],
      [KEY.F1, 1, KEY.R1],
      [KEY.F1B, 2, KEY.F1],
    ]);
    expect(impact.onHand.map((stock) => [stock.locationKey, stock.quantity])).toEqual([['warehouse:DE02/MAIN', '250']]);
    expect(impact.shipped.map((customer) => [customer.customer, customer.shipped])).toEqual([
      ['C1', [{ quantity: '150', unit: KG, documents: [scenario.deliverF1A.source.document] }]],
      ['C2', [{ quantity: '300', unit: KG, documents: [scenario.deliverF1B.source.document] }]],
    ]);
    expect(impact.shipped.every((customer) => customer.deliveries === undefined)).toBe(true);
  });

  it('from a finished lot reaches only its own descendants', () => {
    const impact = genealogy.recallImpact([KEY.F1B]);
    expect(impact.lots.map((traced) => traced.lot.key)).toEqual([KEY.F1B]);
    expect(impact.onHand).toEqual([]);
    expect(impact.shipped.map((customer) => customer.customer)).toEqual(['C2']);
  });
});
