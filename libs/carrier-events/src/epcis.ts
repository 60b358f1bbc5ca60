import { parseDigitalLink, withCheckDigit, isScanRejected } from '@lotbridge/gs1';
import type { CarrierEvent, EventLot, ShipmentKey } from './carrier-event';
import { CarrierEventRejected } from './errors';
import { Json, isObject, optionalText, requiredText, utcInstant } from './fields';
import { EPCIS_BIZ_STEPS, EPCIS_EXCEPTION_DISPOSITIONS, type CarrierStatus } from './status-table';

/** Event types a carrier or consignee reports a shipment with: objects observed, or a logistic unit (SSCC parent) with its content. */
const TRACKING_EVENT_TYPES = new Set(['ObjectEvent', 'AggregationEvent']);
/** Business transaction types whose id is the shipment's: the despatch advice is our delivery, the bill of lading the carrier's. */
const TRANSACTION_KEYS: Record<string, ShipmentKey['kind']> = { desadv: 'delivery', bol: 'shipment' };

/**
 * An EPCIS 2.0 JSON(-LD) document (`EPCISDocument` with `epcisBody.eventList`) or a single event. Every event must
 * be an ObjectEvent or AggregationEvent with a business step of EPCIS_BIZ_STEPS; any other type refuses the
 * document (a TransformationEvent is production, not transport). Keys: SSCCs in epcList / parentID / childEPCs,
 * desadv and bol business transactions, and lots (LGTIN classes or Digital Links with AI 10) in quantityList.
 */
export function readEpcisDocument(document: Json): CarrierEvent[] {
  const events = eventsOf(document);
  return events.map((event, index) => readEpcisEvent(event, `eventList[${index}]`));
}

function eventsOf(document: Json): Json[] {
  if (document['type'] === 'EPCISDocument') {
    const body = document['epcisBody'];
    const list = isObject(body) ? body['eventList'] : undefined;
    if (!Array.isArray(list)) throw new CarrierEventRejected('CARRIER.MISSING_FIELD', 'EPCISDocument has no epcisBody.eventList array');
    if (list.length === 0) throw new CarrierEventRejected('CARRIER.MISSING_FIELD', 'EPCISDocument epcisBody.eventList is empty');
    return list.map((event, index) => {
      if (!isObject(event)) throw new CarrierEventRejected('CARRIER.INVALID_FIELD', `eventList[${index}] must be an object`);
      return event;
    });
  }
  if (typeof document['type'] === 'string' && /Event$/.test(document['type'])) return [document];
  throw new CarrierEventRejected('EPCIS.NOT_EPCIS', `not an EPCIS 2.0 document: "type" is ${JSON.stringify(document['type'] ?? null)}, expected "EPCISDocument" or an event type`);
}

function readEpcisEvent(event: Json, path: string): CarrierEvent {
  const type = requiredText(event, 'type', path);
  if (!TRACKING_EVENT_TYPES.has(type)) {
    throw new CarrierEventRejected('EPCIS.UNSUPPORTED_EVENT_TYPE', `${path}.type "${type}" is not a tracking event: send ObjectEvent or AggregationEvent`);
  }
  const bizStep = cbvWord(requiredText(event, 'bizStep', path), 'bizstep', 'BizStep');
  const disposition = optionalText(event, 'disposition', path);
  const dispositionWord = disposition === null ? null : cbvWord(disposition, 'disp', 'Disp');
  const stepStatus = EPCIS_BIZ_STEPS[bizStep];
  if (!stepStatus) throw new CarrierEventRejected('EPCIS.UNSUPPORTED_BIZ_STEP', `${path}.bizStep "${bizStep}" is not a transport step (${Object.keys(EPCIS_BIZ_STEPS).join(', ')})`);
  const status: CarrierStatus = dispositionWord !== null && EPCIS_EXCEPTION_DISPOSITIONS.has(dispositionWord) ? 'exception' : stepStatus;
  const occurredAt = utcInstant(requiredText(event, 'eventTime', path), `${path}.eventTime`);

  const keys: ShipmentKey[] = [];
  const lots: EventLot[] = [];
  const identifiers = [...listOf(event['epcList']), ...listOf(event['childEPCs']), ...(typeof event['parentID'] === 'string' ? [event['parentID']] : [])];
  for (const id of identifiers) {
    const sscc = ssccOf(id, path);
    if (sscc !== undefined && !keys.some((key) => key.kind === 'sscc' && key.value === sscc)) keys.push({ kind: 'sscc', value: sscc });
  }
  for (const [index, entry] of [...listOf(event['quantityList']), ...listOf(event['childQuantityList'])].entries()) {
    if (!isObject(entry)) continue;
    const lot = lotOf(requiredText(entry, 'epcClass', `${path}.quantityList[${index}]`), `${path}.quantityList[${index}].epcClass`);
    if (!lot) continue;
    const quantity = entry['quantity'];
    lots.push({ ...lot, ...(typeof quantity === 'number' || typeof quantity === 'string' ? { quantity: String(quantity) } : {}), ...(typeof entry['uom'] === 'string' ? { unit: entry['uom'] } : {}) });
    keys.push({ kind: 'lot', value: JSON.stringify([lot.gtin, lot.batchNumber]) });
  }
  for (const transaction of listOf(event['bizTransactionList'])) {
    if (!isObject(transaction) || typeof transaction['type'] !== 'string' || typeof transaction['bizTransaction'] !== 'string') continue;
    const kind = TRANSACTION_KEYS[cbvWord(transaction['type'], 'btt', 'BTT')];
    if (kind) keys.push({ kind, value: lastSegment(transaction['bizTransaction']) });
  }
  if (keys.length === 0 && status !== 'picked-up' && status !== 'in-transit') {
    throw new CarrierEventRejected('CARRIER.NO_SHIPMENT_KEY', `${path} (${bizStep}) names no shipment: give an SSCC (epcList, parentID, childEPCs), a lot (quantityList) or a desadv/bol business transaction`);
  }
  const readPoint = isObject(event['readPoint']) ? optionalText(event['readPoint'], 'id', `${path}.readPoint`) : null;
  return {
    eventId: requiredText(event, 'eventID', path),
    format: 'epcis',
    carrier: null,
    status,
    carrierStatus: dispositionWord === null ? bizStep : `${bizStep}/${dispositionWord}`,
    occurredAt,
    keys,
    lots,
    location: readPoint,
    message: null,
  };
}

/** CBV values come bare ("shipping"), as URNs ("urn:epcglobal:cbv:bizstep:shipping") or as Web URIs (".../BizStep-shipping"). */
function cbvWord(value: string, urnPart: string, webPrefix: string): string {
  const urn = `urn:epcglobal:cbv:${urnPart}:`;
  if (value.startsWith(urn)) return value.slice(urn.length);
  const web = new RegExp(`^https?://ref\\.gs1\\.org/cbv/${webPrefix}-(.+)$`).exec(value);
  return web?.[1] ?? value;
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** "urn:epcglobal:cbv:bt:0614141073467:1152" -> "1152"; "http://transaction.acme.com/desadv/4711" -> "4711". */
function lastSegment(id: string): string {
  const trimmed = id.replace(/[/:]+$/, '');
  return decodeURIComponent(trimmed.slice(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf(':')) + 1));
}

/** SSCC of an EPC URI (urn:epc:id:sscc:CompanyPrefix.SerialReference, extension digit first) or a Digital Link with AI 00. */
function ssccOf(id: unknown, path: string): string | undefined {
  if (typeof id !== 'string') return undefined;
  const urn = /^urn:epc:id:sscc:(\d+)\.(\d+)$/.exec(id);
  if (urn) {
    const [, companyPrefix = '', serialReference = ''] = urn;
    if (companyPrefix.length + serialReference.length !== 17) throw new CarrierEventRejected('EPCIS.INVALID_IDENTIFIER', `${path}: SSCC URI "${id}" does not have 17 digits`);
    return withCheckDigit(serialReference.slice(0, 1) + companyPrefix + serialReference.slice(1));
  }
  if (/^https?:\/\/[^/]+\/(.*\/)?00\/\d{18}/.test(id)) return digitalLink(id, path).sscc;
  return undefined;
}

/** A lot of an LGTIN class (urn:epc:class:lgtin:CompanyPrefix.IndicatorItemReference.Lot) or a Digital Link with AI 01 and 10. */
function lotOf(epcClass: string, path: string): { gtin: string; batchNumber: string } | undefined {
  const urn = /^urn:epc:class:lgtin:(\d+)\.(\d+)\.(.+)$/.exec(epcClass);
  if (urn) {
    const [, companyPrefix = '', itemReference = '', lot = ''] = urn;
    if (companyPrefix.length + itemReference.length !== 13) throw new CarrierEventRejected('EPCIS.INVALID_IDENTIFIER', `${path} "${epcClass}": company prefix and item reference do not have 13 digits`);
    // EPC URIs escape some characters as %XX (Tag Data Standard); the batch is what they stand for, byte for byte.
    return { gtin: withCheckDigit(itemReference.slice(0, 1) + companyPrefix + itemReference.slice(1)), batchNumber: decodeURIComponent(lot) };
  }
  if (epcClass.startsWith('urn:epc:class:lgtin:')) throw new CarrierEventRejected('EPCIS.MISSING_BATCH', `${path} "${epcClass}" is no LGTIN: it needs CompanyPrefix.IndicatorItemReference.Lot, and the lot (batch) is missing`);
  if (/^https?:\/\//.test(epcClass)) {
    const scan = digitalLink(epcClass, path);
    if (scan.gtin !== undefined && scan.batchNumber !== undefined) return { gtin: scan.gtin, batchNumber: scan.batchNumber };
  }
  return undefined;
}

function digitalLink(uri: string, path: string) {
  try {
    return parseDigitalLink(uri);
  } catch (error) {
    if (isScanRejected(error)) throw new CarrierEventRejected('EPCIS.INVALID_IDENTIFIER', `${path} "${uri}": ${error.message} (${error.code})`);
    throw error;
  }
}
