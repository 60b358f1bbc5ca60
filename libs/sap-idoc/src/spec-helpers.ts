import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IdocRejected, type IdocErrorCode } from './idoc-errors';

/** Test support only (not exported from index.ts). */

export function fixture(name: string): string {
  return readFileSync(join(__dirname, '..', 'fixtures', name), 'utf8');
}

/** The real SAP samples under test/samples/idoc (see test/samples/SOURCES.md). */
export function sample(name: string): string {
  return readFileSync(join(__dirname, '..', '..', '..', 'test', 'samples', 'idoc', name), 'utf8');
}

export const SAMPLES = {
  inbound: 'sap-b2bif-3pl-02-InboundDelivery-DESADV-DELVRY07.xml',
  outbound: 'sap-b2bif-3pl-04-OutboundDelivery-DESADV-DELVRY07.xml',
  customerReturn: 'sap-b2bif-3pl-06-CustomerReturn-DESADV-DELVRY07.xml',
  materialMaster: 'sap-b2bif-3pl-01-MaterialMaster-MATMAS05.xml',
} as const;

/** Runs `action`, expects an IdocRejected with this code, and returns it for message assertions. */
export function rejection(action: () => unknown, code: IdocErrorCode): IdocRejected {
  try {
    action();
  } catch (error) {
    if (!(error instanceof IdocRejected)) throw error;
    expect({ code: error.code, message: error.message }).toEqual({ code, message: error.message });
    return error;
  }
  throw new Error(`expected IdocRejected ${code}, but nothing was thrown`);
}

/** Replaces exactly one occurrence, so a test edit of a fixture cannot silently miss. */
export function replaceOnce(text: string, search: string, replacement: string): string {
  const first = text.indexOf(search);
  if (first < 0 || text.indexOf(search, first + 1) >= 0) throw new Error(`expected exactly one ${JSON.stringify(search)}`);
  return text.slice(0, first) + replacement + text.slice(first + search.length);
}

/** XML-escapes text for use as element content. */
export function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
