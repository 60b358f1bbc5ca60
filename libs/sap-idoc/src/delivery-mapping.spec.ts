import { movementProblems, type LotMovement } from '@lotbridge/lot';
import { parseDeliveryIdoc } from './delivery-idoc';
import { deliveryDirection } from './delivery-mapping';
import { readDeliveryIdoc } from './index';
import { fixture, rejection, replaceOnce, sample, SAMPLES } from './spec-helpers';

const INBOUND = 'inbound-delvry07-batches.xml';
const SPLIT = 'outbound-delvry07-batch-split.xml';

function byLine(movements: LotMovement[]): Record<string, LotMovement> {
  return Object.fromEntries(movements.map((m) => [m.source.line, m]));
}

describe('mapDeliveryToLotMovements on the real samples (no batches)', () => {
  it.each([
    ['inbound', SAMPLES.inbound, 'inbound', ['000010', '000020']],
    ['outbound', SAMPLES.outbound, 'outbound', ['000010']],
    ['customer return', SAMPLES.customerReturn, 'return', ['000010', '000020', '000030']],
  ] as const)('%s: recognised, every item skipped for "no batch (CHARG)", nothing moved', (_, file, direction, lines) => {
    const result = readDeliveryIdoc(sample(file));
    expect(result.direction).toBe(direction);
    expect(result.movements).toEqual([]);
    expect(result.lots).toEqual([]);
    expect(result.skippedItems.map((s) => s.line)).toEqual(lines);
    for (const skipped of result.skippedItems) expect(skipped.reason).toContain('no batch (CHARG)');
  });
});

describe('inbound DELVRY07 with batches (receipt from the vendor)', () => {
  const result = readDeliveryIdoc(fixture(INBOUND));
  const lines = byLine(result.movements);

  it('maps every batch item to a receipt from the vendor into its plant/storage location', () => {
    expect(result.direction).toBe('inbound');
    expect(result.movements.map((m) => m.source.line)).toEqual(['000010', '000020', '000030', '000040', '000050', '000060']);
    expect(lines['000010']).toEqual({
      movementId: 'SAP:Company_IDOC_ID|0180004711|000010|receipt',
      kind: 'receipt',
      item: '000000000000471100',
      batchNumber: '0000012345',
      quantity: '100',
      unit: 'KGM',
      from: { kind: 'supplier', code: '0000100234' },
      to: { kind: 'warehouse', code: 'DE01/MAIN' },
      occurredAt: '2025-03-12T08:15:30.000Z',
      source: { system: 'SAP:Company_IDOC_ID', document: '0180004711', line: '000010' },
      productionDate: '2025-01-10',
      expiryDate: '2027-01-31',
      supplierBatchNumber: 'SUP-7781/A',
    });
  });

  it('copies batch numbers byte for byte: leading zeros, lower case, inner/trailing spaces, CJK, / - . and escaped &', () => {
    expect(result.movements.map((m) => m.batchNumber)).toEqual(['0000012345', 'lot-a7', 'AB 12 ', '批次-001', '24/05-A.1', 'Q&A/7']);
  });

  it('canonicalises quantities ("100.000" -> "100", "12.500" -> "12.5") and keeps the unit', () => {
    expect(result.movements.map((m) => [m.quantity, m.unit])).toEqual([
      ['100', 'KGM'],
      ['5', 'H87'],
      ['12.5', 'KGM'],
      ['3', 'H87'],
      ['1.25', 'KGM'],
      ['2', 'H87'],
    ]);
  });

  it('puts each item into its own plant: two plants, three storage locations', () => {
    expect(result.movements.map((m) => m.to.code)).toEqual(['DE01/MAIN', 'DE01/MAIN', 'DE02/RAW', 'DE02/RAW', 'DE01/MAIN', 'DE01/QA']);
  });

  it('reads dates: VFDAT/HSDAT to YYYY-MM-DD, "00000000" and absent as no date', () => {
    expect(lines['000030']).toMatchObject({ productionDate: '2024-12-01', expiryDate: '2026-12-31' });
    expect(lines['000020']).not.toHaveProperty('expiryDate');
    expect(lines['000020']).not.toHaveProperty('productionDate');
  });

  it('copies the vendor batch from LICHN, or from LICHA when a sender uses that name', () => {
    expect(lines['000010']!.supplierBatchNumber).toBe('SUP-7781/A');
    expect(lines['000030']!.supplierBatchNumber).toBe('v batch 9');
    expect(lines['000040']).not.toHaveProperty('supplierBatchNumber');
  });

  it('skips items without batch, telling not-lot-managed from batch-not-yet-assigned', () => {
    expect(result.skippedItems).toEqual([
      { line: '000070', reason: 'no batch (CHARG): not lot-managed' },
      { line: '000080', reason: 'no batch (CHARG): the material is batch-managed (E1EDL26 XCHBW) but no batch is assigned yet' },
    ]);
  });

  it('returns lot master data with the supplier', () => {
    expect(result.lots).toHaveLength(6);
    expect(result.lots[0]).toEqual({
      item: '000000000000471100',
      batchNumber: '0000012345',
      productionDate: '2025-01-10',
      expiryDate: '2027-01-31',
      supplierBatchNumber: 'SUP-7781/A',
      supplier: '0000100234',
      source: { system: 'SAP:Company_IDOC_ID', document: '0180004711', line: '000010' },
    });
    expect(result.lots[1]).toEqual({
      item: '000000000000471200',
      batchNumber: 'lot-a7',
      supplier: '0000100234',
      source: { system: 'SAP:Company_IDOC_ID', document: '0180004711', line: '000020' },
    });
  });

  it('produces only movements the domain accepts, with ids derived from the source line', () => {
    for (const movement of result.movements) expect(movementProblems(movement)).toEqual([]);
    expect(new Set(result.movements.map((m) => m.movementId)).size).toBe(result.movements.length);
  });

  it('is deterministic: the same IDoc maps to the same movements', () => {
    expect(readDeliveryIdoc(fixture(INBOUND))).toEqual(result);
  });
});

describe('DELVRY05 and DELVRY03 variants', () => {
  it('DELVRY05 inbound without MESCOD: LFART EL decides; two items may share a batch number', () => {
    const result = readDeliveryIdoc(fixture('inbound-delvry05-batches.xml'));
    expect(result.direction).toBe('inbound');
    expect(result.movements.map((m) => [m.item, m.batchNumber, m.quantity, m.from.code, m.to.code, m.expiryDate, m.occurredAt])).toEqual([
      ['SPICE-PEPPER-BLK', '0007', '25', '0000200777', 'AT01/0001', '2026-09-30', '2024-11-05T23:59:59.000Z'],
      ['SPICE-CHILI-FLK', '0007', '20', '0000200777', 'AT01/0001', '2026-03-31', '2024-11-05T23:59:59.000Z'],
    ]);
    expect(result.movements[0]!.supplierBatchNumber).toBe('AGK 2024 44');
    expect(result.movements[0]!.source.system).toBe('SAP:EC1CLNT100');
  });

  it('DELVRY03 outbound without MESCOD: goods issue from the plant to in transit to the ship-to party (WE), not the sold-to (AG)', () => {
    const result = readDeliveryIdoc(fixture('outbound-delvry03-batches.xml'));
    expect(result.direction).toBe('outbound');
    expect(result.movements).toEqual([
      {
        movementId: 'SAP:EC1CLNT100|0080031337|000010|delivery',
        kind: 'delivery',
        item: 'SPICE-PEPPER-BLK',
        batchNumber: '0007',
        quantity: '2.5',
        unit: 'KGM',
        from: { kind: 'warehouse', code: 'AT01/0001' },
        to: { kind: 'in-transit', code: '0000300412/0080031337' },
        occurredAt: '2024-06-30T22:15:00.000Z',
        source: { system: 'SAP:EC1CLNT100', document: '0080031337', line: '000010' },
        expiryDate: '2026-09-30',
      },
    ]);
    expect(result.skippedItems).toEqual([{ line: '000020', reason: 'no batch (CHARG): not lot-managed' }]);
    expect(result.lots).toEqual([
      { item: 'SPICE-PEPPER-BLK', batchNumber: '0007', expiryDate: '2026-09-30', source: { system: 'SAP:EC1CLNT100', document: '0080031337', line: '000010' } },
    ]);
  });
});

describe('batch split (outbound delivery, main item 000010 with sub-items 900001 and 900002)', () => {
  it('counts the sub-items (HIPOS) and skips the main item, so 30 leave once, not twice', () => {
    const result = readDeliveryIdoc(fixture(SPLIT));
    expect(result.movements.map((m) => [m.source.line, m.batchNumber, m.quantity, m.from.code, m.to.code])).toEqual([
      ['900001', 'B-0001', '20', 'FR20/MAIN', '0000500123/0080099001'],
      ['900002', 'b-0002 ', '10', 'FR20/MAIN', '0000500123/0080099001'],
      ['000020', 'IB.2025.03', '12', 'FR20/MAIN', '0000500123/0080099001'],
    ]);
    expect(result.skippedItems).toEqual([{ line: '000010', reason: 'batch-split main item: its batches and quantities are on sub-items 900001, 900002' }]);
    expect(result.movements.every((m) => m.kind === 'delivery')).toBe(true);
  });

  it('does the same when the sub-items point to the main item with UECHA', () => {
    const result = readDeliveryIdoc(fixture(SPLIT).replace(/<HIPOS>000010<\/HIPOS>/g, '<UECHA>000010</UECHA>'));
    expect(result.movements.map((m) => [m.source.line, m.quantity])).toEqual([
      ['900001', '20'],
      ['900002', '10'],
      ['000020', '12'],
    ]);
    expect(result.skippedItems.map((s) => s.line)).toEqual(['000010']);
  });

  it('skips the main item also when it shows quantity 0', () => {
    const result = readDeliveryIdoc(replaceOnce(fixture(SPLIT), '<LFIMG>30.000</LFIMG>', '<LFIMG>0.000</LFIMG>'));
    expect(result.movements.map((m) => m.source.line)).toEqual(['900001', '900002', '000020']);
  });

  it('lets a sub-item inherit plant, storage location and unit it leaves empty from its main item', () => {
    let xml = fixture(SPLIT);
    const start = xml.indexOf('<POSNR>900002</POSNR>');
    const end = xml.indexOf('</E1EDL24>', start);
    const subItem = xml.slice(start, end).replace('<WERKS>FR20</WERKS>', '<WERKS></WERKS>').replace('<LGORT>MAIN</LGORT>', '').replace('<VRKME>H87</VRKME>', '');
    xml = xml.slice(0, start) + subItem + xml.slice(end);
    const movement = byLine(readDeliveryIdoc(xml).movements)['900002'];
    expect(movement).toMatchObject({ from: { kind: 'warehouse', code: 'FR20/MAIN' }, unit: 'H87', quantity: '10' });
  });

  it('refuses a sub-item pointing to an item that is not in the delivery', () => {
    const xml = fixture(SPLIT).replace('<HIPOS>000010</HIPOS>', '<HIPOS>000030</HIPOS>');
    expect(rejection(() => readDeliveryIdoc(xml), 'IDOC.INVALID_FIELD').message).toBe('E1EDL24 item 900001: HIPOS "000030" refers to no other E1EDL24 item of this delivery');
  });

  it('treats a HIPOS link between different materials as another hierarchy, counting both items', () => {
    const xml = replaceOnce(fixture(SPLIT), '<VGPOS>000020</VGPOS>', '<VGPOS>000020</VGPOS><HIPOS>900001</HIPOS>');
    const result = readDeliveryIdoc(xml);
    expect(result.movements.map((m) => m.source.line)).toEqual(['900001', '900002', '000020']);
  });
});

describe('customer return', () => {
  it('maps a returns delivery (LFART LR / MESCOD RET) to a customer-return from the ship-to party into the plant', () => {
    const result = readDeliveryIdoc(fixture('return-delvry07-batch.xml'));
    expect(result.direction).toBe('return');
    expect(result.movements).toEqual([
      {
        movementId: 'SAP:Company_IDOC_ID|0084000777|000010|customer-return',
        kind: 'customer-return',
        item: '000000000000471100',
        batchNumber: 'B-0001',
        quantity: '2',
        unit: 'H87',
        from: { kind: 'customer', code: '0000500123' },
        to: { kind: 'warehouse', code: 'FR20/RETC' },
        occurredAt: '2025-04-15T09:10:00.000Z',
        source: { system: 'SAP:Company_IDOC_ID', document: '0084000777', line: '000010' },
        expiryDate: '2027-02-28',
      },
    ]);
  });
});

describe('direction recognition', () => {
  const direction = (xml: string, options = {}) => deliveryDirection(parseDeliveryIdoc(xml), options);
  const split = fixture(SPLIT);

  it.each([
    ['EL', 'inbound'],
    ['WID', 'inbound'],
    ['LF', 'outbound'],
    ['LO', 'outbound'],
    ['WOD', 'outbound'],
    ['LR', 'return'],
    ['WRD', 'return'],
  ])('recognises SAP standard delivery type %s as %s', (lfart, expected) => {
    const xml = replaceOnce(replaceOnce(split, '<LFART>LF</LFART>', `<LFART>${lfart}</LFART>`), '<MESCOD>OBG</MESCOD>', '');
    expect(direction(xml)).toBe(expected);
  });

  it('refuses stock transfer deliveries (NL) instead of guessing a partner', () => {
    const xml = replaceOnce(replaceOnce(split, '<LFART>LF</LFART>', '<LFART>NL</LFART>'), '<MESCOD>OBG</MESCOD>', '');
    expect(rejection(() => direction(xml), 'IDOC.UNKNOWN_DIRECTION').message).toContain('from LFART "NL" and MESCOD ""');
  });

  it('uses MESCOD when the delivery type is unknown, and LFART when MESCOD is unknown', () => {
    expect(direction(replaceOnce(split, '<LFART>LF</LFART>', '<LFART>ZLF</LFART>'))).toBe('outbound');
    expect(direction(replaceOnce(split, '<MESCOD>OBG</MESCOD>', '<MESCOD>Z01</MESCOD>'))).toBe('outbound');
  });

  it('refuses a delivery whose LFART and MESCOD contradict each other', () => {
    const xml = replaceOnce(split, '<MESCOD>OBG</MESCOD>', '<MESCOD>RET</MESCOD>');
    expect(rejection(() => direction(xml), 'IDOC.UNKNOWN_DIRECTION').message).toBe('E1EDL21: delivery type LFART LF means outbound but message code MESCOD RET means return');
  });

  it('refuses a delivery it cannot classify, and accepts it once the delivery type is configured', () => {
    const xml = replaceOnce(replaceOnce(split, '<LFART>LF</LFART>', '<LFART>ZNL</LFART>'), '<MESCOD>OBG</MESCOD>', '');
    expect(rejection(() => direction(xml), 'IDOC.UNKNOWN_DIRECTION').message).toBe(
      'E1EDL21: cannot tell inbound, outbound or return delivery from LFART "ZNL" and MESCOD "" ' +
        '(known: LFART EL/WID/LF/LO/WOD/LR/WRD, MESCOD IBG/OBG/RET; map customer delivery types with the deliveryTypes option)',
    );
    expect(direction(xml, { deliveryTypes: { ZNL: 'outbound' } })).toBe('outbound');
    expect(readDeliveryIdoc(xml, { deliveryTypes: { ZNL: 'outbound' } }).movements).toHaveLength(3);
  });
});

describe('partners', () => {
  it('takes the vendor from the sender when the sender is a vendor (SNDPRT LI) and no LF partner is given', () => {
    let xml = fixture('inbound-delvry05-batches.xml');
    xml = xml.slice(0, xml.indexOf('<E1ADRM1')) + xml.slice(xml.indexOf('</E1ADRM1>') + '</E1ADRM1>'.length);
    xml = replaceOnce(replaceOnce(xml, '<SNDPRT>LS</SNDPRT>', '<SNDPRT>LI</SNDPRT>'), '<SNDPRN>EC1CLNT100</SNDPRN>', '<SNDPRN>0000200777</SNDPRN>');
    expect(readDeliveryIdoc(xml).movements[0]!.from).toEqual({ kind: 'supplier', code: '0000200777' });
  });

  it('refuses a receipt without vendor rather than booking it from the SAP system itself', () => {
    let xml = fixture('inbound-delvry05-batches.xml');
    xml = xml.slice(0, xml.indexOf('<E1ADRM1')) + xml.slice(xml.indexOf('</E1ADRM1>') + '</E1ADRM1>'.length);
    expect(rejection(() => readDeliveryIdoc(xml), 'IDOC.MISSING_FIELD').message).toBe(
      'E1ADRM1: PARTNER_ID is missing (no vendor: no E1ADRM1 with PARTNER_Q LF, and the sender is not a vendor (EDI_DC40 SNDPRT LI))',
    );
  });

  it('refuses a delivery without ship-to party', () => {
    const xml = replaceOnce(fixture('outbound-delvry03-batches.xml'), '<PARTNER_Q>WE</PARTNER_Q>', '<PARTNER_Q>ZZ</PARTNER_Q>');
    expect(rejection(() => readDeliveryIdoc(xml), 'IDOC.MISSING_FIELD').message).toBe('E1ADRM1: PARTNER_ID is missing (no ship-to party: no E1ADRM1 with PARTNER_Q WE)');
  });

  it('does not need partners, sender or time when no item has a batch', () => {
    const xml = replaceOnce(replaceOnce(fixture('outbound-delvry03-batches.xml'), '<CHARG>0007</CHARG>', ''), '<PARTNER_Q>WE</PARTNER_Q>', '<PARTNER_Q>ZZ</PARTNER_Q>');
    expect(readDeliveryIdoc(xml).movements).toEqual([]);
  });
});

describe('occurredAt from EDI_DC40 CREDAT + CRETIM', () => {
  const xml = fixture('outbound-delvry03-batches.xml'); // CREDAT 20240630, CRETIM 221500

  it('reads them as UTC by default', () => {
    expect(readDeliveryIdoc(xml).movements[0]!.occurredAt).toBe('2024-06-30T22:15:00.000Z');
  });

  it('reads them in the sender time zone when one is given (summer and winter time)', () => {
    expect(readDeliveryIdoc(xml, { senderTimeZone: 'Europe/Vienna' }).movements[0]!.occurredAt).toBe('2024-06-30T20:15:00.000Z');
    expect(readDeliveryIdoc(fixture('inbound-delvry05-batches.xml'), { senderTimeZone: 'Europe/Vienna' }).movements[0]!.occurredAt).toBe('2024-11-05T22:59:59.000Z');
    expect(readDeliveryIdoc(xml, { senderTimeZone: 'America/New_York' }).movements[0]!.occurredAt).toBe('2024-07-01T02:15:00.000Z');
  });

  it('refuses an unknown time zone name', () => {
    expect(() => readDeliveryIdoc(xml, { senderTimeZone: 'Mars/Olympus' })).toThrow('senderTimeZone "Mars/Olympus" is not an IANA time zone');
  });

  it('refuses an invalid creation date or time, naming the field', () => {
    expect(rejection(() => readDeliveryIdoc(replaceOnce(xml, '<CREDAT>20240630</CREDAT>', '<CREDAT>20240631</CREDAT>')), 'IDOC.INVALID_FIELD').message).toBe(
      'EDI_DC40: CREDAT "20240631" is not a date (YYYYMMDD)',
    );
    expect(rejection(() => readDeliveryIdoc(replaceOnce(xml, '<CRETIM>221500</CRETIM>', '<CRETIM>25:00</CRETIM>')), 'IDOC.INVALID_FIELD').message).toBe(
      'EDI_DC40: CRETIM "25:00" is not a time (HHMMSS)',
    );
    expect(rejection(() => readDeliveryIdoc(replaceOnce(xml, '<CREDAT>20240630</CREDAT>', '')), 'IDOC.MISSING_FIELD').message).toBe('EDI_DC40: CREDAT is missing');
  });
});

describe('bad items reject the whole IDoc, naming segment, item and field', () => {
  const inbound = fixture(INBOUND);
  const item20 = (search: string, replacement: string) => {
    const start = inbound.indexOf('<POSNR>000020</POSNR>');
    const end = inbound.indexOf('</E1EDL24>', start);
    return inbound.slice(0, start) + replaceOnce(inbound.slice(start, end), search, replacement) + inbound.slice(end);
  };

  it('an item with CHARG but no LFIMG', () => {
    const error = rejection(() => readDeliveryIdoc(item20('<LFIMG>5.000</LFIMG>', '')), 'IDOC.MISSING_FIELD');
    expect(error.message).toBe('E1EDL24 item 000020: LFIMG is missing (batch "lot-a7" needs its delivered quantity)');
    expect(error.location).toEqual({ segment: 'E1EDL24', item: '000020', field: 'LFIMG' });
  });

  it('a quantity that is not a decimal', () => {
    const error = rejection(() => readDeliveryIdoc(item20('<LFIMG>5.000</LFIMG>', '<LFIMG>5,0</LFIMG>')), 'IDOC.INVALID_FIELD');
    expect(error.message).toBe('E1EDL24 item 000020: LFIMG "5,0" is not a decimal');
    for (const bad of ['1e3', 'five', '5.0.0', '-', '+5', '.5', '1 000', ' ']) {
      expect(rejection(() => readDeliveryIdoc(item20('<LFIMG>5.000</LFIMG>', `<LFIMG>${bad}</LFIMG>`)), 'IDOC.INVALID_FIELD').message).toBe(
        `E1EDL24 item 000020: LFIMG ${JSON.stringify(bad)} is not a decimal`,
      );
    }
  });

  it('accepts SAP number formatting: right-aligned blanks and a trailing minus sign (refused as negative)', () => {
    expect(byLine(readDeliveryIdoc(item20('<LFIMG>5.000</LFIMG>', '<LFIMG>         5.000</LFIMG>')).movements)['000020']!.quantity).toBe('5');
    expect(rejection(() => readDeliveryIdoc(item20('<LFIMG>5.000</LFIMG>', '<LFIMG>5.000-</LFIMG>')), 'IDOC.INVALID_FIELD').message).toBe(
      'E1EDL24 item 000020: LFIMG "5.000-" is negative',
    );
  });

  it('a quantity with more than 6 decimals', () => {
    expect(rejection(() => readDeliveryIdoc(item20('<LFIMG>5.000</LFIMG>', '<LFIMG>0.0000001</LFIMG>')), 'IDOC.INVALID_FIELD').message).toBe(
      'E1EDL24 item 000020: LFIMG "0.0000001" has more decimals than a quantity may carry (6)',
    );
  });

  it('skips a batch item with quantity 0 (nothing moves)', () => {
    const result = readDeliveryIdoc(item20('<LFIMG>5.000</LFIMG>', '<LFIMG>0.000</LFIMG>'));
    expect(result.skippedItems).toContainEqual({ line: '000020', reason: 'LFIMG is 0: nothing of batch "lot-a7" moves' });
    expect(result.movements.map((m) => m.source.line)).not.toContain('000020');
  });

  it('a bad date', () => {
    expect(rejection(() => readDeliveryIdoc(item20('<VFDAT>00000000</VFDAT>', '<VFDAT>20250230</VFDAT>')), 'IDOC.INVALID_FIELD').message).toBe(
      'E1EDL24 item 000020: VFDAT "20250230" is not a date (YYYYMMDD)',
    );
    expect(rejection(() => readDeliveryIdoc(item20('<VFDAT>00000000</VFDAT>', '<VFDAT>2025-02-28</VFDAT>')), 'IDOC.INVALID_FIELD').message).toBe(
      'E1EDL24 item 000020: VFDAT "2025-02-28" is not a date (YYYYMMDD)',
    );
    expect(rejection(() => readDeliveryIdoc(item20('<VFDAT>00000000</VFDAT>', '<HSDAT>2025</HSDAT>')), 'IDOC.INVALID_FIELD').message).toBe(
      'E1EDL24 item 000020: HSDAT "2025" is not a date (YYYYMMDD)',
    );
  });

  it('a batch number no system could mean: blank or with a control character', () => {
    expect(rejection(() => readDeliveryIdoc(item20('<CHARG>lot-a7</CHARG>', '<CHARG>   </CHARG>')), 'IDOC.INVALID_FIELD').message).toBe(
      'E1EDL24 item 000020: CHARG "   " is not a batch number (blank)',
    );
    expect(rejection(() => readDeliveryIdoc(item20('<CHARG>lot-a7</CHARG>', '<CHARG>lot&#9;a7</CHARG>')), 'IDOC.INVALID_FIELD').message).toBe(
      'E1EDL24 item 000020: CHARG "lot\\ta7" is not a batch number (control character)',
    );
  });

  it('missing unit, material or plant on a batch item', () => {
    expect(rejection(() => readDeliveryIdoc(item20('<VRKME>H87</VRKME>', '')), 'IDOC.MISSING_FIELD').message).toBe('E1EDL24 item 000020: VRKME is missing');
    expect(rejection(() => readDeliveryIdoc(item20('<MATNR>000000000000471200</MATNR>', '')), 'IDOC.MISSING_FIELD').message).toBe('E1EDL24 item 000020: MATNR is missing');
    expect(rejection(() => readDeliveryIdoc(item20('<WERKS>DE01</WERKS>', '')), 'IDOC.MISSING_FIELD').message).toBe(
      'E1EDL24 item 000020: WERKS is missing (the plant is the warehouse the batch moves in or out of)',
    );
  });

  it('a material that differs between MATNR and E1EDL26 MATNR_LONG', () => {
    const xml = replaceOnce(inbound, '<MATNR_LONG>000000000000471100</MATNR_LONG>', '<MATNR_LONG>471100-LONG</MATNR_LONG>');
    expect(rejection(() => readDeliveryIdoc(xml), 'IDOC.INVALID_FIELD').message).toBe('E1EDL26 item 000010: MATNR_LONG "471100-LONG" differs from E1EDL24 MATNR "000000000000471100"');
  });

  it('two items saying different things about the same lot', () => {
    let xml = item20('<MATNR>000000000000471200</MATNR>', '<MATNR>000000000000471100</MATNR>');
    xml = replaceOnce(xml, '<CHARG>lot-a7</CHARG>', '<CHARG>0000012345</CHARG>');
    xml = replaceOnce(xml, '<VFDAT>00000000</VFDAT>', '<VFDAT>20280131</VFDAT>');
    expect(rejection(() => readDeliveryIdoc(xml), 'IDOC.INVALID_FIELD').message).toBe(
      'E1EDL24 item 000020: VFDAT "2028-01-31" contradicts item 000010 ("2027-01-31") for batch "0000012345" of 000000000000471100',
    );
  });

  it('the same POSNR twice', () => {
    const xml = item20('<POSNR>000020</POSNR>', '<POSNR>000010</POSNR>');
    expect(rejection(() => readDeliveryIdoc(xml), 'IDOC.INVALID_STRUCTURE').message).toBe('E1EDL24 item 000010: POSNR occurs more than once');
  });
});

describe('outbound deliveries are two-legged (goods issue, then proof of delivery)', () => {
  it('by default only the goods issue: warehouse -> in-transit "<shipTo>/<VBELN>"', () => {
    const { movements } = readDeliveryIdoc(fixture('outbound-delvry03-batches.xml'));
    expect(movements.map((m) => [m.movementId, m.from.kind, m.to.kind, m.to.code])).toEqual([
      ['SAP:EC1CLNT100|0080031337|000010|delivery', 'warehouse', 'in-transit', '0000300412/0080031337'],
    ]);
  });

  it('with goodsIssueDestination customer (no carrier step): a second leg in-transit -> customer with its own movement id', () => {
    const { movements } = readDeliveryIdoc(fixture('outbound-delvry03-batches.xml'), { goodsIssueDestination: 'customer' });
    expect(movements.map((m) => [m.movementId, m.kind, `${m.from.kind}:${m.from.code}`, `${m.to.kind}:${m.to.code}`, m.batchNumber, m.quantity])).toEqual([
      ['SAP:EC1CLNT100|0080031337|000010|delivery', 'delivery', 'warehouse:AT01/0001', 'in-transit:0000300412/0080031337', '0007', '2.5'],
      ['SAP:EC1CLNT100|0080031337|000010/delivered|delivery', 'delivery', 'in-transit:0000300412/0080031337', 'customer:0000300412', '0007', '2.5'],
    ]);
  });

  it('the returns side is unchanged: a customer return comes from the customer', () => {
    const { movements } = readDeliveryIdoc(fixture('return-delvry07-batch.xml'), { goodsIssueDestination: 'customer' });
    expect(movements.every((m) => m.from.kind === 'customer' && m.to.kind === 'warehouse')).toBe(true);
  });
});

describe('handling units (E1EDL37 EXIDV / E1EDL44 POSNR) give the movement its SSCC', () => {
  const withUnits = (units: string) => replaceOnce(fixture('outbound-delvry03-batches.xml'), '</E1EDL20>', `${units}</E1EDL20>`);
  const unit = (exidv: string, posnr: string) => `<E1EDL37><EXIDV>${exidv}</EXIDV><E1EDL44><VELIN>1</VELIN><VBELN>0080031337</VBELN><POSNR>${posnr}</POSNR><VEMNG>2.500</VEMNG></E1EDL44></E1EDL37>`;

  it('an item in one handling unit whose EXIDV is an 18-digit SSCC with a valid check digit (also with the AI 00 in front)', () => {
    expect(readDeliveryIdoc(withUnits(unit('376123450000000016', '000010'))).movements[0]!.sscc).toBe('376123450000000016');
    expect(readDeliveryIdoc(withUnits(unit('00376123450000000016', '000010'))).movements[0]!.sscc).toBe('376123450000000016');
  });

  it('no SSCC for an internal handling-unit number, a wrong check digit, or an item spread over two units', () => {
    expect(readDeliveryIdoc(withUnits(unit('1000000042', '000010'))).movements[0]!.sscc).toBeUndefined();
    expect(readDeliveryIdoc(withUnits(unit('376123450000000017', '000010'))).movements[0]!.sscc).toBeUndefined();
    const two = unit('376123450000000016', '000010') + unit('376123450000000023', '000010');
    expect(readDeliveryIdoc(withUnits(two)).movements[0]!.sscc).toBeUndefined();
  });
});
