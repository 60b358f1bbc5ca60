import { Location } from '@lotbridge/lot';
import { ExactTotal, toMillionths } from './exact-quantity';
import { GenealogyIndex } from './genealogy-index';
import { LotKey, LotRef, compareText } from './lot-key';
import { DeliveryLine, StockLine, chronological } from './lot-view';
import { ForwardTracedLot, forwardTraceOf } from './trace';
import { UnitQuantity, isZero } from './unit-quantity';

export interface LocationStock {
  location: Location;
  locationKey: string;
  quantity: string;
  unit: string;
  lots: { lot: LotRef; quantity: string }[];
}

export interface CustomerShipments {
  customer: string;
  /** net of returns, per unit */
  shipped: UnitQuantity[];
  deliveries: (DeliveryLine & { lot: LotRef })[];
}

export interface RecallImpact {
  requested: LotKey[];
  /** requested lots the genealogy has never seen: said, not dropped */
  unknownLots: LotKey[];
  /** every affected lot, the requested ones at depth 0 */
  lots: ForwardTracedLot[];
  onHand: LocationStock[];
  inTransit: LocationStock[];
  shipped: CustomerShipments[];
}

/** The union of the forward traces of the recalled lots, summed where the recall has to act: locations and customers. */
export function recallImpactOf(index: GenealogyIndex, lotKeys: readonly LotKey[]): RecallImpact {
  const known = lotKeys.filter((key) => index.lotId(key) !== undefined);
  const trace = forwardTraceOf(
    index,
    known.map((key) => index.lotId(key) as number),
  );
  return {
    requested: [...new Set(lotKeys)].sort(compareText),
    unknownLots: [...new Set(lotKeys.filter((key) => index.lotId(key) === undefined))].sort(compareText),
    lots: trace.lots,
    onHand: byLocation(trace.lots, (lot) => lot.onHand),
    inTransit: byLocation(trace.lots, (lot) => lot.inTransit),
    shipped: byCustomer(trace.lots),
  };
}

/**
 * Stock per location and unit. Sums go through ExactTotal (whole millionths, decimal text only past the safe
 * range) instead of a decimal.js addition per line, and the groups are nested maps instead of JSON.stringify keys:
 * a hub lot's recall sums tens of thousands of lines.
 */
function byLocation(lots: readonly ForwardTracedLot[], stockOf: (lot: ForwardTracedLot) => StockLine[]): LocationStock[] {
  const stocks = new Map<string, Map<string, { stock: LocationStock; total: ExactTotal }>>();
  for (const traced of lots) {
    for (const line of stockOf(traced)) {
      let units = stocks.get(line.locationKey);
      if (!units) stocks.set(line.locationKey, (units = new Map<string, { stock: LocationStock; total: ExactTotal }>()));
      let entry = units.get(line.unit);
      if (!entry) {
        entry = { stock: { location: line.location, locationKey: line.locationKey, quantity: '0', unit: line.unit, lots: [] }, total: new ExactTotal() };
        units.set(line.unit, entry);
      }
      entry.total.add(line.quantity, toMillionths(line.quantity));
      entry.stock.lots.push({ lot: traced.lot, quantity: line.quantity });
    }
  }
  const result: LocationStock[] = [];
  for (const units of stocks.values()) {
    for (const { stock, total } of units.values()) {
      stock.quantity = total.value();
      result.push(stock);
    }
  }
  return result.sort((a, b) => compareText(a.locationKey, b.locationKey) || compareText(a.unit, b.unit));
}

type CustomerDelivery = DeliveryLine & { lot: LotRef };

function byCustomer(lots: readonly ForwardTracedLot[]): CustomerShipments[] {
  const customers = new Map<string, { balances: Map<string, ExactTotal>; deliveries: CustomerDelivery[] }>();
  const entry = (customer: string) => {
    let found = customers.get(customer);
    if (!found) customers.set(customer, (found = { balances: new Map(), deliveries: [] }));
    return found;
  };
  for (const traced of lots) {
    for (const balance of traced.atCustomers) {
      const { balances } = entry(balance.location.code);
      let total = balances.get(balance.unit);
      if (!total) balances.set(balance.unit, (total = new ExactTotal()));
      total.add(balance.quantity, toMillionths(balance.quantity));
    }
    for (const delivery of traced.deliveries) entry(delivery.customer).deliveries.push(customerDelivery(delivery, traced.lot));
  }
  return [...customers.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([customer, { balances, deliveries }]) => ({
      customer,
      shipped: unitTotals(balances),
      deliveries: chronological(deliveries),
    }));
}

/** Per unit, sorted by unit, zero totals left out: what totalsByUnit gives for the same lines. */
function unitTotals(totals: Map<string, ExactTotal>): UnitQuantity[] {
  const result: UnitQuantity[] = [];
  for (const [unit, total] of totals) {
    const quantity = total.value();
    if (!isZero(quantity)) result.push({ quantity, unit });
  }
  return result.sort((a, b) => compareText(a.unit, b.unit));
}

/** A copy of the delivery line with its lot, fields in the order deliveryLine writes them, the lot last; no spread. */
function customerDelivery(delivery: DeliveryLine, lot: LotRef): CustomerDelivery {
  const line = {
    movementId: delivery.movementId,
    system: delivery.system,
    document: delivery.document,
    line: delivery.line,
    quantity: delivery.quantity,
    unit: delivery.unit,
    occurredAt: delivery.occurredAt,
    kind: delivery.kind,
    customer: delivery.customer,
    warehouse: delivery.warehouse,
  } as CustomerDelivery;
  if (delivery.deliveredAt !== undefined) line.deliveredAt = delivery.deliveredAt;
  line.lot = lot;
  return line;
}
