import { Location, addQuantities } from '@lotbridge/lot';
import { GenealogyIndex } from './genealogy-index';
import { LotKey, LotRef, compareText } from './lot-key';
import { DeliveryLine, StockLine, chronological, deliveryLine } from './lot-view';
import { ForwardTracedLot, forwardTraceOf } from './trace';
import { UnitQuantity, totalsByUnit } from './unit-quantity';

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

function byLocation(lots: readonly ForwardTracedLot[], stockOf: (lot: ForwardTracedLot) => StockLine[]): LocationStock[] {
  const stocks = new Map<string, LocationStock>();
  for (const traced of lots) {
    for (const line of stockOf(traced)) {
      const key = JSON.stringify([line.locationKey, line.unit]);
      let stock = stocks.get(key);
      if (!stock) stocks.set(key, (stock = { location: line.location, locationKey: line.locationKey, quantity: '0', unit: line.unit, lots: [] }));
      stock.quantity = addQuantities(stock.quantity, line.quantity);
      stock.lots.push({ lot: traced.lot, quantity: line.quantity });
    }
  }
  return [...stocks.values()].sort((a, b) => compareText(a.locationKey, b.locationKey) || compareText(a.unit, b.unit));
}

function byCustomer(lots: readonly ForwardTracedLot[]): CustomerShipments[] {
  const customers = new Map<string, { balances: UnitQuantity[]; deliveries: (DeliveryLine & { lot: LotRef })[] }>();
  const entry = (customer: string) => {
    let found = customers.get(customer);
    if (!found) customers.set(customer, (found = { balances: [], deliveries: [] }));
    return found;
  };
  for (const traced of lots) {
    for (const balance of traced.atCustomers) entry(balance.location.code).balances.push(balance);
    for (const delivery of traced.deliveries) {
      const line: DeliveryLine & { lot: LotRef } = Object.assign(deliveryLine(delivery), { lot: traced.lot });
      entry(delivery.customer).deliveries.push(line);
    }
  }
  return [...customers.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([customer, { balances, deliveries }]) => ({
      customer,
      shipped: totalsByUnit(balances),
      deliveries: chronological(deliveries),
    }));
}
