import type { CarrierStatus } from './status-table';

/** What identifies the shipment an event is about. A lot key is `lotKey(gtin, batchNumber)` (EPCIS class-level ids). */
export type ShipmentKeyKind = 'delivery' | 'sscc' | 'tracking' | 'shipment' | 'lot';

export interface ShipmentKey {
  kind: ShipmentKeyKind;
  value: string;
}

/** A lot an EPCIS event names at class level (LGTIN or Digital Link with AI 10), batch exactly as sent. */
export interface EventLot {
  gtin: string;
  batchNumber: string;
  quantity?: string;
  unit?: string;
}

export type TrackingFormat = 'generic' | 'easypost' | 'dcsa' | 'epcis';

/** One tracking event, whatever format it came in, in our words. */
export interface CarrierEvent {
  /** stable id: the sender's event id, or one derived from the event's content (same event, same id) */
  eventId: string;
  format: TrackingFormat;
  carrier: string | null;
  status: CarrierStatus;
  /** the status as the sender wrote it (EasyPost `in_transit`, DCSA `DEPA`, EPCIS `receiving/in_progress`) */
  carrierStatus: string;
  /** UTC instant, ISO 8601 with Z */
  occurredAt: string;
  keys: ShipmentKey[];
  lots: EventLot[];
  location: string | null;
  message: string | null;
}
