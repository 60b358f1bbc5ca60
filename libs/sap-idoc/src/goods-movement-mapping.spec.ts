import { locationKey, movementProblems } from '@lotbridge/lot';
import { readInboundIdoc } from './idoc-document';
import { MOVEMENT_TYPES } from './movement-type-table';
import { fixture, rejection, replaceOnce } from './spec-helpers';

const MBGMCR = 'mbgmcr03-movement-types.xml';
const WMMBXY = 'wmmbid02-receipt-transfer.xml';
const ORDER = 'SAP:QS1CLNT400|order|000001000042';

const read = (xml: string, options = {}) => {
  const result = readInboundIdoc(xml, options);
  if (result.type !== 'goods-movement') throw new Error(`expected a goods movement, got ${result.type}`);
  return result;
};
const row = (m: { source: { line: string }; kind: string; batchNumber: string; quantity: string; from: object; to: object; reversal?: boolean }) => [
  m.source.line,
  m.kind,
  m.batchNumber,
  m.quantity,
  locationKey(m.from as never),
  locationKey(m.to as never),
  m.reversal === true,
];

describe('MBGMCR03: every mapped movement type of the fixture, through the one table', () => {
  const result = read(fixture(MBGMCR));

  it('maps each item to its kind and from/to locations; reversals go back and are marked', () => {
    expect(result.movements.map(row)).toEqual([
      ['0001', 'receipt', '0000012345', '100', 'supplier:0000100001', 'warehouse:DE01/MAIN', false],
      ['0002', 'receipt', '0000012345', '5', 'warehouse:DE01/MAIN', 'supplier:0000100001', true],
      ['0003', 'receipt', '0000012345', '2', 'warehouse:DE01/MAIN', 'supplier:0000100001', true],
      ['0004', 'production-consumption', '0000012345', '40', 'warehouse:DE01/MAIN', 'production:000001000042', false],
      ['0005', 'production-consumption', '0000012345', '1.5', 'production:000001000042', 'warehouse:DE01/MAIN', true],
      ['0006', 'production-output', 'FG-2025-03 ', '38', 'production:000001000042', 'warehouse:DE01/FG01', false],
      ['0007', 'transfer-out', '0000012345', '10', 'warehouse:DE01/MAIN', 'warehouse:DE02/RAW', false],
      ['0008', 'transfer-out', '0000012345', '6', 'warehouse:DE01/MAIN', 'warehouse:DE01/COLD', false],
      ['0009', 'scrap', '0000012345', '0.25', 'warehouse:DE01/MAIN', 'scrap:DE01', false],
      ['0010', 'delivery', 'FG-2025-03 ', '12', 'warehouse:DE01/FG01', 'in-transit:0000300777/0080001234', false],
      ['0011', 'customer-return', 'FG-2025-03 ', '1', 'customer:0000300777', 'warehouse:DE01/RET', false],
      ['0012', 'count-adjustment', '0000012345', '0.1', 'inventory-loss:DE01', 'warehouse:DE01/MAIN', false],
      ['0013', 'count-adjustment', '0000012345', '0.3', 'warehouse:DE01/MAIN', 'inventory-loss:DE01', false],
    ]);
    expect(result.movements.flatMap(movementProblems)).toEqual([]);
    expect(result.skippedItems).toEqual([{ line: '0014', reason: 'no batch: not lot-managed' }]);
  });

  it('keeps batch numbers byte for byte (a trailing blank stays)', () => {
    expect(new Set(result.movements.map((m) => m.batchNumber))).toEqual(new Set(['0000012345', 'FG-2025-03 ']));
  });

  it('links 261 consumption and 101 order receipt to one transformation per order (AUFNR), listing both sides', () => {
    const linked = result.movements.filter((m) => m.transformation);
    expect(linked.map((m) => [m.source.line, m.transformation!.transformationId, m.transformation!.role])).toEqual([
      ['0004', ORDER, 'input'],
      ['0005', ORDER, 'input'],
      ['0006', ORDER, 'output'],
    ]);
    expect(linked[0]!.transformation!.inputs).toEqual([{ item: '000000000000471100', batchNumber: '0000012345', quantity: '40', unit: 'KGM' }]);
    expect(linked[0]!.transformation!.outputs).toEqual([{ item: '000000000000471300', batchNumber: 'FG-2025-03 ', quantity: '38', unit: 'KGM' }]);
  });

  it('movement ids are stable: IDoc number and line, and the receipt carries its lot data', () => {
    expect(result.movements[0]).toMatchObject({
      movementId: 'SAP:QS1CLNT400|0000000000770001|0001|receipt',
      occurredAt: '2025-03-12T09:15:00.000Z',
      expiryDate: '2027-01-31',
      productionDate: '2025-03-01',
      supplierBatchNumber: 'SUP-77/a',
    });
    expect(result.lots).toEqual([
      expect.objectContaining({ item: '000000000000471100', batchNumber: '0000012345', expiryDate: '2027-01-31', supplier: '0000100001' }),
      expect.objectContaining({ item: '000000000000471300', batchNumber: 'FG-2025-03 ', expiryDate: '2026-03-12' }),
    ]);
  });

  it('601 with goods issue destination customer: the second leg to the customer follows at once', () => {
    const legs = read(fixture(MBGMCR), { goodsIssueDestination: 'customer' }).movements.filter((m) => m.source.line.startsWith('0010'));
    expect(legs.map((m) => [m.source.line, locationKey(m.from), locationKey(m.to)])).toEqual([
      ['0010', 'warehouse:DE01/FG01', 'in-transit:0000300777/0080001234'],
      ['0010/delivered', 'in-transit:0000300777/0080001234', 'customer:0000300777'],
    ]);
  });

  it('the table maps at least the movement types the issue names', () => {
    for (const type of ['101', '102', '122', '261', '262', '301', '311', '551', '601', '651', '701', '702']) expect(MOVEMENT_TYPES[type]).toBeDefined();
  });
});

describe('WMMBXY (WMMBID02)', () => {
  it('reads E1MBXYI items below E1MBXYH: receipt against the PO vendor, storage-location transfer', () => {
    const result = read(fixture(WMMBXY));
    expect(result.movements.map(row)).toEqual([
      ['0001', 'receipt', 'ab12-x', '24', 'supplier:0000100002', 'warehouse:DE01/0001', false],
      ['0002', 'transfer-out', 'ab12-x', '4', 'warehouse:DE01/0001', 'warehouse:DE01/0002', false],
    ]);
    expect(result.movements[0]!.expiryDate).toBe('2026-11-30');
  });
});

describe('bad goods movements are refused with the segment, line and field', () => {
  it('an unmapped movement type', () => {
    const error = rejection(() => read(replaceOnce(fixture(MBGMCR), '<MOVE_TYPE>551</MOVE_TYPE>', '<MOVE_TYPE>999</MOVE_TYPE>')), 'IDOC.UNSUPPORTED_MOVEMENT_TYPE');
    expect(error.message).toBe('E1BP2017_GM_ITEM_CREATE item 0009: movement type "999" is not mapped (see movement-type-table.ts)');
  });

  it('a goods issue for an order without the order number', () => {
    const error = rejection(() => read(replaceOnce(fixture(MBGMCR), '<MOVE_TYPE>261</MOVE_TYPE>\n            <ORDERID>000001000042</ORDERID>', '<MOVE_TYPE>261</MOVE_TYPE>')), 'IDOC.MISSING_FIELD');
    expect(error.message).toBe('E1BP2017_GM_ITEM_CREATE item 0004: ORDERID is missing (a goods issue for an order needs the order number)');
  });

  it('a quantity that is not a decimal, a batch-to-batch transfer', () => {
    const quantity = rejection(() => read(replaceOnce(fixture(WMMBXY), '<ERFMG>24.000</ERFMG>', '<ERFMG>24,0</ERFMG>')), 'IDOC.INVALID_FIELD');
    expect(quantity.message).toBe('E1MBXYI item 0001: ERFMG "24,0" is not a decimal');
    const batch = rejection(() => read(replaceOnce(fixture(WMMBXY), '<UMLGO>0002</UMLGO>', '<UMLGO>0002</UMLGO><UMCHA>OTHER</UMCHA>')), 'IDOC.INVALID_FIELD');
    expect(batch.message).toBe('E1MBXYI item 0002: UMCHA "OTHER" differs from the batch "ab12-x": batch-to-batch transfers are not mapped');
  });

  it('no item at all', () => {
    const empty = fixture(MBGMCR).replace(/<E1BP2017_GM_ITEM_CREATE SEGMENT="1">[\s\S]*<\/E1BP2017_GM_ITEM_CREATE>/, '');
    expect(rejection(() => read(empty), 'IDOC.MISSING_FIELD').message).toContain('E1BP2017_GM_ITEM_CREATE is missing');
  });
});
