import type { CarrierEvent, ShipmentKey } from './carrier-event';
import { CarrierEventRejected } from './errors';
import { Json, contentId, optionalText, requiredText, utcInstant } from './fields';
import { GENERIC_STATUSES } from './status-table';

/**
 * Lotbridge's own tracking webhook, for carriers and TMSs that can send any JSON (one event, or `{"events":[…]}`):
 *   {"eventId","carrier","status","occurredAt","deliveryNumber","sscc","trackingNumber","shipmentId","location","message"}
 * `status` and `occurredAt` are required, and at least one of the four keys.
 */
export function readGenericEvent(event: Json, path: string): CarrierEvent {
  const carrierStatus = requiredText(event, 'status', path);
  const status = GENERIC_STATUSES[carrierStatus.toLowerCase().replace(/_/g, '-')];
  if (!status) {
    throw new CarrierEventRejected('CARRIER.UNKNOWN_STATUS', `${path}.status "${carrierStatus}" is not one of ${Object.keys(GENERIC_STATUSES).join(', ')}`);
  }
  const occurredAt = utcInstant(requiredText(event, 'occurredAt', path), `${path}.occurredAt`);
  const keys: ShipmentKey[] = [];
  const deliveryNumber = optionalText(event, 'deliveryNumber', path);
  const sscc = optionalText(event, 'sscc', path);
  const trackingNumber = optionalText(event, 'trackingNumber', path);
  const shipmentId = optionalText(event, 'shipmentId', path);
  if (deliveryNumber !== null) keys.push({ kind: 'delivery', value: deliveryNumber });
  if (sscc !== null) {
    if (!/^\d{18}$/.test(sscc)) throw new CarrierEventRejected('CARRIER.INVALID_FIELD', `${path}.sscc "${sscc}" is not 18 digits`);
    keys.push({ kind: 'sscc', value: sscc });
  }
  if (trackingNumber !== null) keys.push({ kind: 'tracking', value: trackingNumber });
  if (shipmentId !== null) keys.push({ kind: 'shipment', value: shipmentId });
  if (keys.length === 0) {
    throw new CarrierEventRejected('CARRIER.NO_SHIPMENT_KEY', `${path} names no shipment: give deliveryNumber, sscc, trackingNumber or shipmentId`);
  }
  const carrier = optionalText(event, 'carrier', path);
  return {
    eventId: optionalText(event, 'eventId', path) ?? contentId('generic', [carrier, carrierStatus, occurredAt, ...keys.map((key) => `${key.kind}=${key.value}`)]),
    format: 'generic',
    carrier,
    status,
    carrierStatus,
    occurredAt,
    keys,
    lots: [],
    location: optionalText(event, 'location', path),
    message: optionalText(event, 'message', path),
  };
}
