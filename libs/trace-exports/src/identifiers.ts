import { createHash } from 'node:crypto';
import { Location } from '@lotbridge/lot';
import { hasValidCheckDigit, isCset82 } from '@lotbridge/gs1';
import { ExportMasterData } from './master-data';

/** Identifiers the exports write: GS1 Digital Link URIs where GS1 keys are known, Lotbridge URNs otherwise. */

export type Checked<T> = { ok: true; value: T } | { ok: false; code: 'EXPORT.ITEM_WITHOUT_GTIN' | 'EXPORT.INVALID_GTIN' | 'EXPORT.BATCH_NOT_GS1'; message: string };

/** GTIN-8/12/13/14 with a valid check digit, as the 14 digits AI (01) carries. */
export function gtin14(item: string, masterData: ExportMasterData): Checked<string> {
  const gtin = masterData.product(item)?.gtin;
  if (gtin === undefined || gtin === '') return { ok: false, code: 'EXPORT.ITEM_WITHOUT_GTIN', message: `item "${item}" has no GTIN in the master data: EPCIS names a lot by GTIN and batch` };
  if (!/^(\d{8}|\d{12,14})$/.test(gtin) || !hasValidCheckDigit(gtin)) return { ok: false, code: 'EXPORT.INVALID_GTIN', message: `GTIN "${gtin}" of item "${item}" is not 8, 12, 13 or 14 digits with a valid check digit` };
  return { ok: true, value: gtin.padStart(14, '0') };
}

/**
 * The LGTIN class of a lot as a GS1 Digital Link URI, `https://id.gs1.org/01/<gtin>/10/<batch>`. AI (10) allows at most
 * 20 characters of GS1's character set 82: a batch number outside it is refused, never trimmed or replaced.
 */
export function lgtin(item: string, batchNumber: string, masterData: ExportMasterData): Checked<string> {
  const gtin = gtin14(item, masterData);
  if (!gtin.ok) return gtin;
  if (batchNumber.length > 20 || !isCset82(batchNumber)) {
    return { ok: false, code: 'EXPORT.BATCH_NOT_GS1', message: `batch number ${JSON.stringify(batchNumber)} is not a GS1 batch/lot (AI 10: up to 20 characters of character set 82)` };
  }
  return { ok: true, value: `https://id.gs1.org/01/${gtin.value}/10/${encodeURIComponent(batchNumber)}` };
}

/** A location: its GLN as a Digital Link when known, else a Lotbridge URN of its key. */
export function locationUri(location: Location, masterData: ExportMasterData): string {
  const gln = masterData.location?.(location)?.gln;
  if (gln) return `https://id.gs1.org/414/${gln}`;
  const bin = location.bin === undefined ? '' : `:${encodeURIComponent(location.bin)}`;
  return `urn:lotbridge:location:${location.kind}:${encodeURIComponent(location.code)}${bin}`;
}

/** A partner (supplier, customer): its party GLN when known, else a Lotbridge URN. */
export function partyUri(location: Location, masterData: ExportMasterData): string {
  const gln = masterData.location?.(location)?.gln;
  if (gln) return `https://id.gs1.org/417/${gln}`;
  return `urn:lotbridge:party:${location.kind}:${encodeURIComponent(location.code)}`;
}

export function documentUri(system: string, document: string): string {
  return `urn:lotbridge:document:${encodeURIComponent(system)}:${encodeURIComponent(document)}`;
}

export function transformationUri(transformationId: string): string {
  return `urn:lotbridge:transformation:${encodeURIComponent(transformationId)}`;
}

/** Name-based UUID (version 5, RFC 9562) in a fixed Lotbridge namespace: the same movements give the same event id. */
const NAMESPACE = Buffer.from('6f1c2b4e8a3d4c59b7e2a1d0c9f8e7d6', 'hex');

export function eventId(name: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest();
  hash[6] = ((hash[6] as number) & 0x0f) | 0x50;
  hash[8] = ((hash[8] as number) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
