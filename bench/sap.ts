/**
 * SAP IDoc benchmark: documents per second on one core (measureRate runs on the calling thread only) for parsing +
 * mapping each inbound IDoc type the adapter reads (readInboundIdoc: size and encoding checks, DOCTYPE refusal,
 * XML validation, lossless element tree, typed model, movement-type table, movements and lot master data), each
 * beside the baseline of fast-xml-parser's plain `parse` of the same bytes in the same run (no validation, no
 * safety checks, no mapping: options ignoreAttributes, parseTagValue false, trimValues false).
 * Also the outbound side: rendering an ALEAUD01 acknowledgement and a BATMAS03 status update, beside
 * JSON.stringify of the same payload.
 *
 * Runs inside `npm run bench` (bench/run.ts) and alone: `node -r ts-node/register/transpile-only -r tsconfig-paths/register bench/sap.ts`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { aleaudXml, batchStatusXml, readInboundIdoc } from '@lotbridge/sap-idoc';
import { measureRate, ratio } from './measure';

const ROOT = join(__dirname, '..');

const INBOUND = [
  ['DESADV DELVRY07, 8 items (project fixture)', 'libs/sap-idoc/fixtures/inbound-delvry07-batches.xml'],
  ['DESADV DELVRY07, real SAP sample (no batches)', 'test/samples/idoc/sap-b2bif-3pl-04-OutboundDelivery-DESADV-DELVRY07.xml'],
  ['MBGMCR MBGMCR03, 14 items, 12 movement types', 'libs/sap-idoc/fixtures/mbgmcr03-movement-types.xml'],
  ['WMMBXY WMMBID02, 2 items', 'libs/sap-idoc/fixtures/wmmbid02-receipt-transfer.xml'],
  ['BATMAS BATMAS03, 1 batch', 'libs/sap-idoc/fixtures/batmas03-batch.xml'],
] as const;

export function sapIdocBenchmarks(seconds = 2): Array<Record<string, string | number>> {
  const rows: Array<Record<string, string | number>> = [];
  const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: false });
  for (const [name, file] of INBOUND) {
    const xml = readFileSync(join(ROOT, file));
    readInboundIdoc(xml); // fails loudly here rather than measuring an error path
    const ours = measureRate(() => readInboundIdoc(xml), seconds);
    const baseline = measureRate(() => parser.parse(xml), seconds);
    rows.push({
      benchmark: `SAP parse+map ${name}, ${xml.length} B`,
      'ours /s': Math.round(ours.perSecond),
      'p50 µs': ours.p50Micros.toFixed(1),
      'p99 µs': ours.p99Micros.toFixed(1),
      baseline: 'fast-xml-parser parse only',
      'baseline /s': Math.round(baseline.perSecond),
      'ours/baseline': ratio(ours.perSecond, baseline.perSecond),
    });
  }
  const control = { idocNumber: '42', sender: 'LOTBRIDGE', receiver: 'QS1CLNT400', createdAt: '2025-03-12T09:15:07.123Z' };
  const ack = { docnum: '0000000000770001', messageType: 'MBGMCR', status: '51' as const, code: 'IDOC.UNSUPPORTED_MOVEMENT_TYPE', text: 'E1BP2017_GM_ITEM_CREATE item 0009: movement type "999" is not mapped (see movement-type-table.ts)', documentId: '17' };
  const status = { material: '000000000000471100', batch: '0000012345', restricted: true };
  for (const [name, render, payload] of [
    ['ALEAUD01 acknowledgement', () => aleaudXml(ack, control), ack],
    ['BATMAS03 batch status update', () => batchStatusXml(status, control), status],
  ] as const) {
    const ours = measureRate(render, seconds);
    const baseline = measureRate(() => JSON.stringify({ payload, control }), seconds);
    rows.push({
      benchmark: `SAP render ${name}`,
      'ours /s': Math.round(ours.perSecond),
      'p50 µs': ours.p50Micros.toFixed(1),
      'p99 µs': ours.p99Micros.toFixed(1),
      baseline: 'JSON.stringify of the same payload',
      'baseline /s': Math.round(baseline.perSecond),
      'ours/baseline': ratio(ours.perSecond, baseline.perSecond),
    });
  }
  return rows;
}

if (require.main === module) console.table(sapIdocBenchmarks());
