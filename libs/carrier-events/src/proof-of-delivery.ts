import { LotMovement, movementIdFor } from '@lotbridge/lot';

/** What one goods issue put in transit: a lot on its way to `shipTo` under a delivery number. */
export interface InTransitLine {
  /** the goods-issue movement's id: one second leg per goods-issue movement */
  goodsIssueMovementId: string;
  deliveryNumber: string;
  shipTo: string;
  item: string;
  batchNumber: string;
  quantity: string;
  unit: string;
  sscc?: string;
  expiryDate?: string;
  productionDate?: string;
  /** when the goods issue happened (UTC) */
  issuedAt: string;
}

/** The system name second-leg movements carry as their source. */
export const CARRIER_SOURCE_SYSTEM = 'CARRIER';

/**
 * A goods issue is a `delivery` movement into the in-transit location `<shipTo>/<deliveryNumber>` (first leg of a
 * two-legged shipment); anything else is not our business. The delivery number is after the last '/', so a
 * ship-to with '/' in it still reads right.
 */
export function inTransitLineOf(movement: LotMovement): InTransitLine | undefined {
  if (movement.kind !== 'delivery' || movement.to.kind !== 'in-transit') return undefined;
  const slash = movement.to.code.lastIndexOf('/');
  if (slash <= 0 || slash === movement.to.code.length - 1) return undefined;
  return {
    goodsIssueMovementId: movement.movementId,
    deliveryNumber: movement.to.code.slice(slash + 1),
    shipTo: movement.to.code.slice(0, slash),
    item: movement.item,
    batchNumber: movement.batchNumber,
    quantity: movement.quantity,
    unit: movement.unit,
    issuedAt: movement.occurredAt,
    ...(movement.sscc !== undefined ? { sscc: movement.sscc } : {}),
    ...(movement.expiryDate !== undefined ? { expiryDate: movement.expiryDate } : {}),
    ...(movement.productionDate !== undefined ? { productionDate: movement.productionDate } : {}),
  };
}

/**
 * The second leg of a delivered shipment: each line's quantity from in-transit `<shipTo>/<deliveryNumber>` to the
 * customer `<shipTo>`, with the same batch number, SSCC and dates. The movement id depends only on the goods-issue
 * movement, so a repeated "delivered" (carrier retry, a second carrier format) makes the same movement, which
 * inventory applies once. The instant is the delivery's, but never before the goods issue: a carrier clock
 * behind ours must not put the lot at the customer before it left.
 */
export function proofOfDeliveryMovement(line: InTransitLine, deliveredAt: string): LotMovement {
  const source = { system: CARRIER_SOURCE_SYSTEM, document: line.deliveryNumber, line: line.goodsIssueMovementId };
  return {
    movementId: movementIdFor(source, 'delivery'),
    kind: 'delivery',
    item: line.item,
    batchNumber: line.batchNumber,
    quantity: line.quantity,
    unit: line.unit,
    from: { kind: 'in-transit', code: `${line.shipTo}/${line.deliveryNumber}` },
    to: { kind: 'customer', code: line.shipTo },
    occurredAt: Date.parse(deliveredAt) < Date.parse(line.issuedAt) ? line.issuedAt : deliveredAt,
    source,
    ...(line.sscc !== undefined ? { sscc: line.sscc } : {}),
    ...(line.expiryDate !== undefined ? { expiryDate: line.expiryDate } : {}),
    ...(line.productionDate !== undefined ? { productionDate: line.productionDate } : {}),
  };
}
