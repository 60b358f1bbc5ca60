import { lotKey, lotRef } from './lot-key';

describe('lot keys', () => {
  it.each([
    ['RAW-SALT', 'HUB-0001'],
    ['000000000000100001', '批次-1'],
    ['ITEM","X', 'B'],
    ['I', 'with "quotes" and \\ backslash'],
    ['I', 'tab\tnew\nline'],
    ['', ''],
    ['I', '","'],
    ['I', 'emoji 🧂 and lone \ud800 surrogate'],
  ])('gives back item %j and batch number %j exactly as they went in', (item, batchNumber) => {
    expect(lotRef(lotKey(item, batchNumber))).toEqual({ key: lotKey(item, batchNumber), item, batchNumber });
  });
});
