import type { CarrierEvent, ShipmentKey } from './carrier-event';
import { CarrierEventRejected } from './errors';
import { Json, contentId, isObject, optionalText, requiredText, utcInstant } from './fields';
import { EASYPOST_STATUSES, type CarrierStatus } from './status-table';

/** True for an EasyPost webhook Event whose result is a Tracker (`tracker.created` / `tracker.updated`). */
export function isEasyPostTrackerEvent(document: Json): boolean {
  return document['object'] === 'Event' && isObject(document['result']) && document['result']['object'] === 'Tracker';
}

/**
 * An EasyPost tracker webhook carries the tracker's whole history (`tracking_details`). Each detail becomes one
 * event keyed by the tracking code (and EasyPost's shipment id when set); re-sent details get the same ids, so
 * the history is recorded once however often the tracker is updated.
 */
export function readEasyPostEvent(document: Json): CarrierEvent[] {
  const tracker = document['result'] as Json;
  const trackingCode = requiredText(tracker, 'tracking_code', 'result');
  const keys: ShipmentKey[] = [{ kind: 'tracking', value: trackingCode }];
  const shipmentId = optionalText(tracker, 'shipment_id', 'result');
  if (shipmentId !== null) keys.push({ kind: 'shipment', value: shipmentId });
  const carrier = optionalText(tracker, 'carrier', 'result');
  const details = tracker['tracking_details'];
  if (details !== undefined && !Array.isArray(details)) throw new CarrierEventRejected('CARRIER.INVALID_FIELD', 'result.tracking_details must be an array');
  const events = (details ?? []).map((detail: unknown, index: number): CarrierEvent => {
    const path = `result.tracking_details[${index}]`;
    if (!isObject(detail)) throw new CarrierEventRejected('CARRIER.INVALID_FIELD', `${path} must be an object`);
    const carrierStatus = requiredText(detail, 'status', path);
    const occurredAt = utcInstant(requiredText(detail, 'datetime', path), `${path}.datetime`);
    const message = optionalText(detail, 'message', path);
    return {
      eventId: contentId('easypost', [trackingCode, carrierStatus, occurredAt, message]),
      format: 'easypost',
      carrier,
      status: easyPostStatus(carrierStatus, `${path}.status`),
      carrierStatus,
      occurredAt,
      keys,
      lots: [],
      location: locationOf(detail['tracking_location']),
      message,
    };
  });
  if (events.length > 0) return events;
  // A tracker without history still says where it stands.
  const carrierStatus = requiredText(tracker, 'status', 'result');
  const occurredAt = utcInstant(requiredText(tracker, 'updated_at', 'result'), 'result.updated_at');
  return [{ eventId: contentId('easypost', [trackingCode, carrierStatus, occurredAt, null]), format: 'easypost', carrier, status: easyPostStatus(carrierStatus, 'result.status'), carrierStatus, occurredAt, keys, lots: [], location: null, message: null }];
}

function easyPostStatus(text: string, path: string): CarrierStatus {
  const status = EASYPOST_STATUSES[text];
  if (!status) throw new CarrierEventRejected('CARRIER.UNKNOWN_STATUS', `${path} "${text}" is not an EasyPost tracking status (${Object.keys(EASYPOST_STATUSES).join(', ')})`);
  return status;
}

function locationOf(value: unknown): string | null {
  if (!isObject(value)) return null;
  const parts = ['city', 'state', 'zip', 'country'].map((field) => value[field]).filter((part): part is string => typeof part === 'string' && part !== '');
  return parts.length > 0 ? parts.join(', ') : null;
}
