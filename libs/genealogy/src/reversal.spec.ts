import { Genealogy } from './genealogy';
import { GenealogyEvent } from './genealogy-event';
import { KEY, issue4Movements } from './test-support/issue-4-scenario';

/** A trace's shape without its current stock (which a reversal does change). */
const withoutStock = (trace: unknown): unknown => JSON.parse(JSON.stringify(trace, (key, value: unknown) => (key === 'onHand' ? undefined : value)));

/** SAP cancellations (102, 262, ...) arrive as movements in the reverse direction marked `reversal`. */
describe('reversal movements', () => {
  const scenario = issue4Movements();
  const reversed = (of: GenealogyEvent, quantity: string): GenealogyEvent => ({
    ...of,
    movementId: `${of.movementId}|reversal`,
    quantity,
    from: of.to,
    to: of.from,
    occurredAt: '2024-03-02T09:00:00Z',
    reversal: true,
  });

  it('a cancelled goods issue to the order (262) is neither a new consumption nor new production of the lot', () => {
    const genealogy = new Genealogy();
    genealogy.applyAll(scenario.all);
    const before = { stats: genealogy.stats(), backward: withoutStock(genealogy.backwardTrace(KEY.F1)), forward: withoutStock(genealogy.forwardTrace(KEY.R1)) };
    expect(genealogy.apply(reversed(scenario.consumeR1, '20'))).toEqual({ outcome: 'applied' });
    expect(withoutStock(genealogy.backwardTrace(KEY.F1))).toEqual(before.backward);
    expect(withoutStock(genealogy.forwardTrace(KEY.R1))).toEqual(before.forward);
    // The stock does move back: 20 of R1 are in the warehouse again.
    expect(JSON.stringify(genealogy.forwardTrace(KEY.R1))).toContain('"quantity":"20"');
    expect(genealogy.stats()).toEqual({ ...before.stats, movements: before.stats.movements + 1 });
  });

  it('a cancelled goods receipt (102) is not a receipt from the supplier', () => {
    const genealogy = new Genealogy();
    genealogy.applyAll(scenario.all);
    const receipts = genealogy.backwardTrace(KEY.R1)?.receipts;
    // A 102 of a production receipt goes back into production: it must not count as the order producing more.
    const outputs = withoutStock(genealogy.backwardTrace(KEY.F1));
    genealogy.apply(reversed(scenario.receiptR1, '5'));
    genealogy.apply(reversed(scenario.produceF1, '7'));
    expect(genealogy.backwardTrace(KEY.R1)?.receipts).toEqual(receipts);
    expect(withoutStock(genealogy.backwardTrace(KEY.F1))).toEqual(outputs);
  });
});
