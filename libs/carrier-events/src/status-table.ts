/**
 * The one table of what a carrier's word means for stock. Goods issue already moved the lots into the in-transit
 * location `<shipTo>/<deliveryNumber>` (two-legged shipments), so only proof of delivery moves stock again; an
 * exception needs a person; everything else is history.
 */
export type CarrierStatus = 'announced' | 'picked-up' | 'in-transit' | 'out-for-delivery' | 'delivered' | 'exception' | 'returning';

/** `deliver`: second leg in-transit -> customer for exactly what is in transit. `alert`: alerts.v1. `none`: history only. */
export type StockEffect = 'none' | 'deliver' | 'alert';

export const STOCK_EFFECT: Record<CarrierStatus, StockEffect> = {
  announced: 'none', // label printed / booking confirmed: the goods issue is the stock fact
  'picked-up': 'none', // stock has been in transit since goods issue
  'in-transit': 'none',
  'out-for-delivery': 'none',
  delivered: 'deliver', // proof of delivery: the customer holds the lots now (traceability counted them at goods issue)
  exception: 'alert', // damaged, lost, refused, failed attempt: a person decides (return, scrap, re-ship)
  returning: 'alert', // back to sender: stock stays in transit until the return is received
};

/** Our own webhook's words (generic shape); kebab or snake case both accepted. */
export const GENERIC_STATUSES: Record<string, CarrierStatus> = {
  announced: 'announced',
  'info-received': 'announced',
  'picked-up': 'picked-up',
  'in-transit': 'in-transit',
  'out-for-delivery': 'out-for-delivery',
  delivered: 'delivered',
  exception: 'exception',
  'returned-to-sender': 'returning',
};

/** EasyPost Tracker / TrackingDetail `status` values (docs.easypost.com, Tracker object). */
export const EASYPOST_STATUSES: Record<string, CarrierStatus> = {
  pre_transit: 'announced',
  in_transit: 'in-transit',
  out_for_delivery: 'out-for-delivery',
  available_for_pickup: 'out-for-delivery',
  delivered: 'delivered',
  return_to_sender: 'returning',
  failure: 'exception',
  error: 'exception',
  cancelled: 'exception',
  unknown: 'in-transit',
};

/**
 * DCSA Track & Trace event type codes. SHIPMENT events are document events (booking, bill of lading);
 * TRANSPORT are vessel departures/arrivals; EQUIPMENT are container moves. DCSA has no proof of delivery of its
 * own: a container gated out at its destination (GTOT) is as far as ocean tracking goes, so it is out for delivery.
 */
export const DCSA_STATUSES: Record<string, CarrierStatus> = {
  'SHIPMENT:RECE': 'announced',
  'SHIPMENT:CONF': 'announced',
  'SHIPMENT:ISSU': 'announced',
  'SHIPMENT:SURR': 'announced',
  'SHIPMENT:PENA': 'announced',
  'SHIPMENT:APPR': 'announced',
  'SHIPMENT:REJE': 'exception',
  'SHIPMENT:CANC': 'exception',
  'SHIPMENT:HOLD': 'exception',
  'SHIPMENT:RELS': 'in-transit',
  'TRANSPORT:DEPA': 'in-transit',
  'TRANSPORT:ARRI': 'in-transit',
  'EQUIPMENT:GTIN': 'picked-up',
  'EQUIPMENT:LOAD': 'in-transit',
  'EQUIPMENT:DISC': 'in-transit',
  'EQUIPMENT:GTOT': 'out-for-delivery',
  'EQUIPMENT:STRP': 'delivered',
};

/**
 * EPCIS 2.0 / CBV 2.0 business steps a carrier or consignee reports. `shipping` is the origin's last step,
 * `departing`/`arriving` the legs in between, `receiving`/`accepting` the consignee taking the goods.
 */
export const EPCIS_BIZ_STEPS: Record<string, CarrierStatus> = {
  shipping: 'picked-up',
  departing: 'in-transit',
  arriving: 'in-transit',
  receiving: 'delivered',
  accepting: 'delivered',
};

/** CBV dispositions that turn any business step into an exception. */
export const EPCIS_EXCEPTION_DISPOSITIONS: ReadonlySet<string> = new Set(['damaged', 'destroyed', 'stolen', 'disposed', 'recalled', 'non_sellable_other']);
