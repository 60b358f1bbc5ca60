import fc from 'fast-check';
import { avroTypeOf } from '@lotbridge/contracts';
import { LotMovement, MovementKind, LocationKind } from '@lotbridge/lot';
import { fromMovementContract, toMovementContract } from './lot-contract.mapper';

const kinds: MovementKind[] = ['receipt', 'put-away', 'transfer-out', 'transfer-in', 'production-consumption', 'production-output', 'split', 'merge', 'delivery', 'customer-return', 'scrap', 'count-adjustment'];
const locationKinds: LocationKind[] = ['warehouse', 'supplier', 'customer', 'in-transit', 'production', 'scrap', 'inventory-loss'];

describe('lot movement <-> Avro contract', () => {
  it('is lossless for every kind, location kind and batch string, through the Avro bytes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...kinds),
        fc.constantFrom(...locationKinds),
        fc.string({ unit: 'grapheme', minLength: 1 }),
        fc.option(fc.string({ minLength: 1 }), { nil: undefined }),
        fc.option(fc.stringMatching(/^\d{18}$/), { nil: undefined }),
        (kind, fromKind, batchNumber, bin, sscc) => {
          const movement: LotMovement = {
            movementId: 'm',
            kind,
            item: '000000654321234567',
            batchNumber,
            quantity: '12.5',
            unit: 'KGM',
            from: { kind: fromKind, code: 'X' },
            to: bin === undefined ? { kind: 'warehouse', code: 'DE01/MAIN' } : { kind: 'warehouse', code: 'DE01/MAIN', bin },
            occurredAt: '2024-03-19T06:14:11.000Z',
            source: { system: 'SAP:QS1', document: '1', line: '10' },
            expiryDate: '2026-01-31',
            ...(sscc !== undefined && { sscc }),
          };
          const type = avroTypeOf('LotMovement');
          const read = fromMovementContract(type.fromBuffer(type.toBuffer(toMovementContract(movement))) as never);
          expect(read).toEqual(movement);
        },
      ),
    );
  });

  it('carries a transformation link, with or without the whole picture of inputs and outputs', () => {
    const output: LotMovement = {
      movementId: 'SAP:QS1|1000123|0001|production-output',
      kind: 'production-output',
      item: 'FG-1',
      batchNumber: 'FG 0001 ',
      quantity: '40',
      unit: 'KGM',
      from: { kind: 'production', code: 'DE01' },
      to: { kind: 'warehouse', code: 'DE01/FG' },
      occurredAt: '2024-03-19T06:14:11.000Z',
      source: { system: 'SAP:QS1', document: '1000123', line: '0001' },
      transformation: {
        transformationId: 'SAP:QS1|1000123',
        role: 'output',
        inputs: [{ item: 'RM-1', batchNumber: '0000012345', quantity: '25.5', unit: 'KGM' }],
        outputs: [{ item: 'FG-1', batchNumber: 'FG 0001 ', quantity: '40', unit: 'KGM' }],
      },
    };
    const input: LotMovement = { ...output, kind: 'production-consumption', transformation: { transformationId: 'SAP:QS1|1000123', role: 'input' } };
    const type = avroTypeOf('LotMovement');
    for (const movement of [output, input]) {
      expect(fromMovementContract(type.fromBuffer(type.toBuffer(toMovementContract(movement))) as never)).toEqual(movement);
    }
  });
});
