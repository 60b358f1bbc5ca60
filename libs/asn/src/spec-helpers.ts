import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AsnRejected, type AsnErrorCode } from './asn-errors';

/** Test support only (not exported from index.ts). */

export function fixture(name: string): Buffer {
  return readFileSync(join(__dirname, '..', 'fixtures', name));
}

/** The real documents under test/samples/asn (see test/samples/SOURCES.md). */
export function sample(name: string): Buffer {
  return readFileSync(join(__dirname, '..', '..', '..', 'test', 'samples', 'asn', name));
}

export const SAMPLES = {
  gs1Gusi: 'gs1-us-gusi-despatchAdvice-batch-expiry.xml',
  ubl: 'ubl-DespatchAdvice-2.0-Example.xml',
  gs1WarehousingInbound: 'gs1xml-3.4.1-sap-b2bif-3pl-03-warehousingInboundNotification.xml',
  cxml: 'cxml-ShipNoticeRequest-complete-Batch-expiry.xml',
  edifact: 'edifact-d96a-DESADV-as-xml-batch-expiry.xml',
  sapDeliveryRequest: 'sap-b2bif-p2p-02-DeliveryRequest-inbound-ASN-Batch-ShelfLifeExpiry.xml',
} as const;

/** Runs `action`, expects an AsnRejected with this code, and returns it for message assertions. */
export function rejection(action: () => unknown, code: AsnErrorCode): AsnRejected {
  try {
    action();
  } catch (error) {
    if (!(error instanceof AsnRejected)) throw error;
    expect({ code: error.code, message: error.message }).toEqual({ code, message: error.message });
    return error;
  }
  throw new Error(`expected ${code}, nothing was thrown`);
}
