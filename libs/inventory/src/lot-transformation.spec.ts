import { warehouse } from '@lotbridge/lot';
import { TransformationRequest, TransformationRequestError, transformationMovements } from './lot-transformation';

const split: TransformationRequest = {
  kind: 'split',
  requestId: 'RP-1',
  item: 'FG-1',
  location: warehouse('DE01', 'MAIN', 'A-01'),
  unit: 'KGM',
  occurredAt: '2026-01-05T08:00:00Z',
  inputs: [{ item: 'FG-1', batchNumber: ' L 01 ', quantity: '100.0', unit: 'KGM', expiryDate: '2026-06-30', productionDate: '2025-12-30' }],
  outputs: [
    { item: 'FG-1', batchNumber: 'L01-A', quantity: '60', unit: 'KGM' },
    { item: 'FG-1', batchNumber: 'L01-B', quantity: '40', unit: 'KGM' },
  ],
};

describe('split and merge as transformations', () => {
  it('moves the input lot into production and each part out of it, all linked by one transformation id', () => {
    const movements = transformationMovements(split);
    expect(movements.map((m) => [m.batchNumber, m.quantity, m.from.kind, m.to.kind, m.transformation?.role])).toEqual([
      [' L 01 ', '100', 'warehouse', 'production', 'input'],
      ['L01-A', '60', 'production', 'warehouse', 'output'],
      ['L01-B', '40', 'production', 'warehouse', 'output'],
    ]);
    expect(new Set(movements.map((m) => m.transformation?.transformationId))).toEqual(new Set(['LOTBRIDGE:INVENTORY|split|RP-1']));
    expect(movements[1]?.transformation?.inputs).toEqual([{ item: 'FG-1', batchNumber: ' L 01 ', quantity: '100', unit: 'KGM' }]);
    expect(movements[1]?.to).toEqual(warehouse('DE01', 'MAIN', 'A-01'));
    expect(movements[1]).toMatchObject({ expiryDate: '2026-06-30', productionDate: '2025-12-30' });
  });

  it('gives the same movement ids for the same request (a repeat is the same transformation)', () => {
    expect(transformationMovements(split).map((m) => m.movementId)).toEqual(transformationMovements({ ...split }).map((m) => m.movementId));
  });

  it('lets a merged lot inherit the earliest expiry of its inputs', () => {
    const merge: TransformationRequest = {
      ...split,
      kind: 'merge',
      inputs: [
        { item: 'FG-1', batchNumber: 'A', quantity: '10', unit: 'KGM', expiryDate: '2026-08-01' },
        { item: 'FG-1', batchNumber: 'B', quantity: '5', unit: 'KGM', expiryDate: '2026-07-01' },
      ],
      outputs: [{ item: 'FG-1', batchNumber: 'M', quantity: '15', unit: 'KGM' }],
    };
    expect(transformationMovements(merge).at(-1)).toMatchObject({ batchNumber: 'M', quantity: '15', expiryDate: '2026-07-01', kind: 'merge' });
  });

  it('refuses what would make or lose stock, or reuse an input batch number, naming each problem', () => {
    const bad = { ...split, outputs: [{ item: 'FG-1', batchNumber: ' L 01 ', quantity: '99', unit: 'KGM' }] };
    expect(() => transformationMovements(bad)).toThrow(TransformationRequestError);
    expect(() => transformationMovements(bad)).toThrow(/inputs total 100 but outputs total 99.*is also an input/);
    expect(() => transformationMovements({ ...split, kind: 'merge' })).toThrow(/a merge needs at least two input lots; a merge has exactly one output lot/);
  });
});
