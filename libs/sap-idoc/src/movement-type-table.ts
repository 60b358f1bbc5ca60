import type { MovementKind } from '@lotbridge/lot';

/**
 * The one table of what an SAP goods movement type (BWART / MOVE_TYPE) means for lot stock.
 *
 * Places, resolved per item by goods-movement-mapping.ts:
 * - `plant`     the item's plant and storage location (PLANT/STGE_LOC, WERKS/LGORT): a warehouse location
 * - `receiving` the receiving plant and storage location (MOVE_PLANT/MOVE_STLOC, UMWRK/UMLGO), defaulting to
 *               the item's own plant (311 moves between storage locations of one plant)
 * - `supplier`  the vendor (VENDOR/LIFNR; without one the purchase order, "PO <PO_NUMBER>")
 * - `customer`  the customer (CUSTOMER/KUNNR)
 * - `order`     the production or process order (ORDERID/AUFNR): a production location
 * - `scrap`, `inventory-loss`: virtual locations of the plant
 * - `in-transit` the goods-issue leg of a customer shipment, "<customer>/<delivery>" (two-legged shipments)
 *
 * Reversals: SAP posts a cancellation as the next movement type (102 cancels 101, 262 cancels 261 ...).
 * A reversal is the base row with from and to swapped, the base row's kind, and `reversal: true` on the
 * movement: stock goes back exactly, and genealogy counts it neither as a new receipt nor as new production
 * or consumption (libs/genealogy skips the facts of reversal movements; balances still move).
 *
 * Sources: SAP's standard movement types (transaction OMJJ; SAP Help "Movement Types" list): 101 GR for
 * purchase order or production order, 122 return delivery to vendor, 261 GI for order, 301 transfer plant to
 * plant (one step), 311 transfer storage location to storage location (one step), 551 withdrawal for
 * scrapping, 601 GI for delivery, 651 returns from customer (to blocked stock), 701/702 inventory differences
 * (gain/loss in physical inventory).
 */
export type MovementPlace = 'plant' | 'receiving' | 'supplier' | 'customer' | 'order' | 'scrap' | 'inventory-loss' | 'in-transit';

export interface MovementTypeRule {
  kind: MovementKind;
  from: MovementPlace;
  to: MovementPlace;
  text: string;
  /** the cancelled movement type, for reversals */
  reverses?: string;
}

const BASE_TYPES = {
  // 101 against a production order (ORDERID/AUFNR, or movement indicator F) is production output: see ORDER_RECEIPT.
  '101': { kind: 'receipt', from: 'supplier', to: 'plant', text: 'goods receipt for purchase order' },
  '122': { kind: 'receipt', from: 'plant', to: 'supplier', text: 'return delivery to vendor', reverses: '101' },
  '261': { kind: 'production-consumption', from: 'plant', to: 'order', text: 'goods issue for order' },
  '301': { kind: 'transfer-out', from: 'plant', to: 'receiving', text: 'transfer posting plant to plant' },
  '311': { kind: 'transfer-out', from: 'plant', to: 'receiving', text: 'transfer posting storage location to storage location' },
  '551': { kind: 'scrap', from: 'plant', to: 'scrap', text: 'withdrawal for scrapping' },
  '601': { kind: 'delivery', from: 'plant', to: 'in-transit', text: 'goods issue for delivery' },
  '651': { kind: 'customer-return', from: 'customer', to: 'plant', text: 'returns from customer' },
  '701': { kind: 'count-adjustment', from: 'inventory-loss', to: 'plant', text: 'inventory difference: gain' },
  '702': { kind: 'count-adjustment', from: 'plant', to: 'inventory-loss', text: 'inventory difference: loss' },
} as const satisfies Record<string, MovementTypeRule>;

/** 101 with an order: the order's output goes from production into the warehouse. */
export const ORDER_RECEIPT: MovementTypeRule = { kind: 'production-output', from: 'order', to: 'plant', text: 'goods receipt for order' };

function reversalOf(base: string, rule: MovementTypeRule): MovementTypeRule {
  return { kind: rule.kind, from: rule.to, to: rule.from, text: `reversal of ${base} (${rule.text})`, reverses: base };
}

/** Every movement type the adapter maps; anything else is refused (IDOC.UNSUPPORTED_MOVEMENT_TYPE), never guessed. */
export const MOVEMENT_TYPES: Readonly<Record<string, MovementTypeRule>> = {
  ...BASE_TYPES,
  '102': reversalOf('101', BASE_TYPES['101']),
  '262': reversalOf('261', BASE_TYPES['261']),
  '302': reversalOf('301', BASE_TYPES['301']),
  '312': reversalOf('311', BASE_TYPES['311']),
  '552': reversalOf('551', BASE_TYPES['551']),
  '602': reversalOf('601', BASE_TYPES['601']),
  '652': reversalOf('651', BASE_TYPES['651']),
};

/** The rule of a movement type; for 101/102 with a production order, the order receipt (or its reversal). */
export function movementTypeRule(movementType: string, withOrder: boolean): MovementTypeRule | undefined {
  if (!Object.hasOwn(MOVEMENT_TYPES, movementType)) return undefined;
  if (withOrder && movementType === '101') return ORDER_RECEIPT;
  if (withOrder && movementType === '102') return reversalOf('101', ORDER_RECEIPT);
  return MOVEMENT_TYPES[movementType];
}
