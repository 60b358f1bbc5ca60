import { LocationKind, MovementKind, TransformationRole } from '@lotbridge/lot';

/**
 * What a movement means for the genealogy beyond its from and to: whether it undoes an earlier movement, and which
 * leg of a customer shipment it is. One place for these rules, so that trace, recall and mass balance agree.
 */

/**
 * A movement against its kind's direction undoes an earlier one: SAP 262 (return from production: kind
 * production-consumption, production -> warehouse), 102 (reversal of a goods receipt: kind receipt, back to the
 * supplier; of a production receipt: kind production-output, back into production), and the same for the sides
 * of a split or merge. A reversal reduces what was received, consumed or produced; it is never counted as
 * received or produced itself.
 */
export function isReversal(kind: MovementKind, from: LocationKind, to: LocationKind, role: TransformationRole | undefined): boolean {
  switch (kind) {
    case 'receipt':
      return to === 'supplier';
    case 'production-consumption':
      return from === 'production';
    case 'production-output':
      return to === 'production';
    case 'split':
    case 'merge':
      return (role === 'input' && from === 'production') || (role === 'output' && to === 'production');
    default:
      return false;
  }
}

/**
 * Customer shipments are two-legged (docs/architecture.md): a `delivery` from the warehouse to in-transit
 * `<shipTo>/<deliveryNumber>` at goods issue, then a `delivery` from there to customer `<shipTo>` on proof of delivery.
 * The lot counts as shipped to the customer at the goods issue; the second leg only confirms it.
 * - goods-issue: warehouse (or anything but in-transit/customer) -> in-transit, kind delivery
 * - proof-of-delivery: in-transit -> customer, kind delivery
 * - direct: anything else -> customer (a sender with a one-legged delivery)
 * - goods-issue-reversal: in-transit -> anything but a customer, kind delivery (SAP 602): not shipped after all
 * - return: customer -> anywhere
 */
export type ShipmentLeg = 'goods-issue' | 'proof-of-delivery' | 'direct' | 'goods-issue-reversal' | 'return';

export function shipmentLeg(kind: MovementKind, from: LocationKind, to: LocationKind): ShipmentLeg | undefined {
  if (from === 'customer') return 'return';
  if (kind === 'delivery' && from === 'in-transit') return to === 'customer' ? 'proof-of-delivery' : 'goods-issue-reversal';
  if (to === 'customer') return 'direct';
  if (kind === 'delivery' && to === 'in-transit') return 'goods-issue';
  return undefined;
}

/**
 * The customer a shipment leg concerns: the ship-to of the in-transit location for a goods issue (to it) and its
 * reversal (from it), the customer sent from for a return, the customer delivered to otherwise.
 */
export function customerOfShipment(leg: ShipmentLeg, fromCode: string, toCode: string, document: string): string {
  switch (leg) {
    case 'goods-issue':
      return shipToOf(toCode, document);
    case 'goods-issue-reversal':
      return shipToOf(fromCode, document);
    case 'return':
      return fromCode;
    case 'direct':
    case 'proof-of-delivery':
      return toCode;
  }
}

/**
 * The ship-to of an in-transit location `<shipTo>/<deliveryNumber>`: the part before `/<document>` when the code ends
 * with the movement's own document number, else the part before the last slash (a ship-to may hold a slash, a
 * delivery number does not), else the whole code.
 */
export function shipToOf(inTransitCode: string, document: string): string {
  const suffix = `/${document}`;
  if (inTransitCode.length > suffix.length && inTransitCode.endsWith(suffix)) return inTransitCode.slice(0, -suffix.length);
  const slash = inTransitCode.lastIndexOf('/');
  return slash > 0 ? inTransitCode.slice(0, slash) : inTransitCode;
}
