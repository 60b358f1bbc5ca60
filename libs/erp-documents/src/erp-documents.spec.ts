import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { type ErpJson, type ErpReadOptions, type ItemCatalogue, kingdeeBillsFromRows, kingdeeQueryFieldKeys, kingdeeQueryRows, mapKingdeeDocument, mapYonyouDocument } from './index';
import { ErpDocumentRejected } from './erp-errors';
import { assertExactJsonNumbers } from './exact-json-numbers';
import { zonedInstant } from '@lotbridge/lot';

const received = (text: string): ErpJson => ({ json: JSON.parse(text) as Record<string, unknown>, text });
const fixture = (name: string) => received(readFileSync(join(__dirname, '..', 'fixtures', name), 'utf8'));
const catalogue: ItemCatalogue = (erp, code) => (code.startsWith('UNKNOWN') ? undefined : { item: `${erp.toUpperCase()}-${code}`, unit: 'PCE' });
const options: ErpReadOptions = { account: '100', timeZone: 'Asia/Shanghai', items: catalogue };
const json = (value: unknown) => received(JSON.stringify(value));

function refusal(read: () => unknown): { code: string; message: string } {
  try {
    read();
  } catch (error) {
    if (error instanceof ErpDocumentRejected) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('the document was accepted');
}

describe('Kingdee K3 Cloud bills', () => {
  it('a purchase receipt (STK_InStock) becomes receipts from the supplier into stock org/warehouse, batch numbers byte-identical', () => {
    const { document, movements, lots } = mapKingdeeDocument('STK_InStock', fixture('kingdee-STK_InStock.json'), options);
    expect(document).toMatchObject({ number: 'CGRK00042', kind: 'purchase-receipt', partner: 'VEN001', modifiedAt: '2024-05-20T06:03:11.270Z' });
    expect(movements).toEqual([
      {
        movementId: 'KINGDEE:100|CGRK00042|100456|receipt',
        kind: 'receipt',
        item: 'KINGDEE-1.01.001',
        batchNumber: 'L240520-A',
        quantity: '120',
        unit: 'Pcs',
        from: { kind: 'supplier', code: 'VEN001' },
        to: { kind: 'warehouse', code: '100/CK001' },
        // FDate 2024-05-20 00:00 in Shanghai (UTC+8)
        occurredAt: '2024-05-19T16:00:00.000Z',
        source: { system: 'KINGDEE:100', document: 'CGRK00042', line: '100456' },
        productionDate: '2024-05-01',
        expiryDate: '2026-04-30',
        supplierBatchNumber: 'S-7781',
      },
      expect.objectContaining({ batchNumber: '批次-001 ', quantity: '12.3', unit: 'kg', expiryDate: '2025-12-31' }),
    ]);
    expect(lots).toEqual([
      expect.objectContaining({ item: 'KINGDEE-1.01.001', batchNumber: 'L240520-A', supplier: 'VEN001', productionDate: '2024-05-01', expiryDate: '2026-04-30', supplierBatchNumber: 'S-7781' }),
      expect.objectContaining({ item: 'KINGDEE-1.01.002', batchNumber: '批次-001 ', expiryDate: '2025-12-31' }),
    ]);
  });

  it('a production receipt (PRD_INSTOCK) is production output of its production order', () => {
    const { movements } = mapKingdeeDocument('PRD_INSTOCK', fixture('kingdee-PRD_INSTOCK.json'), options);
    expect(movements).toEqual([
      expect.objectContaining({
        kind: 'production-output',
        from: { kind: 'production', code: 'MO000123' },
        to: { kind: 'warehouse', code: '100/CK002' },
        quantity: '500',
        batchNumber: 'P20240603-01',
        occurredAt: '2024-06-03T08:30:00.000Z',
        transformation: { transformationId: 'KINGDEE:100|MO|MO000123', role: 'output' },
      }),
    ]);
  });

  it('a production pick (PRD_PickMtrl) consumes the actual quantity (FActualQty), not the applied one', () => {
    const { movements } = mapKingdeeDocument('PRD_PickMtrl', fixture('kingdee-PRD_PickMtrl.json'), options);
    expect(movements).toEqual([
      expect.objectContaining({ kind: 'production-consumption', quantity: '58.5', from: { kind: 'warehouse', code: '100/CK001' }, to: { kind: 'production', code: 'MO000123' }, transformation: { transformationId: 'KINGDEE:100|MO|MO000123', role: 'input' } }),
    ]);
  });

  it('a sales delivery (SAL_OUTSTOCK) is two-legged: goods issue into in-transit <customer>/<bill>, then to the customer', () => {
    const { movements } = mapKingdeeDocument('SAL_OUTSTOCK', fixture('kingdee-SAL_OUTSTOCK.json'), options);
    expect(movements.map(({ movementId, kind, from, to, quantity }) => ({ movementId, kind, from, to, quantity }))).toEqual([
      { movementId: 'KINGDEE:100|XSCKD000311|7001|delivery', kind: 'delivery', from: { kind: 'warehouse', code: '100/CK002' }, to: { kind: 'in-transit', code: 'CUST0042/XSCKD000311' }, quantity: '200' },
      { movementId: 'KINGDEE:100|XSCKD000311|7001/delivered|delivery', kind: 'delivery', from: { kind: 'in-transit', code: 'CUST0042/XSCKD000311' }, to: { kind: 'customer', code: 'CUST0042' }, quantity: '200' },
    ]);
    const goodsIssueOnly = mapKingdeeDocument('SAL_OUTSTOCK', fixture('kingdee-SAL_OUTSTOCK.json'), { ...options, deliveryLegs: 'goods-issue' });
    expect(goodsIssueOnly.movements).toHaveLength(1);
  });

  it('a direct transfer (STK_TransferDirect) moves the lot from FSrcStockId to FDestStockId', () => {
    const { movements } = mapKingdeeDocument('STK_TransferDirect', fixture('kingdee-STK_TransferDirect.json'), options);
    expect(movements).toEqual([expect.objectContaining({ kind: 'transfer-out', quantity: '20', from: { kind: 'warehouse', code: '100/CK001' }, to: { kind: 'warehouse', code: '100/CK003' } })]);
  });

  it('reads ExecuteBillQuery-style flattened keys (FMaterialId.FNumber, FLot_Text) as well as references', () => {
    const bill = { FBillNo: 'CGRK1', FDate: '2024-05-20T14:03:11.27', 'FSupplierId.FNumber': 'V1', FInStockEntry: [{ FInStockEntry_FEntryID: 9, 'FMaterialId.FNumber': 'M1', FLot_Text: 'LOT 1', FRealQty: 1.5, 'FStockId.FNumber': 'CK9', 'FUnitID.FNumber': 'kg' }] };
    const { movements } = mapKingdeeDocument('STK_InStock', json(bill), options);
    expect(movements[0]).toMatchObject({ movementId: 'KINGDEE:100|CGRK1|9|receipt', item: 'KINGDEE-M1', batchNumber: 'LOT 1', quantity: '1.5', to: { kind: 'warehouse', code: 'CK9' }, occurredAt: '2024-05-20T06:03:11.270Z' });
  });

  it('refuses a line without a lot (Kingdee reads an empty lot back as " ") with ERP.MISSING_BATCH', () => {
    const bill = { FBillNo: 'CGRK2', FDate: '2024-05-20', FSupplierId: { FNumber: 'V1' }, FInStockEntry: [{ FEntryID: 5, FMaterialId: { FNumber: 'M1' }, FLot: { FNumber: ' ' }, FRealQty: 1, FStockId: { FNumber: 'CK1' }, FUnitID: { FNumber: 'kg' } }] };
    expect(refusal(() => mapKingdeeDocument('STK_InStock', json(bill), options))).toEqual({ code: 'ERP.MISSING_BATCH', message: 'Kingdee STK_InStock CGRK2 line 5: item "M1" has no batch number' });
  });

  it('refuses a transfer that changes the lot', () => {
    const bill = fixture('kingdee-STK_TransferDirect.json').json as { Model: { FBillEntry: Array<Record<string, unknown>> } };
    bill.Model.FBillEntry[0]!['FDestLot'] = { FNumber: 'OTHER' };
    expect(refusal(() => mapKingdeeDocument('STK_TransferDirect', json(bill), options))).toMatchObject({ code: 'ERP.INVALID_FIELD', message: expect.stringContaining('FDestLot "OTHER" differs from FLot "L240520-A"') });
  });
});

describe('Yonyou U8 vouchers', () => {
  it('a purchase receipt (rdrecord01) becomes receipts from the vendor (cVenCode) into account/warehouse (cWhCode)', () => {
    const { document, movements, lots } = mapYonyouDocument('rdrecord01', fixture('yonyou-rdrecord01.json'), { ...options, account: '001' });
    expect(document).toMatchObject({ number: '0000000087', kind: 'purchase-receipt', partner: 'V0012', modifiedAt: '2024-05-20T07:40:02.513Z' });
    expect(movements).toEqual([
      {
        movementId: 'YONYOU:001|0000000087|1000004567|receipt',
        kind: 'receipt',
        item: 'YONYOU-010203',
        batchNumber: 'B2405-77',
        quantity: '250',
        unit: 'PCE',
        from: { kind: 'supplier', code: 'V0012' },
        to: { kind: 'warehouse', code: '001/01' },
        occurredAt: '2024-05-19T16:00:00.000Z',
        source: { system: 'YONYOU:001', document: '0000000087', line: '1000004567' },
        productionDate: '2024-05-01',
        expiryDate: '2025-04-30',
      },
      expect.objectContaining({ batchNumber: '0000123', quantity: '12.5', expiryDate: '2025-10-31' }),
    ]);
    expect(lots.map((lot) => [lot.batchNumber, lot.supplier])).toEqual([['B2405-77', 'V0012'], ['0000123', 'V0012']]);
  });

  it('production receipt (rdrecord10), material issue (rdrecord11), sales out (rdrecord32) and transfer (TransVouch)', () => {
    const u8 = { ...options, account: '001' };
    expect(mapYonyouDocument('rdrecord10', fixture('yonyou-rdrecord10.json'), u8).movements).toEqual([
      expect.objectContaining({ kind: 'production-output', from: { kind: 'production', code: '0000000123' }, to: { kind: 'warehouse', code: '001/02' }, quantity: '480', productionDate: '2024-06-03', expiryDate: '2025-06-02', transformation: { transformationId: 'YONYOU:001|MO|0000000123', role: 'output' } }),
    ]);
    expect(mapYonyouDocument('rdrecord11', fixture('yonyou-rdrecord11.json'), u8).movements).toEqual([
      expect.objectContaining({ kind: 'production-consumption', quantity: '99.5', from: { kind: 'warehouse', code: '001/01' }, to: { kind: 'production', code: '0000000123' }, transformation: { transformationId: 'YONYOU:001|MO|0000000123', role: 'input' } }),
    ]);
    expect(mapYonyouDocument('rdrecord32', fixture('yonyou-rdrecord32.json'), u8).movements.map((m) => [m.from.code, m.to.kind, m.to.code])).toEqual([
      ['001/02', 'in-transit', 'C0042/0000000102'],
      ['C0042/0000000102', 'customer', 'C0042'],
    ]);
    expect(mapYonyouDocument('TransVouch', fixture('yonyou-TransVouch.json'), u8).movements).toEqual([
      expect.objectContaining({ kind: 'transfer-out', batchNumber: 'B2405-77', quantity: '30', from: { kind: 'warehouse', code: '001/01' }, to: { kind: 'warehouse', code: '001/05' }, expiryDate: '2025-04-30' }),
    ]);
  });

  it('column names are read case-insensitively (U8 columns are SQL names: cinvcode = cInvCode)', () => {
    const voucher = { head: { ccode: 'X1', ddate: '2024-01-02', cwhcode: '01', cvencode: 'V' }, body: [{ autoid: 1, cinvcode: 'I1', cbatch: 'b-1', iquantity: '2' }] };
    expect(mapYonyouDocument('rdrecord01', json(voucher), options).movements[0]).toMatchObject({ item: 'YONYOU-I1', batchNumber: 'b-1', quantity: '2' });
  });
});

describe('bad ERP documents are refused with a code naming the problem', () => {
  const voucher = (line: Record<string, unknown>) => json({ head: { cCode: 'R1', dDate: '2024-01-02', cWhCode: '01', cVenCode: 'V' }, body: [{ AutoID: 7, cInvCode: 'I1', cBatch: 'B1', iQuantity: '1', ...line }] });

  it.each([
    ['unknown document type', () => mapYonyouDocument('rdrecord99', voucher({}), options), 'ERP.UNKNOWN_DOCUMENT_TYPE', 'Yonyou voucher "rdrecord99" is not a lot-moving document; known: rdrecord01, rdrecord10, rdrecord11, rdrecord32, TransVouch'],
    ['unknown Kingdee form', () => mapKingdeeDocument('STK_OutStock', voucher({}), options), 'ERP.UNKNOWN_DOCUMENT_TYPE', expect.stringContaining('Kingdee form "STK_OutStock" is not a lot-moving document')],
    ['missing batch', () => mapYonyouDocument('rdrecord01', voucher({ cBatch: null }), options), 'ERP.MISSING_BATCH', 'Yonyou rdrecord01 R1 line 7: item "I1" has no batch number'],
    ['unknown item', () => mapYonyouDocument('rdrecord01', voucher({ cInvCode: 'UNKNOWN-9' }), options), 'ERP.UNKNOWN_ITEM', 'Yonyou rdrecord01 R1 line 7: item "UNKNOWN-9" is not in the yonyou item catalogue'],
    ['missing item', () => mapYonyouDocument('rdrecord01', voucher({ cInvCode: '' }), options), 'ERP.MISSING_FIELD', 'Yonyou rdrecord01 R1 line 7 field cInvCode is missing or empty'],
    ['not a quantity', () => mapYonyouDocument('rdrecord01', voucher({ iQuantity: '1,5' }), options), 'ERP.INVALID_FIELD', 'Yonyou rdrecord01 R1 line 7 field iQuantity "1,5" is not an exact quantity (not a number)'],
    ['negative quantity', () => mapYonyouDocument('rdrecord01', voucher({ iQuantity: -3 }), options), 'ERP.INVALID_FIELD', expect.stringContaining('-3 is not positive')],
    ['bad date', () => mapYonyouDocument('rdrecord01', voucher({ dVDate: '2024-02-30' }), options), 'ERP.INVALID_FIELD', 'Yonyou rdrecord01 R1 line 7 field dVDate "2024-02-30" is not a date (YYYY-MM-DD)'],
    ['imprecise JSON number', () => mapYonyouDocument('rdrecord01', received('{"head":{"cCode":"R1"},"body":[{"iQuantity":0.10000000000000001}]}'), options), 'ERP.IMPRECISE_NUMBER', expect.stringContaining('the number 0.10000000000000001')],
    ['no lines', () => mapYonyouDocument('rdrecord01', json({ head: { cCode: 'R1' }, body: [] }), options), 'ERP.INVALID_STRUCTURE', 'Yonyou rdrecord01 R1 has no lines ("body" must be a non-empty array)'],
  ])('%s', (_name, read, code, message) => {
    expect(refusal(read)).toEqual({ code, message });
  });

  it('an unknown time zone is a configuration error, not a document error', () => {
    expect(() => mapYonyouDocument('rdrecord01', voucher({}), { ...options, timeZone: 'Mars/Olympus' })).toThrow(RangeError);
  });
});

describe('JSON numbers are carried exactly or refused', () => {
  it('12.30 and 120.0 are read as the decimals they are', () => {
    expect(mapYonyouDocument('rdrecord01', received('{"head":{"cCode":"R","dDate":"2024-01-01","cWhCode":"1","cVenCode":"V"},"body":[{"cInvCode":"I","cBatch":"B","iQuantity":12.30},{"cInvCode":"I","cBatch":"C","iQuantity":120.0}]}'), options).movements.map((m) => m.quantity)).toEqual(['12.3', '120']);
  });

  it('for every decimal literal: either the quantity read equals it exactly, or the document is refused', () => {
    const literal = fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 25n }), fc.integer({ min: 0, max: 6 })).map(([digits, scale]) => {
      const text = digits.toString().padStart(scale + 1, '0');
      return scale === 0 ? text : `${text.slice(0, -scale)}.${text.slice(-scale)}`;
    });
    fc.assert(
      fc.property(literal, (number) => {
        const text = `{"head":{"cCode":"R","dDate":"2024-01-01","cWhCode":"1","cVenCode":"V"},"body":[{"cInvCode":"I","cBatch":"B","iQuantity":${number}}]}`;
        let read: string | undefined;
        try {
          read = mapYonyouDocument('rdrecord01', received(text), options).movements[0]?.quantity;
        } catch (error) {
          const code = (error as ErpDocumentRejected).code;
          expect(['ERP.IMPRECISE_NUMBER', 'ERP.INVALID_FIELD']).toContain(code);
          return;
        }
        expect(read).toBe(number.replace(/^0+(?=\d)/, '').replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, ''));
      }),
    );
  });

  it('numbers inside strings are not numbers', () => {
    expect(() => assertExactJsonNumbers('{"a":"1234567890.12345678901","b":"\\"9999999999999999999"}', 'x')).not.toThrow();
  });
});

describe('Kingdee ExecuteBillQuery rows', () => {
  it('keeps number literals exactly and regroups entry rows into bills', () => {
    const keys = kingdeeQueryFieldKeys('STK_InStock');
    const row = (bill: string, entry: number, qty: string) => `["${bill}","2024-05-20T00:00:00","2024-05-20T14:03:11.27","100","VEN001",${entry},"M1","kg","L \\"1\\"",${qty},"CK001","",null,null]`;
    const parsed = kingdeeQueryRows(`[${row('B1', 1, '120.10')},${row('B1', 2, '1234567890.123457')},${row('B2', 3, '7')}]`);
    if (!('rows' in parsed)) throw new Error(parsed.error);
    const bills = kingdeeBillsFromRows('STK_InStock', keys, parsed.rows);
    expect(bills).toHaveLength(2);
    expect(bills[0]).toMatchObject({ FBillNo: 'B1', 'FSupplierId.FNumber': 'VEN001', FInStockEntry: [{ FRealQty: '120.10', 'FLot.FNumber': 'L "1"' }, { FRealQty: '1234567890.123457' }] });
    const { movements } = mapKingdeeDocument('STK_InStock', json({ Model: bills[0] }), options);
    expect(movements.map((m) => [m.movementId, m.quantity])).toEqual([['KINGDEE:100|B1|1|receipt', '120.1'], ['KINGDEE:100|B1|2|receipt', '1234567890.123457']]);
  });

  it('recognises the error envelope', () => {
    expect(kingdeeQueryRows('[[{"Result":{"ResponseStatus":{"IsSuccess":false,"MsgCode":1,"Errors":[{"Message":"会话信息已丢失，请重新登录"}]}}}]]')).toEqual({ error: 'ExecuteBillQuery refused (MsgCode 1): 会话信息已丢失，请重新登录' });
  });
});

describe('ERP local times', () => {
  it('are read in the configured zone, across daylight-saving changes', () => {
    expect(zonedInstant('2024-01-15T08:00:00.000', 'Europe/Berlin')).toBe('2024-01-15T07:00:00.000Z');
    expect(zonedInstant('2024-07-15T08:00:00.000', 'Europe/Berlin')).toBe('2024-07-15T06:00:00.000Z');
    expect(zonedInstant('2024-03-31T01:59:00.000', 'Europe/Berlin')).toBe('2024-03-31T00:59:00.000Z');
    expect(zonedInstant('2024-03-31T03:00:00.000', 'Europe/Berlin')).toBe('2024-03-31T01:00:00.000Z');
    expect(zonedInstant('2024-05-20T00:00:00.000', 'Asia/Shanghai')).toBe('2024-05-19T16:00:00.000Z');
  });
});
