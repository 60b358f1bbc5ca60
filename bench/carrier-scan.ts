/**
 * Scans parsed and mapped, and carrier events mapped, per second on one core (in process, no I/O), each beside
 * the baseline of JSON.parse of the same request bytes (the least any JSON endpoint does with them), measured in
 * the same run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { STOCK_EFFECT, inTransitLineOf, proofOfDeliveryMovement, readEpcisDocument, readTrackingWebhook } from '@lotbridge/carrier-events';
import { GS, parseScan } from '@lotbridge/gs1';
import { readJsonDocument } from '@lotbridge/json-document';
import { LotMovement } from '@lotbridge/lot';
import { readScanRequest, scanMovement } from '@lotbridge/scan-movements';
import { measureRate, ratio } from './measure';

type Row = Record<string, string | number>;

const SCANS = [
  `]C10109501101530003${GS}10ABC-123${GS}17271231${GS}3712`,
  `]d20109501101530003172712311012345${GS}3103001250`,
  'https://id.gs1.org/01/09501101530003/10/AB%2F12?17=280131&3103=001250',
  '(00)106141412345678908(02)09501101530003(10)L1(37)5',
];

export function scanBenchmark(): Row {
  const bodies = SCANS.map((scan, n) => Buffer.from(JSON.stringify({ scan, location: 'DE01/MAIN', scannedBy: 'alice', deviceId: 'TC52', scanId: `s-${n}` })));
  const context = { itemOf: (gtin: string) => gtin, receivedAt: '2026-03-15T10:00:00.000Z' };
  let i = 0;
  const ours = measureRate(() => {
    const body = bodies[i++ % bodies.length] as Buffer;
    const request = readScanRequest('in', readJsonDocument(body, { maxBytes: 16 * 1024 }));
    return scanMovement(request, parseScan(request.scan, { today: '2026-03-15' }), context);
  });
  let j = 0;
  const baseline = measureRate(() => JSON.parse((bodies[j++ % bodies.length] as Buffer).toString('utf8')) as unknown);
  return { benchmark: 'scan parse+map (GS1-128, DataMatrix, Digital Link, SSCC label)', 'ours /s': Math.round(ours.perSecond), 'p50 µs': ours.p50Micros.toFixed(1), 'p99 µs': ours.p99Micros.toFixed(1), baseline: 'JSON.parse of the request', 'baseline /s': Math.round(baseline.perSecond), 'ours/baseline': ratio(ours.perSecond, baseline.perSecond) };
}

export function carrierBenchmark(root: string): Row[] {
  const goodsIssue: LotMovement = { movementId: 'GI|1', kind: 'delivery', item: 'MAT-1', batchNumber: 'B1', quantity: '5', unit: 'KGM', from: { kind: 'warehouse', code: 'DE01/MAIN' }, to: { kind: 'in-transit', code: 'C1/D1' }, occurredAt: '2014-11-18T00:00:00Z', source: { system: 'X', document: 'D1', line: '1' } };
  const line = inTransitLineOf(goodsIssue);
  const rows: Row[] = [];
  for (const [name, file, read] of [
    ['EasyPost tracker webhook (6 events)', 'easypost-tracking-webhook.json', readTrackingWebhook],
    ['EPCIS 2.0 document (9.6.1, 2 events)', 'epcis-json-9.6.1-ObjectEvent.jsonld', readEpcisDocument],
  ] as const) {
    const bytes = readFileSync(join(root, 'test/samples/tracking', file));
    const events = read(readJsonDocument(bytes)).length;
    const ours = measureRate(() =>
      read(readJsonDocument(bytes)).map((event) => (STOCK_EFFECT[event.status] === 'deliver' && line ? proofOfDeliveryMovement(line, event.occurredAt) : event.status)),
    );
    const baseline = measureRate(() => JSON.parse(bytes.toString('utf8')) as unknown);
    rows.push({ benchmark: `carrier events mapped: ${name}, events/s`, 'ours /s': Math.round(ours.perSecond * events), 'p50 µs': ours.p50Micros.toFixed(1), 'p99 µs': ours.p99Micros.toFixed(1), baseline: 'JSON.parse of the document (x events)', 'baseline /s': Math.round(baseline.perSecond * events), 'ours/baseline': ratio(ours.perSecond, baseline.perSecond) });
  }
  return rows;
}
