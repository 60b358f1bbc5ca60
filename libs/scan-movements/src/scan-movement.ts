import type { Gs1Scan } from '@lotbridge/gs1';
import { LotMovement, Location, batchNumberProblem, isPositiveQuantity, isUtcInstant, movementIdFor, quantityProblem, compareQuantities } from '@lotbridge/lot';
import { ScanRequest, ScanRequestRejected } from './scan-request';

/** UN/ECE Rec. 20 codes of the units GS1 measures come in (AIs 310n, 320n, 315n, 316n). */
const MEASURE_UNITS: Record<string, string> = { kg: 'KGM', lb: 'LBR', l: 'LTR', 'm³': 'MTQ' };
/** Counts (AIs 30, 37) are pieces. */
const PIECES = 'H87';

export interface ScanContext {
  /** the item a GTIN stands for: a configured mapping, else the GTIN itself (items are keyed by GTIN for scans) */
  itemOf: (gtin: string) => string;
  /** when the request has no scannedAt */
  receivedAt: string;
}

/**
 * One scan at a location becomes one movement of the lot the barcode names: item from AI 01 (or 02 on a logistic
 * unit label), batch from AI 10 exactly as scanned, expiry AI 17, production date AI 11, SSCC AI 00; the quantity
 * from AI 30/37 (pieces) or the first net weight/volume (310n, 320n, 315n, 316n), else from the request.
 */
export function scanMovement(request: ScanRequest, scan: Gs1Scan, context: ScanContext): LotMovement {
  const gtin = scan.gtin ?? scan.contentGtin;
  if (gtin === undefined) throw new ScanRequestRejected('SCAN.MISSING_ITEM', `the barcode names no trade item: it has no AI (01) GTIN${scan.sscc ? ` (only the SSCC ${scan.sscc}) and no AI (02)` : ''}`);
  const batchNumber = scan.batchNumber;
  if (batchNumber === undefined) throw new ScanRequestRejected('SCAN.MISSING_BATCH', `the barcode of GTIN ${gtin} has no AI (10) batch/lot number; lots are tracked by batch`);
  const problem = batchNumberProblem(batchNumber);
  if (problem) throw new ScanRequestRejected('SCAN.MISSING_BATCH', `AI (10) ${JSON.stringify(batchNumber)}: batch number is ${problem.replace(/-/g, ' ')}`);
  const { quantity, unit } = quantityOf(request, scan);
  const occurredAt = request.scannedAt ?? context.receivedAt;
  if (!isUtcInstant(occurredAt)) throw new ScanRequestRejected('SCAN.INVALID_FIELD', `scannedAt "${occurredAt}" is not a UTC instant (e.g. 2026-03-01T10:15:00Z)`);
  const here = warehouseLocation(request.location, 'location');
  const { kind, from, to } = route(request, scan, here);
  const source = { system: `SCANNER:${request.deviceId}`, document: request.scanId, line: '1' };
  return {
    movementId: movementIdFor(source, kind),
    kind,
    item: context.itemOf(gtin),
    batchNumber,
    quantity,
    unit,
    from,
    to,
    occurredAt,
    source,
    ...(scan.expiryDate ? { expiryDate: scan.expiryDate.date } : {}),
    ...(scan.productionDate ? { productionDate: scan.productionDate.date } : {}),
    ...(scan.sscc ? { sscc: scan.sscc } : {}),
  };
}

function route(request: ScanRequest, scan: Gs1Scan, here: Location): { kind: LotMovement['kind']; from: Location; to: Location } {
  switch (request.action) {
    case 'in':
      return { kind: 'receipt', from: { kind: 'supplier', code: request.supplier ?? scan.purchasedFromGln ?? 'UNIDENTIFIED' }, to: here };
    case 'move':
      return { kind: 'put-away', from: here, to: warehouseLocation(request.to ?? '', 'to') };
    case 'out':
      // To a customer: the goods issue of a two-legged shipment; the carrier's proof of delivery completes it.
      if (request.customer !== undefined && request.deliveryNumber !== undefined) return { kind: 'delivery', from: here, to: { kind: 'in-transit', code: `${request.customer}/${request.deliveryNumber}` } };
      return { kind: 'production-consumption', from: here, to: { kind: 'production', code: here.code.split('/')[0] ?? here.code } };
  }
}

function quantityOf(request: ScanRequest, scan: Gs1Scan): { quantity: string; unit: string } {
  const fromBarcode = barcodeQuantity(scan);
  if (request.quantity !== undefined) {
    const problem = quantityProblem(request.quantity);
    if (problem || !isPositiveQuantity(request.quantity)) throw new ScanRequestRejected('SCAN.INVALID_FIELD', `quantity "${request.quantity}" is not a positive exact decimal`);
    if (fromBarcode && compareQuantities(fromBarcode.quantity, request.quantity) !== 0) {
      throw new ScanRequestRejected('SCAN.QUANTITY_MISMATCH', `quantity "${request.quantity}" differs from the barcode's ${fromBarcode.quantity} ${fromBarcode.unit} (AI ${fromBarcode.ai})`);
    }
    const unit = request.unit ?? fromBarcode?.unit;
    if (unit === undefined) throw new ScanRequestRejected('SCAN.MISSING_FIELD', 'unit is missing: the barcode carries no count or measure');
    return { quantity: request.quantity, unit };
  }
  if (!fromBarcode) throw new ScanRequestRejected('SCAN.MISSING_QUANTITY', 'the barcode carries no count (AI 30, 37) or net measure (310n, 320n, 315n, 316n): send quantity and unit');
  if (!isPositiveQuantity(fromBarcode.quantity)) throw new ScanRequestRejected('SCAN.MISSING_QUANTITY', `AI (${fromBarcode.ai}) gives a quantity of ${fromBarcode.quantity}`);
  return { quantity: fromBarcode.quantity, unit: fromBarcode.unit };
}

/** The count or net measure a barcode carries, as an exact decimal (the digits as scanned, never a float). */
function barcodeQuantity(scan: Gs1Scan): { quantity: string; unit: string; ai: string } | undefined {
  const count = scan.elements.find((element) => element.ai === '30' || element.ai === '37');
  if (count) return { quantity: count.value.replace(/^0+(?=\d)/, ''), unit: PIECES, ai: count.ai };
  const measure = scan.netWeight ?? scan.netVolume;
  const unit = measure && MEASURE_UNITS[measure.unit];
  if (measure && unit) return { quantity: measure.value, unit, ai: measure.ai };
  return undefined;
}

/** "DE01/MAIN" or "DE01/MAIN#A-01-03": a warehouse location (plant/storage location, optional bin). */
export function warehouseLocation(text: string, field: string): Location {
  const match = /^([^/#\s]+(?:\/[^/#\s]+)?)(?:#(.+))?$/.exec(text);
  if (!match?.[1]) throw new ScanRequestRejected('SCAN.INVALID_FIELD', `${field} "${text}" is not a warehouse location (PLANT/STORAGE or PLANT/STORAGE#BIN)`);
  return match[2] ? { kind: 'warehouse', code: match[1], bin: match[2] } : { kind: 'warehouse', code: match[1] };
}
