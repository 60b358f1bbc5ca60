import { avroTypeOf, invalidPaths } from './codecs';
import { LotMovement } from './__generated__/contracts';

const movement = (overrides: Partial<LotMovement> = {}): LotMovement => ({
  movementId: 'SAP:QS1|0080001234|000010|RECEIPT',
  kind: 'RECEIPT',
  item: '000000654321234567',
  batchNumber: '批次-001 ',
  quantity: '5',
  unit: 'H87',
  from: { kind: 'SUPPLIER', code: 'IN25P', bin: null },
  to: { kind: 'WAREHOUSE', code: 'DE01/MAIN', bin: null },
  occurredAt: '2024-03-19T06:14:11.000Z',
  source: { system: 'SAP:QS1', document: '0080001234', line: '000010' },
  productionDate: '2024-03-01',
  expiryDate: '2026-02-28',
  supplierBatchNumber: null,
  sscc: null,
  reversal: false,
  transformation: null,
  ...overrides,
});

const roundTrip = (value: LotMovement): LotMovement => {
  const type = avroTypeOf('LotMovement');
  return type.fromBuffer(type.toBuffer(value)) as LotMovement;
};

describe('Avro codecs with the domain logical types', () => {
  it('reads back a movement exactly as written, batch number byte for byte', () => {
    const written = movement();
    const read = roundTrip(written);
    expect(read).toEqual(written);
    expect(Buffer.from(read.batchNumber, 'utf8')).toEqual(Buffer.from('批次-001 ', 'utf8'));
  });

  it.each([
    ['0', '0'],
    ['5.000', '5'],
    ['0.000001', '0.000001'],
    ['-12.5', '-12.5'],
    ['127', '127'],
    ['128', '128'],
    ['-128', '-128'],
    ['-129', '-129'],
    ['12345678901234567890123456789012.123456', '12345678901234567890123456789012.123456'],
  ])('carries the quantity %s exactly as %s', (written, read) => {
    expect(roundTrip(movement({ quantity: written })).quantity).toBe(read);
  });

  it('refuses a quantity with more decimals than the contract scale, naming the field', () => {
    expect(invalidPaths('LotMovement', movement({ quantity: '0.0000001' }))).toEqual(['quantity']);
    expect(() => avroTypeOf('LotMovement').toBuffer(movement({ quantity: '1e3' }))).toThrow();
  });

  it('refuses a date that is not a calendar date and an instant that is not one', () => {
    expect(invalidPaths('LotMovement', movement({ expiryDate: '2025-02-30', occurredAt: 'yesterday' }))).toEqual(
      expect.arrayContaining(['expiryDate', 'occurredAt']),
    );
  });

  it('keeps dates as dates: no time zone can shift them', () => {
    expect(roundTrip(movement({ expiryDate: '1969-12-31' })).expiryDate).toBe('1969-12-31');
    expect(roundTrip(movement({ expiryDate: '2999-01-01' })).expiryDate).toBe('2999-01-01');
  });
});
