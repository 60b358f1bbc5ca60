import type { CarrierEvent, ShipmentKey } from './carrier-event';
import { CarrierEventRejected } from './errors';
import { Json, contentId, isObject, optionalText, requiredText, utcInstant } from './fields';
import { DCSA_STATUSES } from './status-table';

/** A DCSA Track & Trace 3.0 event notification: `{"events":[{eventClassification, …}]}`. */
export function isDcsaNotification(document: Json): boolean {
  const events = document['events'];
  return Array.isArray(events) && events.length > 0 && events.every((event) => isObject(event) && isObject(event['eventClassification']));
}

/** Document references that name the shipment: booking (BKG), transport document / bill of lading (TRD), shipper's reference. */
const REFERENCE_KEYS: Record<string, ShipmentKey['kind']> = { BKG: 'shipment', TRD: 'tracking', SRN: 'delivery', CR: 'delivery' };

export function readDcsaEvents(document: Json): CarrierEvent[] {
  return (document['events'] as Json[]).map((event, index) => {
    const path = `events[${index}]`;
    const classification = event['eventClassification'] as Json;
    const type = requiredText(classification, 'eventTypeCode', `${path}.eventClassification`);
    const codeField = `${type.toLowerCase()}EventTypeCode`;
    const code = requiredText(classification, codeField, `${path}.eventClassification`);
    const status = DCSA_STATUSES[`${type}:${code}`];
    if (!status) throw new CarrierEventRejected('CARRIER.UNKNOWN_STATUS', `${path}.eventClassification ${type} ${code} is not a DCSA event this adapter maps (${Object.keys(DCSA_STATUSES).join(', ')})`);
    const occurredAt = utcInstant(requiredText(event, 'eventDateTime', path), `${path}.eventDateTime`);
    const keys = referencesOf(event, path);
    const carrier = isObject(event['eventRouting']) && isObject(event['eventRouting']['originatingParty']) ? optionalText(event['eventRouting']['originatingParty'], 'partyCode', `${path}.eventRouting.originatingParty`) : null;
    return {
      eventId: optionalText(event, 'eventID', path) ?? contentId('dcsa', [type, code, occurredAt, ...keys.map((key) => key.value)]),
      format: 'dcsa' as const,
      carrier,
      status,
      carrierStatus: `${type}:${code}`,
      occurredAt,
      keys,
      lots: [],
      location: null,
      message: null,
    };
  });
}

function referencesOf(event: Json, path: string): ShipmentKey[] {
  const details = isObject(event['shipmentDetails']) ? event['shipmentDetails'] : isObject(event['transportDetails']) ? event['transportDetails'] : isObject(event['equipmentDetails']) ? event['equipmentDetails'] : {};
  const additional: unknown[] = Array.isArray(details['additionalDocumentReferences']) ? details['additionalDocumentReferences'] : [];
  const references = [details['documentReference'], ...additional];
  const keys: ShipmentKey[] = [];
  for (const reference of references) {
    if (!isObject(reference)) continue;
    const kind = REFERENCE_KEYS[optionalText(reference, 'typeCode', `${path}.documentReference`) ?? ''];
    const value = optionalText(reference, 'reference', `${path}.documentReference`);
    if (kind && value !== null) keys.push({ kind, value });
  }
  return keys;
}
