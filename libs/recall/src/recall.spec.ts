import { Genealogy, lotKey } from '@lotbridge/genealogy';
import { LotMovement, movementIdFor, warehouse } from '@lotbridge/lot';
import { mockRecallReportOf } from './mock-recall-report';
import { notificationListOf } from './notification-list';
import { RecallError, nextRecallState } from './recall-case';
import { readRecoveries, recoveredTotals } from './recovery';

const DE01 = warehouse('DE01', 'MAIN');
const move = (kind: LotMovement['kind'], batchNumber: string, quantity: string, from: LotMovement['from'], to: LotMovement['to'], document: string, transformation?: LotMovement['transformation']): LotMovement => {
  const source = { system: 'TEST', document, line: `${batchNumber}-${kind}` };
  return { movementId: movementIdFor(source, kind), kind, item: 'M', batchNumber, quantity, unit: 'KGM', from, to, occurredAt: '2026-01-01T00:00:00Z', source, ...(transformation ? { transformation } : {}) };
};
const production = { kind: 'production' as const, code: 'DE01' };
const scenario = [
  move('receipt', 'R ', '100', { kind: 'supplier', code: 'S1' }, DE01, 'GR-1'),
  move('production-consumption', 'R ', '100', DE01, production, 'P-1', { transformationId: 'P-1', role: 'input' }),
  move('production-output', 'F', '100', production, DE01, 'P-1', { transformationId: 'P-1', role: 'output' }),
  move('delivery', 'F', '40', DE01, { kind: 'customer', code: 'C1' }, 'D-1'),
];
const built = (movements: LotMovement[]) => {
  const genealogy = new Genealogy();
  genealogy.applyAll(movements);
  return genealogy;
};

describe('mock-recall report', () => {
  it('sums every affected lot\'s books: 100 % when each balances', () => {
    const report = mockRecallReportOf(built(scenario).mockRecallDrill([lotKey('M', 'R ')]));
    expect(report.balanced).toBe(true);
    expect(report.totals).toEqual([
      expect.objectContaining({ unit: 'KGM', received: '100', produced: '100', source: '200', consumed: '100', onHand: '60', shipped: '40', accounted: '200', gap: '0', percentAccounted: '100' }),
    ]);
  });

  it('a missing receipt shows as a gap and a per cent away from 100', () => {
    const report = mockRecallReportOf(built(scenario.slice(1)).mockRecallDrill([lotKey('M', 'R ')]));
    expect(report.balanced).toBe(false);
    expect(report.gaps.map((gap) => gap.lot.batchNumber)).toEqual(['R ']);
    expect(report.totals[0]).toMatchObject({ source: '100', accounted: '200', gap: '-100', percentAccounted: '200' });
  });
});

describe('notification list', () => {
  it('names each customer with the delivery documents and each place holding stock', () => {
    const list = notificationListOf(built(scenario).recallImpact([lotKey('M', 'R ')], { withDeliveries: true }));
    expect(list.customers).toEqual([expect.objectContaining({ customer: 'C1', shipped: [{ quantity: '40', unit: 'KGM' }], deliveries: [expect.objectContaining({ document: 'D-1', batchNumber: 'F', quantity: '40' })] })]);
    expect(list.locations).toEqual([{ locationKey: 'warehouse:DE01/MAIN', kind: 'on-hand', lots: [{ item: 'M', batchNumber: 'F', quantity: '60', unit: 'KGM' }] }]);
  });
});

describe('recall case', () => {
  it('opens, locks once, records recoveries until closed', () => {
    expect(nextRecallState('open', 'locked')).toBe('locked');
    expect(nextRecallState('locked', 'recovery-recorded')).toBe('locked');
    expect(nextRecallState('locked', 'closed')).toBe('closed');
    expect(() => nextRecallState('locked', 'locked')).toThrow(RecallError);
    expect(() => nextRecallState('closed', 'recovery-recorded')).toThrow(/closed cannot be recovery recorded/);
  });

  it('sums recoveries per lot and unit, refusing bad quantities by name', () => {
    const recoveries = readRecoveries({ recoveries: [
      { item: 'M', batchNumber: 'F', quantity: '10.5', unit: 'KGM', recoveredFrom: 'C1' },
      { item: 'M', batchNumber: 'F', quantity: '4.5', unit: 'KGM', recoveredFrom: 'C1' },
    ] });
    expect(recoveredTotals(recoveries)).toEqual([{ item: 'M', batchNumber: 'F', quantity: '15', unit: 'KGM' }]);
    expect(() => readRecoveries({ item: 'M', batchNumber: 'F', quantity: '-1', unit: 'KGM', recoveredFrom: 'C1' })).toThrow(/quantity must be a positive exact decimal string/);
  });
});
