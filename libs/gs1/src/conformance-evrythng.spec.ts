/**
 * Conformance against the Digital Link URIs of evrythng digital-link.js tests/index.js
 * (test/samples/gs1-barcode/evrythng-digital-link-tests-index.js, Apache-2.0, see test/samples/SOURCES.md).
 *
 * Every quoted 'http(s)://...' (and 'badurl') literal of that file is extracted programmatically; the table below
 * says, for each, what that file asserts (with its line numbers) and what we expect. The first test fails if the
 * file has a URL the table does not cover, or the table cites a line where the URL is not.
 *
 * Where we knowingly differ from digital-link.js (each marked "divergence"):
 *  - compressed URIs: digital-link.js decompresses them; we refuse them (GS1.COMPRESSED_DIGITAL_LINK);
 *  - /21/.../10/... made valid by digital-link.js's setSortKeyQualifiers(true) (lines 692-702): parsing a scan
 *    must not reorder, so we refuse the URI as written;
 *  - GIAI (8004) lines 782-787: digital-link.js calls them invalid ("hasn't any check digit"), but the GS1 syntax
 *    dictionary gives GIAI no check digit (X..30), so both are valid GIAIs for us;
 *  - 4324=1234567891 (lines 949-958): digital-link.js only checks that its grammar names the parameter; the value
 *    has month 34, so we refuse it (GS1.BAD_DATE).
 */
import { parseDigitalLink } from './digital-link';
import { ScanRejected, type ScanRejectedCode } from './errors';
import type { Gs1Scan } from './scan-result';
import { quotedUrls, readSample } from './test-support/samples';

const FILE = 'evrythng-digital-link-tests-index.js';
const today = '2026-03-15';

type Expectation = { valid: Partial<Gs1Scan> } | { rejected: ScanRejectedCode };

interface Case {
  readonly url: string;
  /** Lines of the sample file where the URL is written. */
  readonly lines: readonly number[];
  /** What digital-link.js asserts there. */
  readonly evrythng: string;
  readonly expect: Expectation;
}

const EVT_DATA_URL =
  'https://gs1.evrythng.com/01/09780345418913/10/38737643/21/58943?15=230911&thngId=U5mQKGDpnymBwQwRakyBqeYh&linkType=test';

const CASES: readonly Case[] = [
  {
    url: 'https://gs1.evrythng.com',
    lines: [7, 273, 281, 296, 304, 319, 327, 468, 510, 539, 558, 624, 655],
    evrythng: 'DATA.domain; DigitalLink(DATA.domain) throws "missing identifier" (lines 372-374)',
    expect: { rejected: 'GS1.BAD_DIGITAL_LINK' },
  },
  {
    url: EVT_DATA_URL,
    lines: [31, 237],
    evrythng: 'DATA.url, valid (lines 242-249, 587-590)',
    expect: {
      valid: {
        gtin: '09780345418913',
        batchNumber: '38737643',
        serial: '58943',
        bestBeforeDate: { date: '2023-09-11', raw: '230911', dayOmitted: false },
      },
    },
  },
  { url: 'https://gs1.evrythng.com/HxHKVAdpQhCTxbrOF_yEFcx_4a2GeAh1mFOZkChg6Z8pgcEMEWpMganmIfESxTyJ5UvMJa9Za', lines: [35], evrythng: 'compressed DATA.url (divergence)', expect: { rejected: 'GS1.COMPRESSED_DIGITAL_LINK' } },
  { url: 'https://gs1.evrythng.com/01/09780345418913', lines: [164, 635, 642, 666, 945], evrythng: 'identifier 01 = 09780345418913', expect: { valid: { gtin: '09780345418913' } } },
  { url: 'https://gs1.evrythng.com/01/9780345418913/10/38737643', lines: [173], evrythng: 'GTIN-13 padded; key qualifier 10', expect: { valid: { gtin: '09780345418913', batchNumber: '38737643' } } },
  { url: 'https://gs1.evrythng.com/01/9780345418913/10/38737643?linkType=barcode', lines: [181], evrythng: 'linkType barcode', expect: { valid: { gtin: '09780345418913', batchNumber: '38737643' } } },
  { url: 'https://gs1.evrythng.com/01/9780345418913/10/38737643/21/58943', lines: [190], evrythng: 'two key qualifiers', expect: { valid: { batchNumber: '38737643', serial: '58943' } } },
  { url: 'https://gs1.evrythng.com/01/9780345418913/10/38737643?15=230911', lines: [199], evrythng: 'attribute 15', expect: { valid: { batchNumber: '38737643', bestBeforeDate: { date: '2023-09-11', raw: '230911', dayOmitted: false } } } },
  { url: 'https://gs1.evrythng.com/01/9780345418913/10/38737643/21/58943?15=230911&thngId=U5mQKGDpnymBwQwRakyBqeYh', lines: [209], evrythng: 'attribute 15 and thngId', expect: { valid: { batchNumber: '38737643', serial: '58943' } } },
  { url: 'https://gs1.evrythng.com/01/9780345418913/10/38737643/21/58943?15=230911&thngId=U5mQKGDpnymBwQwRakyBqeYh&linkType=product', lines: [222], evrythng: 'linkType product', expect: { valid: { batchNumber: '38737643', serial: '58943' } } },
  { url: 'https://gs1.evrythng.com/01/123', lines: [258], evrythng: 'partial URI, isValid false', expect: { rejected: 'GS1.BAD_LENGTH' } },
  { url: 'https://gs1.evrythng.com/01/40170725', lines: [266, 574], evrythng: 'GTIN-8 padded to 00000040170725, valid', expect: { valid: { gtin: '00000040170725' } } },
  { url: 'https://gs1.evrythng.com/01/012345678905', lines: [289], evrythng: 'GTIN-12 padded to 00012345678905, valid', expect: { valid: { gtin: '00012345678905' } } },
  { url: 'https://gs1.evrythng.com/01/0123456789050', lines: [312], evrythng: 'GTIN-13 padded to 00123456789050, valid', expect: { valid: { gtin: '00123456789050' } } },
  { url: 'https://gs1.evrythng.com/01/12345678', lines: [335], evrythng: 'invalid GTIN-8, isValid false', expect: { rejected: 'GS1.BAD_CHECK_DIGIT' } },
  { url: 'https://gs1.evrythng.com/01/123456789000', lines: [341], evrythng: 'invalid GTIN-12, isValid false', expect: { rejected: 'GS1.BAD_CHECK_DIGIT' } },
  { url: 'https://gs1.evrythng.com/01/1234567890123', lines: [347], evrythng: 'invalid GTIN-13, isValid false', expect: { rejected: 'GS1.BAD_CHECK_DIGIT' } },
  { url: 'badurl', lines: [356], evrythng: 'throws for a missing protocol', expect: { rejected: 'GS1.BAD_DIGITAL_LINK' } },
  { url: 'https://gs1.evrythng.com/01/00000040170725?linkType=test', lines: [576], evrythng: 'toWebUriString output', expect: { valid: { gtin: '00000040170725' } } },
  { url: 'https://example.com/some/other/path/info/01/01234567890128/21/12345', lines: [601], evrythng: 'custom path, valid', expect: { valid: { gtin: '01234567890128', serial: '12345' } } },
  { url: 'https://example.com/my/custom/path/01/0123456789d/21/12345/10/4512', lines: [606], evrythng: 'wrong identifier, invalid', expect: { rejected: 'GS1.BAD_DIGITAL_LINK' } },
  { url: 'https://dlnkd.tn.gg/ARHKVAdpQg', lines: [611], evrythng: 'valid compressed URI (divergence)', expect: { rejected: 'GS1.COMPRESSED_DIGITAL_LINK' } },
  { url: 'https://gs1.evrythng.com/01/09780345418913d', lines: [672], evrythng: 'invalid trace ("d" left over)', expect: { rejected: 'GS1.BAD_LENGTH' } },
  { url: 'https://example.com/01/00000001234565/', lines: [678], evrythng: 'GTIN only (trailing slash), valid', expect: { valid: { gtin: '00000001234565' } } },
  { url: 'https://example.com/01/00000001234565/10/12345/21/4512', lines: [683], evrythng: 'two key qualifiers, valid', expect: { valid: { batchNumber: '12345', serial: '4512' } } },
  {
    url: 'https://example.com/01/00000001234565/21/12345/10/4512',
    lines: [688, 693, 699],
    evrythng: 'qualifiers out of order: invalid (688); valid only after setSortKeyQualifiers(true) (693, 699: divergence)',
    expect: { rejected: 'GS1.BAD_DIGITAL_LINK' },
  },
  { url: 'https://example.com/custom/path/', lines: [706], evrythng: 'no identifier, throws', expect: { rejected: 'GS1.BAD_DIGITAL_LINK' } },
  { url: 'https://example.com/00/123456789123456789/10/4512', lines: [711], evrythng: 'key qualifier not matching the identifier, invalid', expect: { rejected: 'GS1.BAD_DIGITAL_LINK' } },
  { url: 'https://example.com/01/12345678/10/4512?4321=2', lines: [716], evrythng: 'invalid (4321 is a boolean)', expect: { rejected: 'GS1.BAD_CHECK_DIGIT' } },
  { url: 'https://example.com/01/00000012345670/10/4512?240=ABCD', lines: [721], evrythng: 'valid (240 is xchar)', expect: { valid: { gtin: '00000012345670', batchNumber: '4512' } } },
  { url: 'https://example.com/01/00012345678905', lines: [726, 790], evrythng: 'valid check digit', expect: { valid: { gtin: '00012345678905' } } },
  { url: 'https://example.com/01/00012345678906', lines: [728, 792], evrythng: 'invalid check digit', expect: { rejected: 'GS1.BAD_CHECK_DIGIT' } },
  { url: 'https://example.com/8003/050606547800290002', lines: [733], evrythng: 'valid GRAI', expect: { valid: { grai: '050606547800290002' } } },
  { url: 'https://example.com/8003/050606547800230002', lines: [735], evrythng: 'invalid GRAI check digit', expect: { rejected: 'GS1.BAD_CHECK_DIGIT' } },
  { url: 'https://example.com/414/0123456789128', lines: [740], evrythng: 'valid GLN', expect: { valid: { locationGln: '0123456789128' } } },
  { url: 'https://example.com/414/0123456789123', lines: [742], evrythng: 'invalid GLN check digit', expect: { rejected: 'GS1.BAD_CHECK_DIGIT' } },
  { url: 'https://example.com/00/012345678912345675', lines: [747], evrythng: 'valid SSCC', expect: { valid: { sscc: '012345678912345675' } } },
  { url: 'https://example.com/00/012345678912345673', lines: [749], evrythng: 'invalid SSCC check digit', expect: { rejected: 'GS1.BAD_CHECK_DIGIT' } },
  { url: 'https://example.com/8018/012345678912345675', lines: [754], evrythng: 'valid GSRN', expect: { valid: {} } },
  { url: 'https://example.com/8018/012345678912345673', lines: [756], evrythng: 'invalid GSRN check digit', expect: { rejected: 'GS1.BAD_CHECK_DIGIT' } },
  { url: 'https://example.com/253/012345178912345667', lines: [761], evrythng: 'valid GDTI', expect: { valid: {} } },
  { url: 'https://example.com/253/012341178912345667', lines: [763], evrythng: 'invalid GDTI check digit', expect: { rejected: 'GS1.BAD_CHECK_DIGIT' } },
  { url: 'https://example.com/402/01234367891244565', lines: [768], evrythng: 'valid GSIN', expect: { valid: {} } },
  { url: 'https://example.com/402/01234567891244565', lines: [770], evrythng: 'invalid GSIN check digit', expect: { rejected: 'GS1.BAD_CHECK_DIGIT' } },
  { url: 'https://example.com/255/01234567891284569', lines: [775], evrythng: 'valid GCN', expect: { valid: {} } },
  { url: 'https://example.com/255/01234567891244569', lines: [777], evrythng: 'invalid GCN check digit', expect: { rejected: 'GS1.BAD_CHECK_DIGIT' } },
  { url: 'https://example.com/8004/0801234126', lines: [783], evrythng: 'invalid ("no check digit") (divergence)', expect: { valid: { giai: '0801234126' } } },
  { url: 'https://example.com/8004/0801234127', lines: [785], evrythng: 'invalid ("no check digit") (divergence)', expect: { valid: { giai: '0801234127' } } },
  { url: 'https://example.com/01/00000012345670/10/4512?linkType=ABCD', lines: [797], evrythng: 'valid linkType', expect: { valid: { batchNumber: '4512' } } },
  {
    url: 'https://dlnkd.tn.gg/01/09780345418913/10/231/21/345345?15=120820',
    lines: [807, 815, 839],
    evrythng: 'uncompressed form of a compressed URI',
    expect: { valid: { batchNumber: '231', serial: '345345', bestBeforeDate: { date: '2012-08-20', raw: '120820', dayOmitted: false } } },
  },
  { url: 'https://dlnkd.tn.gg/HxHKVAdpQgZzjr-hCDKigI', lines: [808, 814, 833], evrythng: 'compressed (divergence)', expect: { rejected: 'GS1.COMPRESSED_DIGITAL_LINK' } },
  { url: 'https://example.com/some/other/path/info/01/09780345418913/21/12345', lines: [821, 828], evrythng: 'custom path, uncompressed', expect: { valid: { serial: '12345' } } },
  { url: 'https://example.com/some/other/path/info/DBHKVAdpQgowOQ', lines: [822, 827], evrythng: 'compressed with custom path (divergence)', expect: { rejected: 'GS1.COMPRESSED_DIGITAL_LINK' } },
  { url: 'https://dlnkd.tn.gg/01/9780345418913/21/43786?foo=bar', lines: [845, 852], evrythng: 'uncompressed, other parameter foo', expect: { valid: { gtin: '09780345418913', serial: '43786' } } },
  { url: 'https://dlnkd.tn.gg/DBHKVAdpQgqrCvBv0UMG21W', lines: [846], evrythng: 'compressed (divergence)', expect: { rejected: 'GS1.COMPRESSED_DIGITAL_LINK' } },
  { url: 'https://dlnkd.tn.gg/ARHKVAdpQkIKqwo?foo=bar', lines: [853], evrythng: 'compressed, foo=bar kept (divergence)', expect: { rejected: 'GS1.COMPRESSED_DIGITAL_LINK' } },
  { url: 'https://data.gs1.org/01/47474747474747d', lines: [892, 899], evrythng: 'stats / trace HTML of an invalid URI', expect: { rejected: 'GS1.BAD_LENGTH' } },
  { url: 'https://id.gs1.org/01/47474747474747d', lines: [906], evrythng: 'results HTML of an invalid URI', expect: { rejected: 'GS1.BAD_LENGTH' } },
  { url: 'https://gs1.evrythng.com/01/09780345418913?4324=1234567891', lines: [952], evrythng: 'grammar names notBeforeDelDateParameter (divergence: month 34)', expect: { rejected: 'GS1.BAD_DATE' } },
  { url: 'https://gs1.evrythng.com/01/09780345418913?4321=1', lines: [963], evrythng: 'grammar names dangerousGoodsParameter', expect: { valid: { gtin: '09780345418913' } } },
];

function outcome(url: string): Gs1Scan | ScanRejected {
  try {
    return parseDigitalLink(url, { today });
  } catch (error) {
    if (error instanceof ScanRejected) return error;
    throw error;
  }
}

describe(`evrythng digital-link.js tests (${FILE})`, () => {
  const found = quotedUrls(readSample(FILE));

  it('every quoted URL of the file is in the table, at the lines the table cites', () => {
    const linesByUrl = new Map<string, number[]>();
    for (const { url, line } of found) linesByUrl.set(url, [...(linesByUrl.get(url) ?? []), line]);
    expect([...linesByUrl.keys()].sort()).toEqual(CASES.map((c) => c.url).sort());
    for (const c of CASES) expect(linesByUrl.get(c.url)).toEqual(c.lines);
    expect(found).toHaveLength(90);
  });

  const valid = CASES.filter((c): c is Case & { expect: { valid: Partial<Gs1Scan> } } => 'valid' in c.expect);
  const rejected = CASES.filter((c): c is Case & { expect: { rejected: ScanRejectedCode } } => 'rejected' in c.expect);

  it.each(valid.map((c) => [c.lines.join(', '), c.url, c] as const))('line %s: %s is valid', (_lines, url, c) => {
    const result = outcome(url);
    if (result instanceof ScanRejected) throw new Error(`${url} refused: ${result.code} ${result.message} (evrythng: ${c.evrythng})`);
    expect(result).toMatchObject(c.expect.valid);
    expect(result.source).toBe('digital-link');
  });

  it.each(rejected.map((c) => [c.lines.join(', '), c.url, c.expect.rejected, c] as const))('line %s: %s is refused with %s', (_lines, url, code, c) => {
    const result = outcome(url);
    if (!(result instanceof ScanRejected)) throw new Error(`${url} accepted (evrythng: ${c.evrythng})`);
    expect(result.code).toBe(code);
  });

  it('DATA.url (line 31): stem, qualifiers in path order, attributes and other parameters', () => {
    const scan = parseDigitalLink(EVT_DATA_URL, { today });
    expect(scan.digitalLink).toEqual({
      stem: 'https://gs1.evrythng.com',
      primaryKey: { ai: '01', value: '09780345418913' },
      qualifiers: [
        { ai: '10', value: '38737643' },
        { ai: '21', value: '58943' },
      ],
      attributes: [{ ai: '15', value: '230911' }],
      otherParameters: [
        { key: 'thngId', value: 'U5mQKGDpnymBwQwRakyBqeYh' },
        { key: 'linkType', value: 'test' },
      ],
      linkType: 'test',
    });
  });

  it('custom path (line 601): the stem keeps the path before the primary key', () => {
    expect(parseDigitalLink('https://example.com/some/other/path/info/01/01234567890128/21/12345', { today }).digitalLink?.stem).toBe(
      'https://example.com/some/other/path/info',
    );
  });

  it('qualifier order of the setter tests (lines 452-498): 10, 22, 21 is refused; 22, 10, 21 is valid', () => {
    expect(outcome('https://gs1.evrythng.com/01/00000012345670/10/211/22/122113/21/2121')).toBeInstanceOf(ScanRejected);
    expect(parseDigitalLink('https://gs1.evrythng.com/01/00000012345670/22/122113/10/211/21/2121', { today })).toMatchObject({
      consumerProductVariant: '122113',
      batchNumber: '211',
      serial: '2121',
    });
  });

  it('zero-suppressed GTINs (lines 265-331) are refused when padding is turned off', () => {
    const result = (() => {
      try {
        return parseDigitalLink('https://gs1.evrythng.com/01/40170725', { today, permitZeroSuppressedGtin: false });
      } catch (error) {
        return error;
      }
    })();
    expect(result).toBeInstanceOf(ScanRejected);
    expect((result as ScanRejected).code).toBe('GS1.BAD_LENGTH');
  });
});
