import { XMLParser } from 'fast-xml-parser';
import { readInboundIdoc } from './idoc-document';
import { aleaudXml, batchStatusXml } from './outbound-idoc';
import { parseIdocXml, type XmlElement } from './idoc-xml';
import { fixture, rejection, replaceOnce, sample, SAMPLES } from './spec-helpers';

const BATMAS = 'batmas03-batch.xml';
const control = { idocNumber: '42', sender: 'LOTBRIDGE', receiver: 'QS1CLNT400', createdAt: '2025-03-12T09:15:07.123Z' };

function field(element: XmlElement, ...path: string[]): string | undefined {
  let here: XmlElement | undefined = element;
  for (const name of path) here = here?.children.find((child) => child.name === name);
  return here?.text;
}

describe('BATMAS03 batch master data', () => {
  it('becomes lot master data: expiry, production date, vendor batch, vendor; the batch byte for byte', () => {
    const result = readInboundIdoc(fixture(BATMAS));
    expect(result.type).toBe('batch-master');
    expect(result.movements).toEqual([]);
    expect(result.lots).toEqual([
      {
        item: '000000000000471100',
        batchNumber: '0000012345',
        productionDate: '2025-03-01',
        expiryDate: '2027-01-31',
        supplierBatchNumber: 'SUP-77/a',
        supplier: '0000100001',
        source: { system: 'SAP:QS1CLNT400', document: '0000000000770003', line: 'DE01' },
      },
    ]);
  });

  it('reads the batch tables\' field names (CHARG, VFDAT, HSDAT, LICHA) as well', () => {
    const tableNames = fixture(BATMAS)
      .replace('<BATCH>0000012345</BATCH>', '<CHARG> b-7 </CHARG>')
      .replace('<EXPIRYDATE>20270131</EXPIRYDATE>', '<VFDAT>20280229</VFDAT>')
      .replace('<PROD_DATE>20250301</PROD_DATE>', '<HSDAT>20250302</HSDAT>')
      .replace('<VENDRBATCH>SUP-77/a</VENDRBATCH>', '<LICHA>L 1</LICHA>');
    expect(readInboundIdoc(tableNames).lots[0]).toMatchObject({ batchNumber: ' b-7 ', expiryDate: '2028-02-29', productionDate: '2025-03-02', supplierBatchNumber: 'L 1' });
  });

  it('refuses a batch master without a batch, or with a date that is not one', () => {
    expect(rejection(() => readInboundIdoc(replaceOnce(fixture(BATMAS), '<BATCH>0000012345</BATCH>', '')), 'IDOC.MISSING_FIELD').message).toBe(
      'E1BATMAS: BATCH is missing (a batch master record names its batch)',
    );
    expect(rejection(() => readInboundIdoc(replaceOnce(fixture(BATMAS), '20270131', '20271331')), 'IDOC.INVALID_FIELD').message).toBe(
      'E1BPBATCHATT: EXPIRYDATE "20271331" is not a date (YYYYMMDD)',
    );
  });
});

describe('inbound dispatch by IDOCTYP', () => {
  it('names the supported types when refusing another (the real MATMAS05 sample)', () => {
    const error = rejection(() => readInboundIdoc(sample(SAMPLES.materialMaster)), 'IDOC.UNSUPPORTED_TYPE');
    expect(error.message).toContain('unsupported IDoc type MATMAS05');
    expect(error.message).toContain('MBGMCR.MBGMCR03, WMMBXY.WMMBID02, BATMAS.BATMAS03');
  });

  it('reads the real delivery samples as deliveries', () => {
    for (const name of [SAMPLES.inbound, SAMPLES.outbound, SAMPLES.customerReturn]) expect(readInboundIdoc(sample(name)).type).toBe('delivery');
  });
});

describe('outbound IDoc-XML', () => {
  it('ALEAUD01 for a posted IDoc: E1ADHDR > E1STATE status 53 (S) > E1PRTOB with our document id', () => {
    const xml = aleaudXml({ docnum: '0000000000770001', messageType: 'MBGMCR', status: '53', text: 'accepted: 13 movements', documentId: '17' }, control);
    const root = parseIdocXml(xml);
    expect(root.name).toBe('ALEAUD01');
    expect(field(root, 'IDOC', 'EDI_DC40', 'DOCNUM')).toBe('0000000000000042');
    expect(field(root, 'IDOC', 'EDI_DC40', 'CREDAT')).toBe('20250312');
    expect(field(root, 'IDOC', 'EDI_DC40', 'CRETIM')).toBe('091507');
    expect(field(root, 'IDOC', 'EDI_DC40', 'RCVPRN')).toBe('QS1CLNT400');
    expect(field(root, 'IDOC', 'E1ADHDR', 'MESTYP')).toBe('MBGMCR');
    expect(field(root, 'IDOC', 'E1ADHDR', 'E1STATE', 'DOCNUM')).toBe('0000000000770001');
    expect(field(root, 'IDOC', 'E1ADHDR', 'E1STATE', 'STATUS')).toBe('53');
    expect(field(root, 'IDOC', 'E1ADHDR', 'E1STATE', 'STATYP')).toBe('S');
    expect(field(root, 'IDOC', 'E1ADHDR', 'E1STATE', 'E1PRTOB', 'OBJKEY')).toBe('17');
  });

  it('ALEAUD01 for a refused IDoc: status 51 (E), the code, the text split into STATXT (70) and STAPA1..4 (50 each), escaped', () => {
    const text = `E1BP2017_GM_ITEM_CREATE item 0009: movement type "999" is not mapped <see> & ${'x'.repeat(80)}`;
    const xml = aleaudXml({ docnum: '1', messageType: 'MBGMCR', status: '51', code: 'IDOC.UNSUPPORTED_MOVEMENT_TYPE', text, documentId: '18' }, control);
    const state = parseIdocXml(xml).children[0]!.children[1]!.children[1]!;
    const value = (name: string) => state.children.find((child) => child.name === name)?.text ?? '';
    expect(value('STATUS')).toBe('51');
    expect(value('STATYP')).toBe('E');
    expect(value('STACOD')).toBe('IDOC.UNSUPPORTED_MOVEMENT_TYPE');
    expect(value('STATXT')).toHaveLength(70);
    expect(value('STATXT') + value('STAPA1') + value('STAPA2') + value('STAPA3')).toBe(text);
  });

  it('BATMAS03 status update: RESTRICTED X with its change flag; batch and long material numbers byte for byte', () => {
    const xml = batchStatusXml({ material: 'MAT-WITH-A-VERY-LONG-NUMBER-40', batch: ' <b>&1 ', restricted: true }, control);
    const batmas = parseIdocXml(xml);
    expect(field(batmas, 'IDOC', 'EDI_DC40', 'IDOCTYP')).toBe('BATMAS03');
    expect(field(batmas, 'IDOC', 'E1BATMAS', 'MATERIAL_LONG')).toBe('MAT-WITH-A-VERY-LONG-NUMBER-40');
    expect(field(batmas, 'IDOC', 'E1BATMAS', 'BATCH')).toBe(' <b>&1 ');
    expect(field(batmas, 'IDOC', 'E1BATMAS', 'E1BPBATCHSTATUS', 'RESTRICTED')).toBe('X');
    expect(field(batmas, 'IDOC', 'E1BATMAS', 'E1BPBATCHSTATUSX', 'RESTRICTED')).toBe('X');
    const released = parseIdocXml(batchStatusXml({ material: '000000000000471100', batch: '0000012345', restricted: false }, control));
    expect(field(released, 'IDOC', 'E1BATMAS', 'MATERIAL')).toBe('000000000000471100');
    expect(field(released, 'IDOC', 'E1BATMAS', 'E1BPBATCHSTATUS', 'RESTRICTED')).toBe('');
    // Well-formed for any XML reader, not only ours.
    expect(() => void new XMLParser().parse(xml)).not.toThrow();
  });

  it('what we send as BATMAS03 reads back through our own inbound BATMAS mapping unchanged', () => {
    const xml = batchStatusXml({ material: '000000000000471100', batch: 'ab 12 ', restricted: true }, { ...control, sender: 'QS1CLNT400' });
    const result = readInboundIdoc(xml);
    expect(result.type === 'batch-master' && result.idoc).toMatchObject({ material: '000000000000471100', batch: 'ab 12 ', restricted: 'X' });
  });
});
