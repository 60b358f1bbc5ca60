import { parseDigitalLink, type DigitalLinkOptions } from './digital-link';
import { parseElementString, type ParseOptions } from './element-string';
import type { Gs1Scan } from './scan-result';

export type ScanOptions = ParseOptions & DigitalLinkOptions;

/**
 * One entry point for whatever a scanner sends: a GS1 Digital Link URI (optionally after ]d1 or ]Q1) goes to
 * parseDigitalLink, anything else (raw element string with or without ]C1 / ]d2 / ]Q3 / ]e0, or the bracketed
 * form) to parseElementString. Throws ScanRejected.
 */
export function parseScan(input: string, options: ScanOptions = {}): Gs1Scan {
  if (/^(\][dQ]1)?(https?|HTTPS?):\/\//.test(input)) return parseDigitalLink(input, options);
  return parseElementString(input, options);
}
