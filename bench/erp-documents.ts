/**
 * Kingdee and Yonyou document mapping (in process, one core): the connector's read path (libs/json-document's safe
 * reader, the exact-number check, the bill/voucher reading and the mapping to movements and lot master data) on a
 * realistic 20-line document, vs the baseline of JSON.parse of the same bytes (parsing alone, no safety checks,
 * no mapping), measured in the same run.
 */
import { type ErpReadOptions, mapKingdeeDocument, mapYonyouDocument } from '@lotbridge/erp-documents';
import { readJsonDocument } from '@lotbridge/json-document';
import { measureRate, ratio } from './measure';

const LINES = 20;
const options: ErpReadOptions = { account: '100', timeZone: 'Asia/Shanghai', items: (_erp, code) => ({ item: `ITEM-${code}`, unit: 'PCE' }) };

const kingdee = Buffer.from(
  JSON.stringify({
    formid: 'STK_InStock',
    data: {
      Model: {
        FID: 100123,
        FBillNo: 'CGRK00042',
        FDate: '2024-05-20T00:00:00',
        FModifyDate: '2024-05-20T14:03:11.27',
        FStockOrgId: { FNumber: '100' },
        FSupplierId: { FNumber: 'VEN001' },
        FInStockEntry: Array.from({ length: LINES }, (_, n) => ({
          FEntryID: 100456 + n,
          FMaterialId: { FNumber: `1.01.${String(n % 7).padStart(3, '0')}` },
          FUnitID: { FNumber: 'Pcs' },
          FRealQty: 120 + n / 4,
          FStockId: { FNumber: 'CK001' },
          FStockStatusId: { FNumber: 'KCZT01_SYS' },
          FLot: { FNumber: `L240520-${n}` },
          FProduceDate: '2024-05-01T00:00:00',
          FExpiryDate: '2026-04-30T00:00:00',
        })),
      },
    },
  }),
);

const yonyou = Buffer.from(
  JSON.stringify({
    head: { cCode: '0000000087', dDate: '2024-05-20', cWhCode: '01', cVenCode: 'V0012', dnmodifytime: '2024-05-20 15:40:02.513' },
    body: Array.from({ length: LINES }, (_, n) => ({ AutoID: 1000004567 + n, irowno: n + 1, cInvCode: `0102${n % 7}`, cBatch: `B2405-${n}`, iQuantity: `${250 + n}.000000`, dMadeDate: '2024-05-01 00:00:00', dVDate: '2025-04-30 00:00:00' })),
  }),
);

const read = (body: Buffer, what: string) => ({ json: readJsonDocument(body, { what }), text: body.toString('utf8') });

export function erpDocumentMapping(results: Array<Record<string, string | number>>): void {
  for (const [name, body, map] of [
    ['Kingdee STK_InStock', kingdee, () => mapKingdeeDocument('STK_InStock', read(kingdee, 'Kingdee document'), options)],
    ['Yonyou rdrecord01', yonyou, () => mapYonyouDocument('rdrecord01', read(yonyou, 'Yonyou document'), options)],
  ] as const) {
    const ours = measureRate(map);
    const baseline = measureRate(() => JSON.parse(body.toString('utf8')) as unknown);
    results.push({
      benchmark: `${name} read+map (${LINES} lines, ${body.length} B)`,
      'ours /s': Math.round(ours.perSecond),
      'p50 µs': ours.p50Micros.toFixed(1),
      'p99 µs': ours.p99Micros.toFixed(1),
      baseline: 'JSON.parse only',
      'baseline /s': Math.round(baseline.perSecond),
      'ours/baseline': ratio(ours.perSecond, baseline.perSecond),
    });
  }
}

if (require.main === module) {
  const results: Array<Record<string, string | number>> = [];
  erpDocumentMapping(results);
  console.table(results);
}
