// Carrier tracking: webhooks (generic, EasyPost, DCSA) and GS1 EPCIS 2.0 events read into one CarrierEvent shape;
// what a status means for stock (status-table.ts); the second leg of a two-legged shipment on proof of delivery.
export * from './carrier-event';
export * from './errors';
export * from './status-table';
export { readTrackingWebhook } from './read-tracking';
export { readEpcisDocument } from './epcis';
export { readEpcisXml } from './epcis-xml';
export * from './proof-of-delivery';
