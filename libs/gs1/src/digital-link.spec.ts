import { parseDigitalLink } from './digital-link';
import { ScanRejected, type ScanRejectedCode } from './errors';

const today = '2026-03-15';
const parse = (uri: string, options: Parameters<typeof parseDigitalLink>[1] = {}) => parseDigitalLink(uri, { today, ...options });

function expectRejected(uri: string, code: ScanRejectedCode, message?: string | RegExp, options = {}): void {
  let caught: unknown;
  try {
    parse(uri, options);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ScanRejected);
  expect((caught as ScanRejected).code).toBe(code);
  if (message !== undefined) expect((caught as ScanRejected).message).toMatch(message);
}

describe('parseDigitalLink', () => {
  it('reads primary key, qualifiers in path order and attributes from the query', () => {
    const scan = parse('https://id.gs1.org/01/09506000134352/22/2A/10/ABC123/21/12345?17=261231&3103=000500&linkType=gs1:pip');
    expect(scan).toMatchObject({
      source: 'digital-link',
      gtin: '09506000134352',
      consumerProductVariant: '2A',
      batchNumber: 'ABC123',
      serial: '12345',
      expiryDate: { date: '2026-12-31', raw: '261231', dayOmitted: false },
      netWeight: { ai: '3103', value: '0.500', unit: 'kg' },
    });
    expect(scan.digitalLink).toEqual({
      stem: 'https://id.gs1.org',
      primaryKey: { ai: '01', value: '09506000134352' },
      qualifiers: [
        { ai: '22', value: '2A' },
        { ai: '10', value: 'ABC123' },
        { ai: '21', value: '12345' },
      ],
      attributes: [
        { ai: '17', value: '261231' },
        { ai: '3103', value: '000500' },
      ],
      otherParameters: [{ key: 'linkType', value: 'gs1:pip' }],
      linkType: 'gs1:pip',
    });
  });

  it('percent-decodes: a batch "AB/12" written "AB%2F12" comes back exactly', () => {
    expect(parse('https://id.gs1.org/01/09506000134352/10/AB%2F12').batchNumber).toBe('AB/12');
    expect(parse('https://id.gs1.org/01/09506000134352/10/%21%22%25%26%27%28%29%2A%2B%2C-.%2F%3A%3B%3C%3D%3E%3F_').batchNumber).toBe(
      `!"%&'()*+,-./:;<=>?_`,
    );
    expect(parse('https://id.gs1.org/01/09506000134352/10/a+b').batchNumber).toBe('a+b'); // "+" is literal in the path
    expect(parse('https://id.gs1.org/01/09506000134352/10/000123').batchNumber).toBe('000123');
  });

  it('in the query "+" is a space (as in the GS1 Syntax Engine), so "+" must be %2B', () => {
    expect(parse('https://id.gs1.org/01/09506000134352?240=A%2BB').elements[1]).toEqual({ ai: '240', value: 'A+B' });
    expectRejected('https://id.gs1.org/01/09506000134352?240=A+B', 'GS1.BAD_CHARACTER', /" " at position 2/);
  });

  it('refuses bad percent-encoding', () => {
    expectRejected('https://id.gs1.org/01/09506000134352/10/AB%2', 'GS1.BAD_DIGITAL_LINK', /not followed by two hex digits/);
    expectRejected('https://id.gs1.org/01/09506000134352/10/AB%00', 'GS1.BAD_DIGITAL_LINK', /%00/);
    expectRejected('https://id.gs1.org/01/09506000134352/10/AB%FF', 'GS1.BAD_DIGITAL_LINK', /not UTF-8/);
    expectRejected('https://id.gs1.org/01/09506000134352/10/Caf%C3%A9', 'GS1.BAD_CHARACTER', /CSET 82/);
  });

  it('key qualifiers of a GTIN: 22, 10, 21 in that order (any may be left out), or 235 alone', () => {
    expect(parse('https://a.example/01/09506000134352/22/V/21/S').serial).toBe('S');
    expect(parse('https://a.example/01/09506000134352/235/TPX1').elements[1]).toEqual({ ai: '235', value: 'TPX1' });
    expectRejected('https://a.example/01/09506000134352/10/B/22/V', 'GS1.BAD_DIGITAL_LINK', 'allowed, in this order: 22, 10, 21 or 235');
    expectRejected('https://a.example/01/09506000134352/21/S/10/B', 'GS1.BAD_DIGITAL_LINK');
    expectRejected('https://a.example/01/09506000134352/22/V/235/TPX1', 'GS1.BAD_DIGITAL_LINK');
    expectRejected('https://a.example/00/006141411234567890/10/B', 'GS1.BAD_DIGITAL_LINK', 'it takes no key qualifiers');
  });

  it('attributes: only AIs permitted as data attributes, not ones that belong in the path, no duplicates', () => {
    expectRejected('https://a.example/01/09506000134352?21=S', 'GS1.BAD_DIGITAL_LINK', 'AI (21) is not permitted as a Digital Link data attribute');
    expectRejected('https://a.example/01/09506000134352?10=B', 'GS1.BAD_DIGITAL_LINK', 'it belongs in the path');
    expectRejected('https://a.example/01/09506000134352?9999=1', 'GS1.UNKNOWN_AI', 'unknown AI (9999) in the query string');
    expectRejected('https://a.example/01/09506000134352?17=261231&17=261130', 'GS1.DUPLICATE_AI');
    expectRejected('https://a.example/01/09506000134352?17=', 'GS1.BAD_DIGITAL_LINK', 'empty value');
    expect(parse('https://a.example/01/09506000134352?17=240200').expiryDate).toEqual({ date: '2024-02-29', raw: '240200', dayOmitted: true });
    expectRejected('https://a.example/01/09506000134352?17=241301', 'GS1.BAD_DATE');
    expectRejected('https://a.example/01/09506000134352?4321=2', 'GS1.BAD_VALUE');
  });

  it('finds the primary key behind a path prefix, even one that looks like an AI', () => {
    const scan = parse('https://a.example/00/faux/00/006141411234567890');
    expect(scan.sscc).toBe('006141411234567890');
    expect(scan.digitalLink?.stem).toBe('https://a.example/00/faux');
  });

  it('other key types: SSCC, GLN, GRAI, GIAI', () => {
    expect(parse('https://a.example/00/006141411234567890').sscc).toBe('006141411234567890');
    expect(parse('https://a.example/414/9501101020917').locationGln).toBe('9501101020917');
    expect(parse('https://a.example/8004/0801234ASSET%2F1').giai).toBe('0801234ASSET/1');
  });

  it('zero-suppressed GTINs (8, 12, 13 digits) are padded to 14 unless refused', () => {
    expect(parse('https://a.example/01/9506000134352').gtin).toBe('09506000134352');
    expectRejected('https://a.example/01/9506000134352', 'GS1.BAD_LENGTH', /13 characters, must be 14/, { permitZeroSuppressedGtin: false });
  });

  it('scheme, domain, characters and fragment', () => {
    expect(parse('HTTPS://A.EXAMPLE/01/09506000134352').gtin).toBe('09506000134352');
    expect(parse('http://a.example:8080/01/09506000134352#top').digitalLink?.fragment).toBe('top');
    expect(parse(']Q1https://a.example/01/09506000134352\r\n').gtin).toBe('09506000134352');
    expectRejected('ftp://a.example/01/09506000134352', 'GS1.BAD_DIGITAL_LINK', /http/);
    expectRejected('https:///01/09506000134352', 'GS1.BAD_DIGITAL_LINK', /no domain/);
    expectRejected('https://a b/01/09506000134352', 'GS1.BAD_DIGITAL_LINK', /not allowed in a URI/);
    expectRejected('https://a.example/01/09506000134352/10/', 'GS1.BAD_DIGITAL_LINK', 'AI (10) at the end of the path has no value');
    expectRejected('https://a.example/01//10/B', 'GS1.BAD_DIGITAL_LINK', /empty value/);
  });

  it('refuses compressed Digital Link URIs', () => {
    expectRejected('https://id.gs1.org/AQnYUc1gkjaX', 'GS1.COMPRESSED_DIGITAL_LINK', /^compressed Digital Link not supported/);
  });
});
