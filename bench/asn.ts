/**
 * ASN parsing and mapping (in process, one core): readDespatchAdvice (safe XML reading with namespaces, format
 * detection, item mapping, batch/quantity/date/SSCC rules) on the project's GS1 XML 3.4 and UBL 2.1 fixtures and
 * on a 100-line GS1 notice, each beside the baseline measured in the same run: fast-xml-parser's plain parse of
 * the same bytes (no safety checks, no namespaces, no mapping).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { readDespatchAdvice, type ItemMapping } from '@lotbridge/asn';
import { measureRate, ratio } from './measure';

const FIXTURES = join(__dirname, '..', 'libs', 'asn', 'fixtures');
const MAPPING: ItemMapping = { supplierPart: { '4012345000009': { 'SALT-1KG': 'RAW-SALT-1KG' } }, gtin: { '04012345000016': 'RAW-SUGAR-25KG' } };

/** The GS1 fixture with its second logistic unit (two lines) repeated until the notice has `lines` lines. */
function largeGs1Notice(lines: number): Buffer {
  const xml = readFileSync(join(FIXTURES, 'gs1-xml-3.4-despatch-advice.xml'), 'utf8');
  const start = xml.lastIndexOf('<despatchAdviceLogisticUnit>');
  const end = xml.lastIndexOf('</despatchAdviceLogisticUnit>') + '</despatchAdviceLogisticUnit>'.length;
  const unit = xml.slice(start, end);
  const units = Array.from({ length: Math.ceil((lines - 1) / 2) }, (_, n) =>
    unit.replace('<lineItemNumber>2</lineItemNumber>', `<lineItemNumber>${2 * n + 2}</lineItemNumber>`).replace('<lineItemNumber>3</lineItemNumber>', `<lineItemNumber>${2 * n + 3}</lineItemNumber>`),
  );
  return Buffer.from(xml.slice(0, start) + units.join('\n\t\t') + xml.slice(end));
}

export function asnParsing(): Array<Record<string, string | number>> {
  const documents: Array<[string, Buffer]> = [
    ['ASN parse+map GS1 XML 3.4 (3 lines)', readFileSync(join(FIXTURES, 'gs1-xml-3.4-despatch-advice.xml'))],
    ['ASN parse+map UBL 2.1 (2 lines)', readFileSync(join(FIXTURES, 'ubl-2.1-despatch-advice.xml'))],
    ['ASN parse+map GS1 XML 3.4 (101 lines)', largeGs1Notice(101)],
  ];
  const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, trimValues: false });
  return documents.map(([benchmark, bytes]) => {
    if (readDespatchAdvice(bytes, { itemMapping: MAPPING }).lines.length === 0) throw new Error(`${benchmark}: no lines read`);
    const ours = measureRate(() => readDespatchAdvice(bytes, { itemMapping: MAPPING }));
    const baseline = measureRate(() => parser.parse(bytes));
    return {
      benchmark,
      'ours /s': Math.round(ours.perSecond),
      'p50 µs': ours.p50Micros.toFixed(1),
      'p99 µs': ours.p99Micros.toFixed(1),
      baseline: 'fast-xml-parser parse only',
      'baseline /s': Math.round(baseline.perSecond),
      'ours/baseline': ratio(ours.perSecond, baseline.perSecond),
    };
  });
}
