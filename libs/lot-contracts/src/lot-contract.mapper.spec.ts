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
        (kind, fromKind, batchNumber, bin) => {
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
          };
          const type = avroTypeOf('LotMovement');
          const read = fromMovementContract(type.fromBuffer(type.toBuffer(toMovementContract(movement))) as never);
          expect(read).toEqual(movement);
        },
      ),
    );
  });
});
