import { parseDeliveryIdoc } from './delivery-idoc';
import { fixture, rejection, replaceOnce, sample, SAMPLES } from './spec-helpers';

describe('parseDeliveryIdoc on the real SAP DELVRY07 samples', () => {
  it('reads the inbound delivery (MESCOD IBG): control record, header, partners, deadlines, items', () => {
    const idoc = parseDeliveryIdoc(sample(SAMPLES.inbound));
    expect(idoc.rootElement).toBe('DELVRY07');
    expect(idoc.control).toEqual({
      DOCNUM: '0000000233406367',
      IDOCTYP: 'DELVRY07',
      MESTYP: 'DESADV',
      MESCOD: 'IBG',
      SNDPOR: 'SAPPS1',
      SNDPRN: 'Company_IDOC_ID',
      RCVPRN: '3PL_IDOC_ID',
      CREDAT: '20240319',
      CRETIM: '061411',
    });
    expect(idoc.delivery.VBELN).toBe('0123456789');
    expect(idoc.delivery.LFART).toBe('EL');
    expect(idoc.delivery.partners).toEqual([
      { PARTNER_Q: 'LF', PARTNER_ID: 'IN25P' },
      { PARTNER_Q: 'OSP', PARTNER_ID: 'IN0S' },
    ]);
    expect(idoc.delivery.deadlines.map((d) => d.QUALF)).toEqual(['499', '499', '499', '006', '001', '007', '015']);
    expect(idoc.delivery.deadlines[3]).toEqual({
      QUALF: '006',
      NTANF: '00000000',
      NTANZ: '000000',
      NTEND: '00000000',
      NTENZ: '000000',
      TZONE_BEG: 'GERMANY',
      ISDD: '20250122',
      ISDZ: '000000',
      IEDD: '20250122',
      IEDZ: '000000',
      TZONE_END: 'GERMANY',
    });
    expect(idoc.delivery.items).toHaveLength(2);
    expect(idoc.delivery.items[0]).toEqual({
      POSNR: '000010',
      MATNR: '000000654321234567',
      MATNR_LONG: '000000654321234567',
      WERKS: 'DE01',
      LGORT: 'MAIN',
      LFIMG: '5.000',
      VRKME: 'H87',
      VFDAT: '00000000',
    });
    expect(idoc.delivery.items.map((i) => [i.POSNR, i.MATNR, i.CHARG])).toEqual([
      ['000010', '000000654321234567', undefined],
      ['000020', '000000111222333444', undefined],
    ]);
  });

  it('reads the outbound delivery (MESCOD OBG)', () => {
    const idoc = parseDeliveryIdoc(sample(SAMPLES.outbound));
    expect(idoc.control).toMatchObject({ DOCNUM: '0000000220928966', IDOCTYP: 'DELVRY07', MESTYP: 'DESADV', MESCOD: 'OBG', SNDPOR: 'SAPPS1', SNDPRN: 'Company_IDOC_ID', RCVPRN: '3PL_IDOC_ID', CREDAT: '20240302', CRETIM: '110016' });
    expect(idoc.delivery).toMatchObject({ VBELN: '0123456789', LFART: 'LF' });
    expect(idoc.delivery.partners.map((p) => p.PARTNER_Q)).toEqual(['AG', 'RE', 'RG', 'WE', 'OSP', 'OSO']);
    expect(idoc.delivery.items.map((i) => [i.POSNR, i.MATNR, i.CHARG])).toEqual([['000010', '000000876543212345', undefined]]);
  });

  it('reads the customer return (MESCOD RET), keeping empty control fields as ""', () => {
    const idoc = parseDeliveryIdoc(sample(SAMPLES.customerReturn));
    expect(idoc.control).toMatchObject({ DOCNUM: '0000000232776397', MESCOD: 'RET', CIMTYP: '', SNDPRT: '', CREDAT: '20240318', CRETIM: '111535' });
    expect(idoc.delivery).toMatchObject({ VBELN: '8400073803', LFART: 'LR' });
    expect(idoc.delivery.items.map((i) => [i.POSNR, i.MATNR, i.SHKZG])).toEqual([
      ['000010', '000000882871440020', 'X'],
      ['000020', '000000882925290270', 'X'],
      ['000030', '000000889875230290', 'X'],
    ]);
  });
});

describe('parseDeliveryIdoc: which IDocs are accepted', () => {
  it('accepts DELVRY03, DELVRY05 and DELVRY07 roots', () => {
    expect(parseDeliveryIdoc(fixture('outbound-delvry03-batches.xml')).control.IDOCTYP).toBe('DELVRY03');
    expect(parseDeliveryIdoc(fixture('inbound-delvry05-batches.xml')).control.IDOCTYP).toBe('DELVRY05');
    expect(parseDeliveryIdoc(fixture('inbound-delvry07-batches.xml')).control.IDOCTYP).toBe('DELVRY07');
  });

  it('accepts the message type as root element when IDOCTYP is a DELVRY type', () => {
    const xml = fixture('inbound-delvry05-batches.xml').replace(/<(\/?)DELVRY05>/g, '<$1DESADV>');
    const idoc = parseDeliveryIdoc(xml);
    expect(idoc.rootElement).toBe('DESADV');
    expect(idoc.control.IDOCTYP).toBe('DELVRY05');
  });

  it('accepts an extension type as root element when CIMTYP names it', () => {
    const xml = replaceOnce(fixture('outbound-delvry03-batches.xml').replace(/<(\/?)DELVRY03>/g, '<$1ZDELVRY03EXT>'), '<MESTYP>', '<CIMTYP>ZDELVRY03EXT</CIMTYP><MESTYP>');
    expect(parseDeliveryIdoc(xml)).toMatchObject({ rootElement: 'ZDELVRY03EXT', control: { IDOCTYP: 'DELVRY03', CIMTYP: 'ZDELVRY03EXT' } });
  });

  it('refuses another IDoc type (ORDERS05)', () => {
    const orders = '<ORDERS05><IDOC BEGIN="1"><EDI_DC40 SEGMENT="1"><IDOCTYP>ORDERS05</IDOCTYP><MESTYP>ORDERS</MESTYP></EDI_DC40><E1EDK01/></IDOC></ORDERS05>';
    expect(rejection(() => parseDeliveryIdoc(orders), 'IDOC.UNSUPPORTED_TYPE').message).toBe('EDI_DC40: unsupported IDoc type ORDERS05 (expected DESADV DELVRY03/05/07)');
  });

  it('refuses the real MATMAS05 material master sample', () => {
    expect(rejection(() => parseDeliveryIdoc(sample(SAMPLES.materialMaster)), 'IDOC.UNSUPPORTED_TYPE').message).toBe(
      'EDI_DC40: unsupported IDoc type MATMAS05 (expected DESADV DELVRY03/05/07)',
    );
  });

  it('refuses a DELVRY IDoc with another message type (shipping order SHPORD)', () => {
    const xml = replaceOnce(fixture('outbound-delvry03-batches.xml'), '<MESTYP>DESADV</MESTYP>', '<MESTYP>SHPORD</MESTYP>');
    expect(rejection(() => parseDeliveryIdoc(xml), 'IDOC.UNSUPPORTED_TYPE').message).toBe('EDI_DC40: unsupported IDoc type SHPORD.DELVRY03 (expected DESADV DELVRY03/05/07)');
  });

  it('refuses a document without IDOC element, naming the root when it is no delivery type', () => {
    expect(rejection(() => parseDeliveryIdoc('<INVOIC02><X/></INVOIC02>'), 'IDOC.UNSUPPORTED_TYPE').message).toBe('unsupported IDoc type INVOIC02 (expected DESADV DELVRY03/05/07)');
    expect(rejection(() => parseDeliveryIdoc('<DELVRY07><X/></DELVRY07>'), 'IDOC.MISSING_FIELD').message).toBe('DELVRY07: IDOC element is missing');
  });

  it('refuses a root element that contradicts the control record', () => {
    const xml = fixture('inbound-delvry05-batches.xml').replace(/<(\/?)DELVRY05>/g, '<$1DELVRY07>');
    expect(rejection(() => parseDeliveryIdoc(xml), 'IDOC.INVALID_STRUCTURE').message).toBe(
      'EDI_DC40: root element DELVRY07 matches neither IDOCTYP DELVRY05, MESTYP DESADV nor CIMTYP (none)',
    );
  });

  it('refuses a packet of two IDocs rather than reading only one', () => {
    const one = fixture('inbound-delvry05-batches.xml');
    const idoc = one.slice(one.indexOf('<IDOC'), one.indexOf('</IDOC>') + '</IDOC>'.length);
    const two = replaceOnce(one, '</IDOC>', `</IDOC>${idoc}`);
    expect(rejection(() => parseDeliveryIdoc(two), 'IDOC.INVALID_STRUCTURE').message).toBe(
      'DELVRY05: contains 2 IDOC elements; one IDoc per document is supported (split the packet first)',
    );
  });
});

describe('parseDeliveryIdoc: what identifies the delivery must be there', () => {
  it('refuses a delivery without VBELN', () => {
    const xml = replaceOnce(fixture('outbound-delvry03-batches.xml'), '<VBELN>0080031337</VBELN>', '');
    const error = rejection(() => parseDeliveryIdoc(xml), 'IDOC.MISSING_FIELD');
    expect(error.message).toBe('E1EDL20: VBELN is missing');
    expect(error.location).toEqual({ segment: 'E1EDL20', field: 'VBELN' });
  });

  it('refuses an empty VBELN just the same', () => {
    const xml = replaceOnce(fixture('outbound-delvry03-batches.xml'), '<VBELN>0080031337</VBELN>', '<VBELN></VBELN>');
    expect(rejection(() => parseDeliveryIdoc(xml), 'IDOC.MISSING_FIELD').message).toBe('E1EDL20: VBELN is missing');
  });

  it('refuses an item without POSNR, counting items from 1', () => {
    const xml = replaceOnce(fixture('outbound-delvry03-batches.xml'), '<POSNR>000020</POSNR>', '');
    expect(rejection(() => parseDeliveryIdoc(xml), 'IDOC.MISSING_FIELD').message).toBe('E1EDL24 item #2: POSNR is missing');
  });

  it('refuses a missing control record or delivery header', () => {
    const xml = fixture('outbound-delvry03-batches.xml');
    const noControl = xml.slice(0, xml.indexOf('<EDI_DC40')) + xml.slice(xml.indexOf('</EDI_DC40>') + '</EDI_DC40>'.length);
    expect(rejection(() => parseDeliveryIdoc(noControl), 'IDOC.MISSING_FIELD').message).toBe('IDOC: EDI_DC40 control record is missing');
    const noHeader = xml.slice(0, xml.indexOf('<E1EDL20')) + xml.slice(xml.indexOf('</E1EDL20>') + '</E1EDL20>'.length);
    expect(rejection(() => parseDeliveryIdoc(noHeader), 'IDOC.MISSING_FIELD').message).toBe('IDOC: E1EDL20 delivery header is missing');
  });

  it('refuses a field that occurs twice instead of picking one', () => {
    const xml = replaceOnce(fixture('outbound-delvry03-batches.xml'), '<CHARG>0007</CHARG>', '<CHARG>0007</CHARG><CHARG>0008</CHARG>');
    expect(rejection(() => parseDeliveryIdoc(xml), 'IDOC.INVALID_STRUCTURE').message).toBe('E1EDL24 item 000010: field CHARG occurs 2 times');
  });
});
