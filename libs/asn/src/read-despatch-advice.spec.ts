import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ItemMapping } from './item-mapping';
import { readDespatchAdvice } from './read-despatch-advice';
import { fixture, rejection, sample, SAMPLES } from './spec-helpers';

const SUPPLIER_GLN = '4012345000009';
const MAPPING: ItemMapping = {
  supplierPart: { [SUPPLIER_GLN]: { 'SALT-1KG': 'RAW-SALT-1KG' }, CO001: { '17589683': 'BEESWAX' } },
  gtin: { '04012345000016': 'RAW-SUGAR-25KG' },
};

describe('real samples (test/samples/asn)', () => {
  it('GS1 US GUSI despatchAdvice (GS1 XML 2.x in an SBDH envelope): header, line, lot data, batch as written', () => {
    const notice = readDespatchAdvice(sample(SAMPLES.gs1Gusi));
    expect(notice).toEqual({
      format: 'GS1_XML_2',
      asnId: 'RIT_GUSI_ASN',
      supplier: '0001230000000',
      buyer: '0000003450000',
      shipTo: '0000000002300',
      issued: '2017-06-01T03:35:00',
      lines: [
        {
          lineNumber: '1',
          item: '00000000789000',
          gtin: '00000000789000',
          supplierPartNumber: 'Supplier Part\n                                            ID',
          batchNumber: 'TESTBATCH',
          expiryDate: '2017-08-08',
          quantity: '100',
          unit: 'KGM',
          purchaseOrder: 'gusi\n                                                multiorder',
        },
      ],
      warnings: ['line 1: GTIN "00000000789000" is not a valid GTIN-8/12/13/14 (check digit)'],
    });
  });

  it('OASIS UBL DespatchAdvice example: LotNumberID 546378239, ExpiryDate 2010-01-01, seller part mapped to our item', () => {
    const notice = readDespatchAdvice(sample(SAMPLES.ubl), { itemMapping: MAPPING });
    expect(notice).toEqual({
      format: 'UBL_2',
      asnId: '565899',
      supplier: 'CO001',
      buyer: 'XFB01',
      shipTo: 'XFB01',
      issued: '2005-06-20',
      lines: [{ lineNumber: '1', item: 'BEESWAX', supplierPartNumber: '17589683', batchNumber: '546378239', expiryDate: '2010-01-01', quantity: '90', unit: 'KGM', purchaseOrder: 'AEG012345' }],
      warnings: [],
    });
  });

  it('the UBL example without a mapping for its seller part number is refused as ASN.UNKNOWN_ITEM', () => {
    expect(rejection(() => readDespatchAdvice(sample(SAMPLES.ubl)), 'ASN.UNKNOWN_ITEM').message).toBe(
      'line 1: supplier part number "17589683" of supplier "CO001" is not in the item mapping and there is no GTIN',
    );
  });

  it('every sample that is not a GS1 or UBL despatch advice is refused as ASN.UNSUPPORTED_DOCUMENT, naming its root', () => {
    const others = [SAMPLES.gs1WarehousingInbound, SAMPLES.cxml, SAMPLES.edifact, SAMPLES.sapDeliveryRequest];
    const roots = others.map((name) => rejection(() => readDespatchAdvice(sample(name)), 'ASN.UNSUPPORTED_DOCUMENT').message.split(' is not')[0]);
    expect(roots).toEqual(['{urn:gs1:ecom:warehousing_inbound_notification:xsd:3}warehousingInboundNotificationMessage', 'cXML', expect.stringContaining('Interchange'), expect.stringContaining('DeliveryRequest')]);
  });

  it('covers every sample in the folder (a new sample must be added to one of the lists above)', () => {
    const known: string[] = Object.values(SAMPLES);
    expect(readdirSync(join(__dirname, '..', '..', '..', 'test', 'samples', 'asn')).filter((name) => !known.includes(name))).toEqual([]);
  });
});

describe('project fixtures', () => {
  it('GS1 XML 3.4 despatchAdviceMessage: SSCC per logistic unit, GTIN or supplier part mapped, dates, exact quantities', () => {
    const notice = readDespatchAdvice(fixture('gs1-xml-3.4-despatch-advice.xml'), { itemMapping: MAPPING });
    expect(notice).toEqual({
      format: 'GS1_XML_3',
      asnId: 'DA-70001',
      supplier: SUPPLIER_GLN,
      buyer: '4098765000003',
      shipTo: '4098765000010',
      issued: '2026-11-30T14:05:00.000+01:00',
      lines: [
        { lineNumber: '1', item: 'RAW-SUGAR-25KG', gtin: '04012345000016', supplierPartNumber: 'SUG-25KG', batchNumber: '  L-0012 ', expiryDate: '2027-11-30', productionDate: '2026-11-28', quantity: '500', unit: 'KGM', sscc: '037612345000000014', purchaseOrder: '4500012345' },
        { lineNumber: '2', item: 'RAW-SALT-1KG', supplierPartNumber: 'SALT-1KG', batchNumber: '批次-7', expiryDate: '2028-06-30', quantity: '48', unit: 'H87', sscc: '037612345000000021' },
        { lineNumber: '3', item: '04012345000023', gtin: '04012345000023', batchNumber: '0000012345', expiryDate: '2027-03-31', quantity: '12.5', unit: 'KGM', sscc: '037612345000000021' },
      ],
      warnings: [],
    });
  });

  it('UBL 2.1: namespace-aware (an extension cbc:ID is not the notice number), GTIN scheme 0160, SSCC transport handling unit', () => {
    const notice = readDespatchAdvice(fixture('ubl-2.1-despatch-advice.xml'), { itemMapping: MAPPING });
    expect(notice).toMatchObject({ format: 'UBL_2', asnId: 'DA-2026-0815', supplier: SUPPLIER_GLN, buyer: '4098765000003', shipTo: '4098765000010', issued: '2026-11-30T09:15:00' });
    expect(notice.lines).toEqual([
      { lineNumber: '10', item: 'RAW-SUGAR-25KG', gtin: '04012345000016', supplierPartNumber: 'SUG-25KG', batchNumber: 'ab-12 & co', expiryDate: '2027-11-27', productionDate: '2026-11-27', quantity: '250.5', unit: 'KGM', sscc: '037612345000000014', purchaseOrder: '4500067890' },
      { lineNumber: '20', item: 'RAW-SALT-1KG', supplierPartNumber: 'SALT-1KG', batchNumber: '000777', quantity: '48', unit: 'H87', purchaseOrder: '4500067890' },
    ]);
  });

  it('batch numbers come back byte for byte (spaces, leading zeros, CJK, entity-decoded ampersand)', () => {
    const batches = readDespatchAdvice(fixture('gs1-xml-3.4-despatch-advice.xml'), { itemMapping: MAPPING }).lines.map((line) => Buffer.from(line.batchNumber, 'utf8'));
    expect(batches).toEqual([Buffer.from('  L-0012 ', 'utf8'), Buffer.from('批次-7', 'utf8'), Buffer.from('0000012345', 'utf8')]);
  });
});

describe('refusals name the problem', () => {
  const gs1 = fixture('gs1-xml-3.4-despatch-advice.xml').toString('utf8');
  const ubl = fixture('ubl-2.1-despatch-advice.xml').toString('utf8');
  const read = (xml: string) => () => readDespatchAdvice(xml, { itemMapping: MAPPING });

  it('ASN.MISSING_BATCH: a line without a batch number', () => {
    expect(rejection(read(gs1.replace('<batchNumber>批次-7</batchNumber>', '')), 'ASN.MISSING_BATCH').message).toBe('line 2: no batch number (transactionalItemData/batchNumber)');
    expect(rejection(read(ubl.replace('<cbc:LotNumberID>000777</cbc:LotNumberID>', '<cbc:LotNumberID></cbc:LotNumberID>')), 'ASN.MISSING_BATCH').message).toBe(
      'line 20: no batch number (cac:ItemInstance/cac:LotIdentification/cbc:LotNumberID)',
    );
  });

  it('ASN.UNKNOWN_ITEM: a supplier part number the mapping does not know, and a line with no identifier at all', () => {
    expect(rejection(read(gs1.replace('>SALT-1KG<', '>PEPPER-1KG<')), 'ASN.UNKNOWN_ITEM').message).toBe(
      `line 2: supplier part number "PEPPER-1KG" of supplier "${SUPPLIER_GLN}" is not in the item mapping and there is no GTIN`,
    );
    expect(rejection(read(gs1.replace(/<additionalTradeItemIdentification [^>]*>SALT-1KG<\/additionalTradeItemIdentification>/, '')), 'ASN.UNKNOWN_ITEM').message).toMatch(/^line 2: no GTIN/);
  });

  it('ASN.INVALID_SSCC: wrong check digit', () => {
    expect(rejection(read(gs1.replace('037612345000000014', '037612345000000015')), 'ASN.INVALID_SSCC').message).toBe(
      'line 1: SSCC "037612345000000015" (logisticUnitIdentification/sscc) is not 18 digits with a valid GS1 check digit',
    );
  });

  it('ASN.INVALID_QUANTITY, ASN.INVALID_FIELD (date), ASN.DUPLICATE_LINE, ASN.MISSING_FIELD', () => {
    expect(rejection(read(gs1.replace('>500.000<', '>5,0<')), 'ASN.INVALID_QUANTITY').message).toBe('line 1: quantity "5,0" (despatchedQuantity) is not a number');
    expect(rejection(read(gs1.replace('>2027-11-30<', '>30.11.2027<')), 'ASN.INVALID_FIELD').message).toBe('line 1: transactionalItemData/itemExpirationDate "30.11.2027" is not a date (YYYY-MM-DD)');
    expect(rejection(read(gs1.replace('<lineItemNumber>3</lineItemNumber>', '<lineItemNumber>2</lineItemNumber>')), 'ASN.DUPLICATE_LINE').message).toBe('line 2 occurs more than once');
    expect(rejection(read(ubl.replace('<cbc:ID>DA-2026-0815</cbc:ID>', '')), 'ASN.MISSING_FIELD').message).toBe('the despatch advice has no number (cbc:ID)');
  });

  it('ASN.UNSUPPORTED_DOCUMENT: an invoice in the UBL namespace family', () => {
    const invoice = '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>';
    expect(rejection(read(invoice), 'ASN.UNSUPPORTED_DOCUMENT').message).toMatch(/^\{urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\}Invoice is not a despatch advice/);
  });

  it('the XML safety refusals carry ASN.* codes: malformed, DOCTYPE (billion laughs, XXE), oversize, encoding', () => {
    expect(rejection(read('<DespatchAdvice>\n<cbc:ID>1</DespatchAdvice>'), 'ASN.MALFORMED_XML').message).toMatch(/^malformed XML at line 2/);
    const laughs = '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>\n<DespatchAdvice>&lol2;</DespatchAdvice>';
    expect(rejection(read(laughs), 'ASN.DOCTYPE_FORBIDDEN').message).toMatch(/^ASN XML must not contain a DOCTYPE declaration \(line 2, column 1\)/);
    const xxe = '<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><DespatchAdvice>&xxe;</DespatchAdvice>';
    expect(rejection(read(xxe), 'ASN.DOCTYPE_FORBIDDEN').message).toContain('external entities (XXE)');
    expect(rejection(() => readDespatchAdvice(Buffer.from(gs1), { maxBytes: 1000 }), 'ASN.TOO_LARGE').message).toBe(`ASN document is ${Buffer.byteLength(gs1)} bytes, larger than the limit of 1000 bytes`);
    expect(rejection(() => readDespatchAdvice(Buffer.from(gs1.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'))), 'ASN.UNSUPPORTED_ENCODING').message).toContain('ISO-8859-1');
  });
});
