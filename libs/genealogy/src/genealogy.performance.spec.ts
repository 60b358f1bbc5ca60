import { Genealogy } from './genealogy';
import { GenealogyEvent } from './genealogy-event';
import { lotKey } from './lot-key';
import { DE01, PRODUCTION, customer, movement, supplier } from './test-support/issue-4-scenario';

/**
 * A smoke test, not a benchmark: 100 k lots with a hub lot (salt) that ends up in 10 k descendants, built through
 * `apply` like the movement stream would, to prove the walk completes and the index stays linear in size.
 * No time is asserted; the benchmark of issue 4 measures.
 */
const PRODUCTS = 5_000;
const LOTS = 100_000;
const at = '2024-05-01T00:00:00Z';

function* hubGenealogy(): Generator<GenealogyEvent> {
  const hub = { item: 'SALT', batchNumber: 'HUB-0001' };
  yield movement({ kind: 'receipt', lot: hub, quantity: '10000', from: supplier('S-SALT'), to: DE01, at, document: 'R-HUB', line: '1' });
  for (let i = 0; i < PRODUCTS; i++) {
    const raw = { item: 'FLOUR', batchNumber: `R-${i}` };
    const product = { item: 'DOUGH', batchNumber: `P-${i}` };
    const pack = { item: 'PACK', batchNumber: `K-${i}` };
    yield movement({ kind: 'receipt', lot: raw, quantity: '99', from: supplier('S-FLOUR'), to: DE01, at, document: `R-${i}`, line: '1' });
    yield movement({ kind: 'production-consumption', lot: hub, quantity: '1', from: DE01, to: PRODUCTION, at, document: `P-${i}`, line: '1', transformation: [`P-${i}`, 'input'] });
    yield movement({ kind: 'production-consumption', lot: raw, quantity: '99', from: DE01, to: PRODUCTION, at, document: `P-${i}`, line: '2', transformation: [`P-${i}`, 'input'] });
    yield movement({ kind: 'production-output', lot: product, quantity: '100', from: PRODUCTION, to: DE01, at, document: `P-${i}`, line: '3', transformation: [`P-${i}`, 'output'] });
    yield movement({ kind: 'production-consumption', lot: product, quantity: '100', from: DE01, to: PRODUCTION, at, document: `K-${i}`, line: '1', transformation: [`K-${i}`, 'input'] });
    yield movement({ kind: 'production-output', lot: pack, quantity: '100', from: PRODUCTION, to: DE01, at, document: `K-${i}`, line: '2', transformation: [`K-${i}`, 'output'] });
    yield movement({ kind: 'delivery', lot: pack, quantity: '100', from: DE01, to: customer(`C-${i % 50}`), at, document: `D-${i}`, line: '1' });
  }
  for (let j = 0; j < LOTS - 1 - 3 * PRODUCTS; j++) {
    yield movement({ kind: 'receipt', lot: { item: 'OTHER', batchNumber: `O-${j}` }, quantity: '1', from: supplier('S-OTHER'), to: DE01, at, document: `O-${j}`, line: '1' });
  }
}

describe('a hub lot among 100 k lots (smoke)', () => {
  it('builds through apply and traces the hub to its 10 k descendants', () => {
    const genealogy = new Genealogy();
    for (const event of hubGenealogy()) genealogy.apply(event);
    expect(genealogy.stats()).toEqual({ lots: LOTS, transformations: 2 * PRODUCTS, movements: 1 + 7 * PRODUCTS + (LOTS - 1 - 3 * PRODUCTS), edges: 5 * PRODUCTS });

    const hub = lotKey('SALT', 'HUB-0001');
    const trace = genealogy.forwardTrace(hub);
    expect(trace?.lots).toHaveLength(1 + 2 * PRODUCTS);
    expect(trace?.lots.filter((lot) => lot.depth === 2).every((lot) => lot.deliveries.length === 1)).toBe(true);

    const impact = genealogy.recallImpact([hub]);
    expect(impact.shipped).toHaveLength(50);
    expect(impact.shipped.every((shipments) => shipments.shipped[0]?.quantity === String((100 * PRODUCTS) / 50))).toBe(true);
    expect(impact.onHand).toEqual([expect.objectContaining({ locationKey: 'warehouse:DE01/MAIN', quantity: '5000' })]);
    expect(genealogy.massBalance(hub)).toMatchObject({ received: '10000', consumed: '5000', onHand: '5000', percentAccounted: '100' });
    expect(genealogy.backwardTrace(lotKey('PACK', 'K-4999'))?.receipts.map((receipt) => receipt.supplier)).toEqual(['S-FLOUR', 'S-SALT']);
    expect(genealogy.completeness().complete).toBe(true);
  });
});
