import type { CarrierEvent } from './carrier-event';
import { isDcsaNotification, readDcsaEvents } from './dcsa';
import { isEasyPostTrackerEvent, readEasyPostEvent } from './easypost';
import { CarrierEventRejected } from './errors';
import { Json, isObject } from './fields';
import { readGenericEvent } from './generic-webhook';

/**
 * A tracking webhook (already read as a JSON object) in whichever shape its sender uses: EasyPost tracker
 * events, DCSA Track & Trace notifications, or Lotbridge's generic event (alone or as `{"events":[…]}`).
 */
export function readTrackingWebhook(document: Json): CarrierEvent[] {
  if (isEasyPostTrackerEvent(document)) return readEasyPostEvent(document);
  if (isDcsaNotification(document)) return readDcsaEvents(document);
  if (Array.isArray(document['events'])) {
    if (document['events'].length === 0) throw new CarrierEventRejected('CARRIER.MISSING_FIELD', 'events is empty');
    return document['events'].map((event: unknown, index: number) => {
      if (!isObject(event)) throw new CarrierEventRejected('CARRIER.INVALID_FIELD', `events[${index}] must be an object`);
      return readGenericEvent(event, `events[${index}]`);
    });
  }
  if ('status' in document) return [readGenericEvent(document, 'event')];
  if (document['type'] === 'EPCISDocument') throw new CarrierEventRejected('CARRIER.UNKNOWN_FORMAT', 'an EPCIS document: POST it to /epcis/events');
  throw new CarrierEventRejected('CARRIER.UNKNOWN_FORMAT', `not a tracking event this adapter reads (EasyPost tracker event, DCSA events, or {"status","occurredAt","deliveryNumber"|"sscc"|"trackingNumber"|"shipmentId"}); top-level keys: ${Object.keys(document).slice(0, 10).join(', ') || 'none'}`);
}
