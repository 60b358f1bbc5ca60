/**
 * Conformance against the BWIPP symbology tests in test/samples/gs1-barcode (BWIPP tests/ps_tests, MIT, see
 * test/samples/SOURCES.md). The PostScript test scripts are read programmatically: every string literal that
 * starts with "(AI)" is GS1 data. BWIPP's AI-level errors are named /bwipp.GS1...; the others
 * (bwipp.renderXdimTooSmall, bwipp.gs1128badLinkage ...) are rendering or option errors whose data is valid.
 */
import { GS } from './element-string';
import { ScanRejected } from './errors';
import { toElementString } from './format';
import { parseScan } from './scan';
import { bwippGs1Cases, bwippNulStringErrorCases, postScriptStrings, readSample, type BwippCase } from './test-support/samples';

const today = '2026-03-15';

const FILES = [
  { file: 'bwipp-gs1-128.ps.test', identifier: ']C1', gs1Strings: 14, nulErrors: 1 },
  { file: 'bwipp-gs1datamatrix.ps.test', identifier: ']d2', gs1Strings: 18, nulErrors: 1 },
] as const;

/** The value after "(ai)" in bracketed data (no escaped "(" occurs in these samples). */
function bracketedValue(data: string, ai: string): string | undefined {
  return new RegExp(`\\(${ai}\\)([^(]*)`).exec(data)?.[1];
}

const isElementStringError = (c: BwippCase): boolean => c.expectedError?.startsWith('bwipp.GS1') ?? false;

describe.each(FILES)('BWIPP $file', ({ file, identifier, gs1Strings, nulErrors }) => {
  const text = readSample(file);
  const cases = bwippGs1Cases(text);

  it(`has ${gs1Strings} GS1 data strings`, () => {
    expect(cases).toHaveLength(gs1Strings);
  });

  const valid = cases.filter((c) => !isElementStringError(c));
  const invalid = cases.filter(isElementStringError);

  if (valid.length > 0) {
    it.each(valid.map((c) => [c.line, c.data, c] as const))('line %i: %s parses, bracketed and raw', (_line, data, c) => {
      const bracketed = parseScan(data, { today });
      expect(bracketed.source).toBe('bracketed');
      const raw = toElementString(bracketed.elements, identifier);
      expect(raw.startsWith(identifier)).toBe(true);
      const scanned = parseScan(raw, { today });
      expect(scanned.elements).toEqual(bracketed.elements);
      expect(scanned.symbology?.identifier).toBe(identifier);

      // batch and serial byte for byte as written in the sample
      for (const [ai, field] of [
        ['10', 'batchNumber'],
        ['21', 'serial'],
      ] as const) {
        const expected = bracketedValue(data, ai);
        expect(bracketed[field]).toBe(expected);
        expect(scanned[field]).toBe(expected);
      }
      // the rendering and option errors BWIPP expects are not about the data
      if (c.expectedError) expect(c.expectedError).not.toMatch(/^bwipp\.GS1/);
    });
  }

  if (invalid.length > 0) {
    it.each(invalid.map((c) => [c.line, c.data, c.expectedError] as const))('line %i: %s is refused (%s)', (_line, data) => {
      expect(() => parseScan(data, { today })).toThrow(ScanRejected);
    });
  }

  it(`its ${nulErrors} "N string" error test(s) (NUL characters): refused by us too`, () => {
    const nul = bwippNulStringErrorCases(text);
    expect(nul).toHaveLength(nulErrors);
    for (const c of nul) {
      expect(() => parseScan('\u0000'.repeat(c.length), { today })).toThrow(ScanRejected);
      expect(() => parseScan(identifier + '\u0000'.repeat(c.length), { today })).toThrow(ScanRejected);
    }
  });
});

describe('BWIPP samples, specific values', () => {
  const dm = bwippGs1Cases(readSample('bwipp-gs1datamatrix.ps.test'));
  const at = (line: number) => {
    const found = dm.find((c) => c.line === line);
    if (!found) throw new Error(`no GS1 data string on line ${line}`);
    return parseScan(found.data, { today });
  };

  it('Figure 2.6.14-3 (line 30): batch AB-123, expiry 2015-01-19', () => {
    expect(at(30)).toMatchObject({ gtin: '09501101530003', batchNumber: 'AB-123', expiryDate: { date: '2015-01-19', raw: '150119' } });
  });

  it('Figure 4.15.1-1 (line 43): lower-case letters inside serial and batch, URL in AI 8200', () => {
    const scan = at(43);
    expect(scan).toMatchObject({ serial: '12345678p901', batchNumber: '1234567p', expiryDate: { date: '2014-11-20' } });
    expect(scan.elements.at(-1)).toEqual({ ai: '8200', value: 'http://www.gs1.org/demo/' });
    // raw: the GS follows every variable-length value that another element follows
    expect(toElementString(scan.elements, ']d2')).toBe(`]d201095040000591012112345678p901${GS}101234567p${GS}171411208200http://www.gs1.org/demo/`);
  });

  it('Figure 5.6.2-1 (line 51): best-before date and lower-case serial', () => {
    expect(at(51)).toMatchObject({ bestBeforeDate: { date: '2017-08-10' }, serial: 'abcde' });
  });

  it('line 67: order number and ship-to postal code, both variable length', () => {
    const scan = at(67);
    expect(scan).toMatchObject({ orderNumber: '123', shipToPostalCode: '1' });
    expect(toElementString(scan.elements, ']d2')).toBe(`]d2400123${GS}4201`);
  });

  it('GS1-128 line 38: net weight 0.123 kg', () => {
    const line38 = bwippGs1Cases(readSample('bwipp-gs1-128.ps.test')).find((c) => c.line === 38);
    expect(parseScan(line38?.data ?? '', { today }).netWeight).toMatchObject({ ai: '3103', value: '0.123', unit: 'kg', raw: '000123' });
  });
});

describe('PostScript string reader', () => {
  it('handles nesting, escapes and comments', () => {
    const strings = postScriptStrings('% (not this)\n((01)123) (\\(10\\)A\\\\B\\101) (a\nb)');
    expect(strings.map((s) => [s.value, s.line])).toEqual([
      ['(01)123', 2],
      ['(10)A\\BA', 2],
      ['a\nb', 2],
    ]);
  });
});
