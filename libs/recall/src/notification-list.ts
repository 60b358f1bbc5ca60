import type { RecallImpact, RecallImpactWithDeliveries } from '@lotbridge/genealogy';

export interface CustomerNotification {
  customer: string;
  /** net of returns, per unit */
  shipped: { quantity: string; unit: string }[];
  deliveries: { document: string; line: string; item: string; batchNumber: string; quantity: string; unit: string; occurredAt: string; kind: string }[];
}

export interface LocationNotification {
  locationKey: string;
  /** on-hand: stock to block and pull; in-transit: shipments to stop */
  kind: 'on-hand' | 'in-transit';
  lots: { item: string; batchNumber: string; quantity: string; unit: string }[];
}

export interface NotificationList {
  customers: CustomerNotification[];
  locations: LocationNotification[];
}

/** Who must be told what: each customer with the deliveries that carried affected lots, each place holding them. */
export function notificationListOf(impact: RecallImpactWithDeliveries): NotificationList {
  const locations = (kind: LocationNotification['kind'], stocks: RecallImpact['onHand']): LocationNotification[] =>
    stocks.map((stock) => ({
      locationKey: stock.locationKey,
      kind,
      lots: stock.lots.map((entry) => ({ item: entry.lot.item, batchNumber: entry.lot.batchNumber, quantity: entry.quantity, unit: stock.unit })),
    }));
  return {
    customers: impact.shipped.map((shipment) => ({
      customer: shipment.customer,
      shipped: shipment.shipped.map(({ quantity, unit }) => ({ quantity, unit })),
      deliveries: shipment.deliveries.map((delivery) => ({
        document: delivery.document,
        line: delivery.line,
        item: delivery.lot.item,
        batchNumber: delivery.lot.batchNumber,
        quantity: delivery.quantity,
        unit: delivery.unit,
        occurredAt: delivery.occurredAt,
        kind: delivery.kind,
      })),
    })),
    locations: [...locations('on-hand', impact.onHand), ...locations('in-transit', impact.inTransit)],
  };
}
