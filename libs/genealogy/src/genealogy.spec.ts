import fc from 'fast-check';
import { Genealogy } from './genealogy';
import { GenealogyEvent } from './genealogy-event';
import { DE02, KEY, LOTS, SUPPLIER_BATCH, issue4Movements, movement } from './test-support/issue-4-scenario';

const writeOff = movement({ kind: 'count-adjustment', lot: LOTS.F1A, quantity: '30', from: DE02, to: { kind: 'inventory-loss', code: 'DE02' }, at: '2024-03-07T08:00:00Z', document: 'COUNT-7', line: '1' });
const events = [...issue4Movements().all, writeOff];

/** Every question the genealogy answers, asked of every lot, document and customer of the scenario. */
function answers(genealogy: Genealogy) {
  const lots = Object.values(KEY);
  return {
    stats: genealogy.stats(),
    forward: lots.map((key) => genealogy.forwardTrace(key)),
    backward: lots.map((key) => genealogy.backwardTrace(key)),
    massBalance: lots.map((key) => genealogy.massBalance(key)),
    deliveries: ['D-100', 'D-200'].map((document) => genealogy.backwardTraceOfDelivery(document)),
    customers: ['C1', 'C2'].map((customer) => [genealogy.lotsDeliveredTo(customer), genealogy.backwardTraceOfCustomer(customer)]),
    recall: genealogy.recallImpact([KEY.R1, KEY.R2]),
    drill: genealogy.mockRecallDrill([KEY.R2]),
    completeness: genealogy.completeness(),
  };
}

const build = (ordered: readonly GenealogyEvent[]) => {
  const genealogy = new Genealogy();
  genealogy.applyAll(ordered);
  return genealogy;
};

describe('building the genealogy', () => {
  const expected = answers(build(events));

  it('gives the same answers whatever order the movements arrive in', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }), (shuffled) => {
        expect(answers(build(shuffled))).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same answers with redelivered movements mixed in anywhere', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...events), { maxLength: 20 }).chain((repeats) =>
          fc.shuffledSubarray([...events, ...repeats], { minLength: events.length + repeats.length, maxLength: events.length + repeats.length }),
        ),
        (withRepeats) => {
          expect(answers(build(withRepeats))).toEqual(expected);
        },
      ),
    );
  });

  it('is idempotent by movement id: applying everything twice changes nothing', () => {
    const genealogy = build(events);
    expect(genealogy.applyAll(events).every((result) => result.outcome === 'duplicate')).toBe(true);
    expect(answers(genealogy)).toEqual(expected);
    expect(genealogy.stats()).toEqual({ lots: 5, transformations: 2, movements: 13, edges: 6 });
  });

  it('refuses an invalid movement with its problems and does not remember it', () => {
    const genealogy = build(events);
    const bad = { ...movement({ kind: 'receipt', lot: { item: 'X', batchNumber: '   ' }, quantity: '1e3', from: { kind: 'supplier', code: 'S' }, to: DE02, at: '2024-03-01T06:00:00Z', document: 'BAD', line: '1' }) };
    expect(genealogy.apply(bad)).toEqual({ outcome: 'rejected', problems: ['batch number is blank', 'quantity "1e3" is not a number'] });
    expect(genealogy.apply({ ...writeOff, movementId: 'other', transformation: { transformationId: '', role: 'input' } })).toEqual({
      outcome: 'rejected',
      problems: ['transformation id is empty'],
    });
    expect(genealogy.stats().movements).toBe(13);
  });

  it('carries batch numbers with odd characters byte for byte into every answer', () => {
    const text = JSON.stringify(expected);
    for (const exact of [LOTS.R1.batchNumber, LOTS.R2.batchNumber, SUPPLIER_BATCH.R1, SUPPLIER_BATCH.R2]) {
      expect(text).toContain(JSON.stringify(exact));
    }
    expect(expected.backward[0]?.lots[0]?.lot).toEqual({ key: KEY.R1, item: '000000000000100001', batchNumber: '批次-001 ' });
    expect(expected.backward[0]?.receipts[0]?.supplierBatchNumber).toBe('000815');
    expect(expected.backward[1]?.receipts[0]?.supplierBatchNumber).toBe('S2/b-7 ');
    expect(text).not.toContain('"批次-001"');
    expect(text).not.toContain('"42"');
  });

  it('keeps quantities exact: no binary rounding on many small movements', () => {
    const lot = { item: 'SALT', batchNumber: '0001' };
    const genealogy = build(
      Array.from({ length: 10 }, (_, line) =>
        movement({ kind: 'receipt', lot, quantity: '0.1', from: { kind: 'supplier', code: 'S' }, to: DE02, at: '2024-01-01T00:00:00Z', document: 'R', line: String(line) }),
      ),
    );
    expect(genealogy.massBalance(JSON.stringify(['SALT', '0001']))).toMatchObject({ received: '1', onHand: '1', percentAccounted: '100' });
  });
});
