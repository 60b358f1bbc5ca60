import { DEFAULT_GS_SUBSTITUTES, GS, parseElementString } from './element-string';
import { ScanRejected, type ScanRejectedCode } from './errors';
import { toBracketed, toElementString } from './format';
import { parseScan } from './scan';

const today = '2026-03-15';
const parse = (input: string, options: Parameters<typeof parseElementString>[1] = {}) => parseElementString(input, { today, ...options });

function rejection(run: () => unknown): ScanRejected {
  try {
    run();
  } catch (error) {
    if (error instanceof ScanRejected) return error;
    throw error;
  }
  throw new Error('expected ScanRejected, nothing was thrown');
}

function expectRejected(input: string, code: ScanRejectedCode, message?: string | RegExp, options = {}): ScanRejected {
  const error = rejection(() => parse(input, options));
  expect(error.code).toBe(code);
  if (message !== undefined) expect(error.message).toMatch(message);
  return error;
}

describe('parseElementString: bracketed form', () => {
  it('reads the issue example', () => {
    const scan = parse('(01)09506000134352(17)201225(10)ABC123');
    expect(scan).toMatchObject({
      source: 'bracketed',
      gtin: '09506000134352',
      expiryDate: { date: '2020-12-25', raw: '201225', dayOmitted: false },
      batchNumber: 'ABC123',
    });
    expect(scan.elements).toEqual([
      { ai: '01', value: '09506000134352' },
      { ai: '17', value: '201225' },
      { ai: '10', value: 'ABC123' },
    ]);
  });

  it('reads "\\(" as "(" inside a value', () => {
    expect(parse('(01)09506000134352(10)AB\\(1)').batchNumber).toBe('AB(1)');
  });

  it('refuses an unknown AI, bad syntax and an empty value', () => {
    expectRejected('(01)09506000134352(99999)1', 'GS1.BAD_SYNTAX');
    expectRejected('(01)09506000134352(04)1', 'GS1.UNKNOWN_AI', 'unknown AI (04)');
    expectRejected('(10)(17)201225', 'GS1.BAD_LENGTH', 'AI (10) "": 0 characters, must be 1 to 20');
    expectRejected('(01)0950600013435', 'GS1.BAD_LENGTH', 'AI (01) "0950600013435": 13 characters, must be 14');
  });
});

describe('parseElementString: raw element strings (FNC1 / GS)', () => {
  it('needs GS after a variable-length value that more elements follow', () => {
    const scan = parse(`]C10109506000134352` + `10ABC${GS}` + `17201225` + `21XYZ/1`);
    expect(scan).toMatchObject({
      source: 'element-string',
      symbology: { identifier: ']C1', name: 'GS1-128' },
      gtin: '09506000134352',
      batchNumber: 'ABC',
      expiryDate: { date: '2020-12-25' },
      serial: 'XYZ/1',
    });
  });

  it('chains predefined-length AIs without separators', () => {
    const scan = parse('0109506000134352' + '17201225' + '11200101' + '3103000750' + '10LOT-7');
    expect(scan.elements.map((e) => e.ai)).toEqual(['01', '17', '11', '3103', '10']);
    expect(scan.productionDate?.date).toBe('2020-01-01');
    expect(scan.netWeight).toEqual({ ai: '3103', measure: 'NET WEIGHT', unit: 'kg', logistic: false, value: '0.750', decimals: 3, raw: '000750' });
    expect(scan.batchNumber).toBe('LOT-7');
  });

  it('takes a variable-length value up to the end when it is last', () => {
    expect(parse('0109506000134352' + '1012345678901234567890').batchNumber).toBe('12345678901234567890');
  });

  it('tolerates a GS after a predefined-length value, a leading FNC1 (GS), a trailing GS and a scanner CR/LF', () => {
    const scan = parse(`${GS}0109506000134352${GS}10A1${GS}\r\n`);
    expect(scan.elements).toEqual([
      { ai: '01', value: '09506000134352' },
      { ai: '10', value: 'A1' },
    ]);
  });

  it.each([
    [']d2', 'GS1 DataMatrix'],
    [']Q3', 'GS1 QR Code'],
    [']e0', 'GS1 DataBar'],
  ])('reads symbology identifier %s', (identifier, name) => {
    expect(parse(`${identifier}0109506000134352`).symbology).toEqual({ identifier, name });
  });

  it('refuses symbology identifiers that do not announce GS1 data', () => {
    expectRejected(']d10109506000134352', 'GS1.NOT_GS1_DATA', /"\]d1"/);
    expectRejected(']E04006381333931', 'GS1.NOT_GS1_DATA');
  });

  it(`reads the default GS stand-ins ${JSON.stringify(DEFAULT_GS_SUBSTITUTES)}`, () => {
    expect(parse('^0109506000134352' + '10AB^17201225').batchNumber).toBe('AB');
    expect(parse('0109506000134352' + '10AB\u241d17201225').batchNumber).toBe('AB');
  });

  it('reads "<GS>" only when asked, since "<GS>" is legal batch text in CSET 82', () => {
    const text = '0109506000134352' + '10AB<GS>17201225';
    expect(parse(text).batchNumber).toBe('AB<GS>17201225');
    const scan = parse(text, { gsSubstitutes: [...DEFAULT_GS_SUBSTITUTES, '<GS>'] });
    expect(scan.batchNumber).toBe('AB');
    expect(scan.expiryDate?.date).toBe('2020-12-25');
  });

  it('a missing GS after a variable-length value shows as "too long" with a hint', () => {
    expectRejected(
      '0109506000134352' + '10ABC123456789012345' + '17201225',
      'GS1.BAD_LENGTH',
      'AI (10) "ABC12345678901234517201225": 26 characters, must be 1 to 20 (is a GS / FNC1 separator missing after it?)',
    );
  });

  it('refuses a separator inside a predefined-length value', () => {
    expectRejected(`0109506000134${GS}10A`, 'GS1.BAD_LENGTH', 'AI (01) "09506000134": 11 characters before a GS separator, must be 14');
  });

  it('refuses truncated data', () => {
    expectRejected('01095060001343', 'GS1.TRUNCATED', 'AI (01) "095060001343": data ends after 12 of 14 characters');
    expectRejected('0109506000134352' + '1', 'GS1.TRUNCATED', 'data ends inside an AI: "1"');
    expectRejected('0109506000134352' + '17', 'GS1.TRUNCATED');
  });

  it('refuses unknown AIs', () => {
    expectRejected('0109506000134352' + '0412', 'GS1.UNKNOWN_AI', 'no known AI at position 16: "0412"');
    expectRejected('X', 'GS1.UNKNOWN_AI');
  });

  it('refuses empty scans', () => {
    expectRejected('', 'GS1.EMPTY');
    expectRejected(']C1', 'GS1.EMPTY');
    expectRejected(GS, 'GS1.EMPTY');
  });
});

describe('check digits', () => {
  it('names the AI, the value and the digit that it should be', () => {
    const error = expectRejected('(01)09506000134353', 'GS1.BAD_CHECK_DIGIT', 'AI (01) "09506000134353": check digit should be 2, is 3');
    expect(error).toMatchObject({ ai: '01', value: '09506000134353' });
  });

  it.each([
    ['00', '006141411234567891', 0],
    ['02', '09506000134351', 2],
    ['410', '9501101020918', 7],
    ['414', '0123456789123', 8],
  ])('AI (%s) %s', (ai, value, should) => {
    expectRejected(`(${ai})${value}`, 'GS1.BAD_CHECK_DIGIT', `check digit should be ${should}, is ${value.slice(-1)}`);
  });

  it('GRAI (8003): the check digit sits inside the value', () => {
    expect(parse('(8003)050606547800290002').grai).toBe('050606547800290002');
    expectRejected('(8003)050606547800230002', 'GS1.BAD_CHECK_DIGIT', 'check digit should be 9, is 3 (position 14)');
  });
});

describe('dates', () => {
  it('DD = 00 is the last day of the month; the digits are kept', () => {
    const scan = parse('(01)09506000134352(11)231200(17)240200(15)230200');
    expect(scan.productionDate).toEqual({ date: '2023-12-31', raw: '231200', dayOmitted: true });
    expect(scan.expiryDate).toEqual({ date: '2024-02-29', raw: '240200', dayOmitted: true });
    expect(scan.bestBeforeDate).toEqual({ date: '2023-02-28', raw: '230200', dayOmitted: true });
    expect(scan.elements.find((e) => e.ai === '17')?.value).toBe('240200');
  });

  it('resolves the century from `today` (GS1 General Specifications 7.12)', () => {
    expect(parse('(17)760101', { today: '2026-01-01' }).expiryDate?.date).toBe('2076-01-01');
    expect(parse('(17)770101', { today: '2026-01-01' }).expiryDate?.date).toBe('1977-01-01');
    expect(parse('(17)250101', { today: '2075-06-30' }).expiryDate?.date).toBe('2125-01-01');
    expect(parse('(17)260101', { today: new Date(Date.UTC(2075, 5, 30)) }).expiryDate?.date).toBe('2026-01-01');
  });

  it('refuses dates that do not exist', () => {
    expectRejected('(17)231301', 'GS1.BAD_DATE', 'AI (17) "231301": month 13 does not exist');
    expectRejected('(17)230229', 'GS1.BAD_DATE', 'AI (17) "230229": 2023-02-29 does not exist');
    expectRejected('(11)230431', 'GS1.BAD_DATE');
    expectRejected('(7006)230200', 'GS1.BAD_DATE', 'day 00 is not allowed'); // FIRST FREEZE DATE is N6,yymmdd
  });

  it('sell-by, packaging and due dates', () => {
    const scan = parse('(01)09506000134352(13)250101(16)250201');
    expect(scan.packagingDate?.date).toBe('2025-01-01');
    expect(scan.sellByDate?.date).toBe('2025-02-01');
  });
});

describe('batch numbers come back byte for byte', () => {
  it.each([
    ['leading zeros', '000123'],
    ['only zeros', '0000'],
    ['lower case', 'abc-def'],
    ['mixed case', 'LoT7b'],
    ['all CSET 82 punctuation', `!"%&'()*+,-./:;<=>?_`],
    ['20 characters', 'ABCDEFGHIJ0123456789'],
    ['one character', '0'],
    ['looks like AIs', '0109506000134352'],
  ])('%s: %s', (_name, batch) => {
    const raw = `]d20109506000134352` + `10${batch}${GS}` + `17201225`;
    const scan = parse(raw);
    expect(scan.batchNumber).toBe(batch);
    expect(Buffer.from(scan.batchNumber ?? '', 'utf8').equals(Buffer.from(batch, 'utf8'))).toBe(true);
    expect(parse(toBracketed(scan.elements)).batchNumber).toBe(batch);
  });

  it('refuses characters outside CSET 82, naming the position', () => {
    expectRejected('(10)AB C', 'GS1.BAD_CHARACTER', 'AI (10) "AB C": character " " at position 3 is not in GS1 CSET 82');
    expectRejected('(10)AB#1', 'GS1.BAD_CHARACTER');
    expectRejected('(10)Café', 'GS1.BAD_CHARACTER');
    expectRejected('(21)A~', 'GS1.BAD_CHARACTER');
    expectRejected('(01)0950600013435X', 'GS1.BAD_CHARACTER', 'is not a digit');
  });

  it('refuses a batch of 21 characters', () => {
    expectRejected('(10)ABCDEFGHIJ01234567890', 'GS1.BAD_LENGTH', '21 characters, must be 1 to 20');
  });
});

describe('other elements', () => {
  it('logistic unit: SSCC, content GTIN, count, order number, GLNs, postal code', () => {
    const scan = parse(
      '(00)006141411234567890(02)09506000134352(37)12(400)PO-4711(410)9501101020917(411)9501101020917(412)9501101020917(413)9501101020917(414)9501101020917(420)10115',
    );
    expect(scan).toMatchObject({
      sscc: '006141411234567890',
      contentGtin: '09506000134352',
      count: 12,
      orderNumber: 'PO-4711',
      shipToGln: '9501101020917',
      billToGln: '9501101020917',
      purchasedFromGln: '9501101020917',
      shipForGln: '9501101020917',
      locationGln: '9501101020917',
      shipToPostalCode: '10115',
    });
    // round trip through the raw form
    expect(parse(toElementString(scan.elements, ']C1')).elements).toEqual(scan.elements);
  });

  it('variable measures: decimals from the last AI digit, units from the dictionary titles', () => {
    const scan = parse('(01)09506000134352(3100)000123(3202)001500(3151)000250(3313)001234(30)5');
    expect(scan.netWeight).toMatchObject({ ai: '3100', value: '123', unit: 'kg', decimals: 0 });
    expect(scan.netVolume).toMatchObject({ ai: '3151', value: '25.0', unit: 'l', measure: 'NET VOLUME' });
    expect(scan.variableMeasures?.map((m) => [m.ai, m.measure, m.unit, m.value, m.logistic])).toEqual([
      ['3100', 'NET WEIGHT', 'kg', '123', false],
      ['3202', 'NET WEIGHT', 'lb', '15.00', false],
      ['3151', 'NET VOLUME', 'l', '25.0', false],
      ['3313', 'LENGTH', 'm', '1.234', true],
    ]);
    expect(scan.variableCount).toBe(5);
  });

  it('GRAI and GIAI', () => {
    expect(parse('(8004)0801234ASSET-1').giai).toBe('0801234ASSET-1');
  });

  it('the same AI twice: allowed with the same value, refused with another', () => {
    expect(parse('(01)09506000134352(10)A(10)A').batchNumber).toBe('A');
    expectRejected('(01)09506000134352(10)A(10)B', 'GS1.DUPLICATE_AI', 'AI (10) "B": AI (10) already given as "A"');
  });

  it('other dictionary linters: zero, yesno', () => {
    expectRejected('(8003)150606547800290002', 'GS1.BAD_VALUE', 'must be 0');
    expectRejected('(00)006141411234567890(4321)2', 'GS1.BAD_VALUE', 'must be 0 (no) or 1 (yes)');
  });
});

describe('parseScan', () => {
  it('sends URIs to the Digital Link parser and the rest to the element string parser', () => {
    expect(parseScan('https://id.gs1.org/01/09506000134352/10/ABC', { today }).source).toBe('digital-link');
    expect(parseScan(']Q1https://id.gs1.org/01/09506000134352', { today }).gtin).toBe('09506000134352');
    expect(parseScan(']Q30109506000134352', { today }).source).toBe('element-string');
    expect(parseScan('(01)09506000134352', { today }).source).toBe('bracketed');
  });
});
