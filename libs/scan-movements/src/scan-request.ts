/** Why a scan request was refused (GS1 parsing errors keep their own GS1.* codes). */
export type ScanRequestErrorCode = 'SCAN.MISSING_FIELD' | 'SCAN.INVALID_FIELD' | 'SCAN.MISSING_ITEM' | 'SCAN.MISSING_BATCH' | 'SCAN.MISSING_QUANTITY' | 'SCAN.QUANTITY_MISMATCH';

export class ScanRequestRejected extends Error {
  override readonly name = 'ScanRequestRejected';

  constructor(
    readonly code: ScanRequestErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** in: receipt into `location`; out: issue from `location` (to a customer delivery or to production); move: `location` -> `to`. */
export type ScanAction = 'in' | 'out' | 'move';

/** What a handheld sends with one scan. */
export interface ScanRequest {
  action: ScanAction;
  /** the barcode's data as the scanner sends it (element string with GS separators, bracketed, or Digital Link) */
  scan: string;
  /** warehouse location "PLANT/STORAGE" or "PLANT/STORAGE#BIN" */
  location: string;
  /** move only: the destination, same form as location */
  to?: string;
  /** when the barcode carries no count or measure */
  quantity?: string;
  unit?: string;
  scannedBy: string;
  deviceId: string;
  /** the device's id of this physical scan: a retry repeats it, a second scan of the same label does not */
  scanId: string;
  /** UTC instant of the scan; the receiving time otherwise */
  scannedAt?: string;
  /** in: the supplier's partner code (AI 412 "purchased from" GLN is used when the barcode has it) */
  supplier?: string;
  /** out to a customer: the ship-to and the delivery number; the goods go into in-transit `<customer>/<deliveryNumber>` */
  customer?: string;
  deliveryNumber?: string;
}

const TEXT_FIELDS = ['scan', 'location', 'to', 'quantity', 'unit', 'scannedBy', 'deviceId', 'scanId', 'scannedAt', 'supplier', 'customer', 'deliveryNumber'] as const;

/** Reads and checks the request body's fields (already parsed safely as a JSON object). */
export function readScanRequest(action: ScanAction, body: Record<string, unknown>): ScanRequest {
  const fields: Partial<Record<(typeof TEXT_FIELDS)[number], string>> = {};
  for (const field of TEXT_FIELDS) {
    const value = body[field];
    if (value === undefined || value === null) continue;
    // A quantity may come as a JSON number from simple scanner apps; its text is kept as written by JSON.
    if (field === 'quantity' && typeof value === 'number') fields[field] = String(value);
    else if (typeof value !== 'string') throw new ScanRequestRejected('SCAN.INVALID_FIELD', `${field} must be text, got ${typeof value}`);
    else fields[field] = value;
  }
  const required = (field: 'scan' | 'location' | 'scannedBy' | 'deviceId' | 'scanId'): string => {
    const value = fields[field];
    if (value === undefined || value === '') throw new ScanRequestRejected('SCAN.MISSING_FIELD', `${field} is missing`);
    return value;
  };
  const request: ScanRequest = { action, scan: required('scan'), location: required('location'), scannedBy: required('scannedBy'), deviceId: required('deviceId'), scanId: required('scanId') };
  for (const field of ['to', 'quantity', 'unit', 'scannedAt', 'supplier', 'customer', 'deliveryNumber'] as const) {
    const value = fields[field];
    if (value !== undefined && value !== '') request[field] = value;
  }
  if (action === 'move' && request.to === undefined) throw new ScanRequestRejected('SCAN.MISSING_FIELD', 'to is missing: a move needs the destination location');
  if ((request.customer === undefined) !== (request.deliveryNumber === undefined)) throw new ScanRequestRejected('SCAN.MISSING_FIELD', 'customer and deliveryNumber go together: a scan-out to a customer needs both');
  return request;
}
