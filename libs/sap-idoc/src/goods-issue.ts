import { movementIdFor, type Location, type LotMovement } from '@lotbridge/lot';

/**
 * Customer shipments are two-legged (a decision shared by every adapter): the goods issue moves the lot from the
 * warehouse to in-transit "<shipTo>/<deliveryNumber>"; a second `delivery` movement moves it from there to the
 * customer on proof of delivery (a carrier's "delivered" event), or at once when the sender has no carrier step
 * (SAP_GOODS_ISSUE_DESTINATION=customer).
 */
export type GoodsIssueDestination = 'in-transit' | 'customer';

export function inTransitLocation(shipTo: string, deliveryNumber: string): Location {
  return { kind: 'in-transit', code: `${shipTo}/${deliveryNumber}` };
}

/** The second leg's source line: the goods issue's line with this suffix, so both legs have their own movement id. */
export const DELIVERED_LINE_SUFFIX = '/delivered';

/**
 * The movements of one goods issue (warehouse -> in-transit) or of its reversal (in-transit -> warehouse): with
 * destination `customer` the leg between in-transit and the customer is added after the issue (or, for a
 * reversal, before it, so the goods come back the way they went).
 */
export function goodsIssueLegs(leg: LotMovement, shipTo: string, destination: GoodsIssueDestination): LotMovement[] {
  if (destination === 'in-transit') return [leg];
  const inTransit = leg.to.kind === 'in-transit' ? leg.to : leg.from;
  const customer: Location = { kind: 'customer', code: shipTo };
  const source = { ...leg.source, line: `${leg.source.line}${DELIVERED_LINE_SUFFIX}` };
  const second: LotMovement = {
    ...leg,
    movementId: movementIdFor(source, leg.kind),
    source,
    from: leg.reversal ? customer : inTransit,
    to: leg.reversal ? inTransit : customer,
  };
  return leg.reversal ? [second, leg] : [leg, second];
}
