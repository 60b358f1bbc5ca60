import { GS, parseScan, toElementString, type Gs1Scan } from '@lotbridge/gs1';
import { bwippGs1Cases, quotedUrls, readSample } from '@lotbridge/gs1/testing';
import { ScanRequest, ScanRequestRejected, readScanRequest, scanMovement } from './index';

const today = '2026-03-15';
const context = { itemOf: (gtin: string) => gtin, receivedAt: '2026-03-15T10:00:00.000Z' };
const request = (overrides: Partial<ScanRequest> = {}): ScanRequest => ({ action: 'in', scan: '', location: 'DE01/MAIN', scannedBy: 'alice', deviceId: 'TC52-7', scanId: 's-1', ...overrides });

function rejection(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof ScanRequestRejected) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('not rejected');
}

/** Every sample barcode of test/samples/gs1-barcode that names a lot: its batch must reach the movement byte for byte. */
function sampleLots(): Array<{ name: string; data: string; scan: Gs1Scan }> {
  const lots: Array<{ name: string; data: string; scan: Gs1Scan }> = [];
  for (const [file, identifier] of [['bwipp-gs1-128.ps.test', ']C1'], ['bwipp-gs1datamatrix.ps.test', ']d2']] as const) {
    for (const sample of bwippGs1Cases(readSample(file))) {
      if (sample.expectedError?.startsWith('bwipp.GS1')) continue;
      // As a scanner sends it: symbology identifier, FNC1 as GS between variable-length fields.
      const raw = identifier + toElementString(parseScan(sample.data, { today }).elements);
      const scan = parseScan(raw, { today });
      if (scan.batchNumber !== undefined && (scan.gtin ?? scan.contentGtin) !== undefined) lots.push({ name: `${file}:${sample.line}`, data: raw, scan });
    }
  }
  for (const { url, line } of quotedUrls(readSample('evrythng-digital-link-tests-index.js'))) {
    let scan: Gs1Scan;
    try {
      scan = parseScan(url, { today });
    } catch {
      continue; // the invalid URIs of that suite are refused (libs/gs1 conformance tests say how)
    }
    if (scan.batchNumber !== undefined && scan.gtin !== undefined) lots.push({ name: `evrythng:${line}`, data: url, scan });
  }
  return lots;
}

describe('scan -> movement', () => {
  const lots = sampleLots();

  it('finds lots in the BWIPP and EVRYTHNG samples', () => {
    expect(lots.length).toBeGreaterThanOrEqual(10);
  });

  it.each(lots.map((lot) => [lot.name, lot] as const))('%s: batch byte-identical, expiry and SSCC carried', (_name, { data, scan }) => {
    const movement = scanMovement(request({ scan: data, quantity: '1', unit: 'H87' }), scan, context);
    const batch = scan.elements.find((element) => element.ai === '10')?.value ?? '';
    expect(Buffer.from(movement.batchNumber, 'utf8').equals(Buffer.from(batch, 'utf8'))).toBe(true);
    expect(movement.item).toBe(scan.gtin ?? scan.contentGtin);
    expect(movement.expiryDate).toBe(scan.expiryDate?.date);
    expect(movement.sscc).toBe(scan.sscc);
  });

  it('scan-in: a receipt into the location; count from AI 37, supplier from AI 412', () => {
    const raw = `]C10109501101530003${GS}10AB/12%x${GS}17271231370000012${GS}4129501101530010`;
    const movement = scanMovement(request({ scan: raw }), parseScan(raw, { today }), { ...context, itemOf: (gtin) => `MAT-${gtin}` });
    expect(movement).toMatchObject({ kind: 'receipt', item: 'MAT-09501101530003', batchNumber: 'AB/12%x', quantity: '12', unit: 'H87', expiryDate: '2027-12-31', from: { kind: 'supplier', code: '9501101530010' }, to: { kind: 'warehouse', code: 'DE01/MAIN' }, movementId: 'SCANNER:TC52-7|s-1|1|receipt' });
  });

  it('net weight AI 3103 is an exact decimal in KGM; a move goes to the bin given', () => {
    const raw = ']d201095011015300031012345\u001d3103001250';
    const movement = scanMovement(request({ action: 'move', scan: raw, to: 'DE01/MAIN#A-01' }), parseScan(raw, { today }), context);
    expect(movement).toMatchObject({ kind: 'put-away', quantity: '1.250', unit: 'KGM', batchNumber: '12345', from: { code: 'DE01/MAIN' }, to: { kind: 'warehouse', code: 'DE01/MAIN', bin: 'A-01' } });
  });

  it('scan-out: to a customer is the goods issue into in-transit <customer>/<delivery>; otherwise consumption', () => {
    const raw = '(00)106141412345678908(02)09501101530003(10)L1(37)5';
    const scan = parseScan(raw, { today });
    expect(scanMovement(request({ action: 'out', scan: raw, customer: 'C9', deliveryNumber: '80001' }), scan, context)).toMatchObject({ kind: 'delivery', sscc: '106141412345678908', to: { kind: 'in-transit', code: 'C9/80001' } });
    expect(scanMovement(request({ action: 'out', scan: raw }), scan, context)).toMatchObject({ kind: 'production-consumption', to: { kind: 'production', code: 'DE01' } });
  });

  it.each([
    ['(00)106141412345678908', {}, 'SCAN.MISSING_ITEM', 'the barcode names no trade item: it has no AI (01) GTIN (only the SSCC 106141412345678908)'],
    ['(01)09501101530003(17)271231', { quantity: '1', unit: 'H87' }, 'SCAN.MISSING_BATCH', 'has no AI (10) batch/lot number'],
    ['(01)09501101530003(10)A', {}, 'SCAN.MISSING_QUANTITY', 'the barcode carries no count'],
    ['(01)09501101530003(10)A(37)4', { quantity: '5' }, 'SCAN.QUANTITY_MISMATCH', 'quantity "5" differs from the barcode\'s 4 H87 (AI 37)'],
    ['(01)09501101530003(10)A(37)4', { location: 'DE01/MAIN/X' }, 'SCAN.INVALID_FIELD', 'location "DE01/MAIN/X" is not a warehouse location'],
  ] as const)('%s %j: %s', (data, overrides, code, text) => {
    const refused = rejection(() => scanMovement(request({ scan: data, ...overrides }), parseScan(data, { today }), context));
    expect(refused.code).toBe(code);
    expect(refused.message).toContain(text);
  });

  it('reads the request body: required fields named, number quantity kept as its text', () => {
    expect(readScanRequest('in', { scan: 'x', location: 'DE01', scannedBy: 'a', deviceId: 'd', scanId: 's', quantity: 2.5 })).toMatchObject({ quantity: '2.5' });
    expect(rejection(() => readScanRequest('in', { scan: 'x', location: 'DE01', scannedBy: 'a', deviceId: 'd' }))).toEqual({ code: 'SCAN.MISSING_FIELD', message: 'scanId is missing' });
    expect(rejection(() => readScanRequest('move', { scan: 'x', location: 'DE01', scannedBy: 'a', deviceId: 'd', scanId: 's' })).message).toContain('to is missing');
    expect(rejection(() => readScanRequest('in', { scan: 1, location: 'DE01', scannedBy: 'a', deviceId: 'd', scanId: 's' }))).toEqual({ code: 'SCAN.INVALID_FIELD', message: 'scan must be text, got number' });
  });
});
