import { matchReceipt, shortLines, type ExpectedLineState, type OpenNotice, type ReceivedLot } from './receipt-matching';

const line = (overrides: Partial<ExpectedLineState> & Pick<ExpectedLineState, 'lineNumber' | 'item' | 'batchNumber'>): ExpectedLineState => ({ quantity: '10', unit: 'KGM', received: '0', ...overrides });

const older: OpenNotice = { key: '1', asnId: 'DA-1', supplier: 'V100', lines: [line({ lineNumber: '1', item: 'SUGAR', batchNumber: 'L1', sscc: '037612345000000014' })] };
const newer: OpenNotice = {
  key: '2',
  asnId: 'DA-2',
  supplier: 'V100',
  lines: [line({ lineNumber: '1', item: 'SUGAR', batchNumber: 'L1' }), line({ lineNumber: '2', item: 'SALT', batchNumber: '  0012 ', received: '4' })],
};
const notices = [older, newer];
const receipt = (overrides: Partial<ReceivedLot>): ReceivedLot => ({ item: 'SUGAR', batchNumber: 'L1', quantity: '4', unit: 'KGM', document: 'GR-1', ...overrides });

describe('matchReceipt: which notice', () => {
  it('by SSCC first, whatever else the receipt says', () => {
    expect(matchReceipt(receipt({ sscc: '037612345000000014', document: 'DA-2' }), [newer, older])).toMatchObject({ outcome: 'matched', notice: older, matchedBy: 'sscc' });
  });

  it('by the ASN number the receipt carries as its document', () => {
    expect(matchReceipt(receipt({ document: 'DA-2' }), notices)).toMatchObject({ outcome: 'matched', notice: newer, matchedBy: 'asn-reference' });
  });

  it('by the lot, the oldest open notice first', () => {
    expect(matchReceipt(receipt({}), notices)).toMatchObject({ outcome: 'matched', notice: older, matchedBy: 'lot', receivedAfter: '4' });
  });

  it('a receipt no notice can be tied to is unrelated (not every receipt has an ASN)', () => {
    expect(matchReceipt(receipt({ item: 'FLOUR', batchNumber: 'F1', supplier: 'V999' }), notices)).toEqual({ outcome: 'unrelated' });
  });
});

describe('matchReceipt: discrepancies', () => {
  it('over: the line receives more than announced; the excess is named', () => {
    expect(matchReceipt(receipt({ document: 'DA-2', item: 'SALT', batchNumber: '  0012 ', quantity: '6.5' }), notices)).toMatchObject({ outcome: 'matched', receivedAfter: '10.5', over: '0.5' });
  });

  it('exactly the announced quantity is no discrepancy', () => {
    expect(matchReceipt(receipt({ document: 'DA-2', item: 'SALT', batchNumber: '  0012 ', quantity: '6' }), notices)).not.toHaveProperty('over');
  });

  it('wrong-lot: the announced item in a batch the notice does not name (batch compared byte for byte)', () => {
    expect(matchReceipt(receipt({ document: 'DA-2', item: 'SALT', batchNumber: '0012' }), notices)).toMatchObject({ outcome: 'wrong-lot', notice: newer, expectedBatches: ['  0012 '] });
  });

  it('unexpected-lot: an item the notice does not announce, from its supplier', () => {
    expect(matchReceipt(receipt({ item: 'PEPPER', batchNumber: 'P1', supplier: 'V100' }), notices)).toMatchObject({ outcome: 'unexpected-lot', notice: older, matchedBy: 'supplier' });
  });

  it('wrong-unit: the lot arrives counted in another unit; nothing is converted', () => {
    expect(matchReceipt(receipt({ unit: 'H87' }), notices)).toMatchObject({ outcome: 'wrong-unit', notice: older });
  });
});

describe('shortLines', () => {
  it('names each line that received less than announced, with what is missing', () => {
    expect(shortLines([line({ lineNumber: '1', item: 'A', batchNumber: 'x', received: '10' }), line({ lineNumber: '2', item: 'B', batchNumber: 'y', received: '2.25' })])).toEqual([
      { line: expect.objectContaining({ lineNumber: '2' }), missing: '7.75' },
    ]);
  });
});
