import { Location, LocationKind } from '@lotbridge/lot';
import { ExactTotal } from './exact-quantity';
import { DeliveryFact, GenealogyIndex } from './genealogy-index';
import { FACTS, lotLedgerOf } from './lot-facts';
import { LotKey, LotRef, compareText, lotRef } from './lot-key';
import { DeliveryLine, askedLots, chronological } from './lot-view';
import { customerOfShipment, shipmentLeg } from './movement-meaning';
import { TraceLink } from './trace';
import { Visit, walk } from './walk';

export interface LocationStock {
  location: Location;
  locationKey: string;
  quantity: string;
  unit: string;
  lots: { lot: LotRef; quantity: string }[];
}

/** What a customer has of the affected lots in one unit, and the documents that carried them. */
export interface ShippedQuantity {
  /** net of returns, counted from the goods issue */
  quantity: string;
  unit: string;
  /** delivery documents (goods issues, one-legged deliveries, proofs of delivery standing in for a missing goods issue) and return documents, sorted */
  documents: string[];
}

export interface CustomerShipments {
  customer: string;
  /** per unit, zero totals left out */
  shipped: ShippedQuantity[];
  /** every delivery and return line with its lot, oldest first: only when asked for (`withDeliveries`) */
  deliveries?: CustomerDelivery[];
}

/** A lot the recall reaches: how far from a recalled lot, and through which lot and transformation. */
export interface AffectedLot {
  lot: LotRef;
  /** 0 for a recalled lot */
  depth: number;
  via: TraceLink | null;
}

/**
 * What a recall has to act on. Per lot only where it came from; the rest is summed where the recall acts, at
 * locations and customers. A lot's own stock, deliveries and consumptions are its forward trace, and the delivery
 * lines of every customer are asked separately (`withDeliveries`, the notification list): for a hub lot with tens
 * of thousands of descendants they would be most of a recall's time and tens of megabytes in every recall case.
 */
export interface RecallImpact {
  requested: LotKey[];
  /** requested lots the genealogy has never seen: said, not dropped */
  unknownLots: LotKey[];
  /** every affected lot, breadth first (by depth, then lot key), the requested ones at depth 0 */
  lots: AffectedLot[];
  /** stock in warehouses, per location and unit, with each lot's part */
  onHand: LocationStock[];
  /** stock in transit between own sites (a shipment on its way to a customer counts as shipped) */
  inTransit: LocationStock[];
  shipped: CustomerShipments[];
}

export type CustomerDelivery = DeliveryLine & { lot: LotRef };

export type RecallImpactWithDeliveries = Omit<RecallImpact, 'shipped'> & { shipped: (CustomerShipments & { deliveries: CustomerDelivery[] })[] };

/**
 * The affected lots (the forward walk of walk.ts) and, in one pass over each lot's movements, the sums where the
 * recall acts. The rules are the forward trace's (lot-facts.ts, movement-meaning.ts): warehouses are on hand,
 * in-transit locations not shipped to a customer are in transit, and a customer has its balance plus what a goods
 * issue sent its way, where positive. The pass sums integer millionths by place and unit id in reused totals and
 * makes text only for what lands in the answer; recall-impact.equivalence.spec.ts holds it to the straightforward
 * computation from every lot's full facts.
 */
export function recallImpactOf(index: GenealogyIndex, lotKeys: readonly LotKey[], options: { withDeliveries?: boolean } = {}): RecallImpact {
  const { known, requested, unknownLots } = askedLots(index, lotKeys);
  const ledger = new LotBalances();
  const onHand = new StockByPlace();
  const inTransit = new StockByPlace();
  const shipped = new ShipmentsByCustomer();
  const { log } = index;
  const visits = walk(index, known, 'forward');
  // lots in id order, which is the order they entered the genealogy and so, mostly, where their movements lie: a hub
  // lot's descendants read near-sequentially instead of at random. The answer keeps the walk's order (stock lines are
  // put back in it below), so it does not depend on this.
  const byLotId = Int32Array.from(visits.keys()).sort((a, b) => (visits[a] as Visit).lot - (visits[b] as Visit).lot);
  const refs: LotRef[] = new Array<LotRef>(visits.length);
  for (const visitIndex of byLotId) {
    const visit = visits[visitIndex] as Visit;
    const lot = lotRef(index.lotKeyOf(visit.lot));
    refs[visitIndex] = lot;
    ledger.read(index, visit.lot);
    for (let slot = 0; slot < ledger.size; slot++) {
      const total = ledger.totals[slot] as ExactTotal;
      const sign = total.sign();
      if (sign === 0) continue;
      const place = ledger.places[slot] as number;
      const unit = ledger.units[slot] as number;
      const kind = ledger.kinds[slot] as LocationKind;
      const shipTo = ledger.shipTo.get(place);
      if (kind === 'warehouse') onHand.add(index, place, unit, total, lot, visitIndex);
      else if (kind === 'in-transit' && shipTo === undefined) inTransit.add(index, place, unit, total, lot, visitIndex);
      const customer = kind === 'customer' ? log.placeCode(place) : shipTo;
      if (customer !== undefined && sign > 0) shipped.total(customer, unit).addTotal(total);
    }
    for (let i = 0; i < ledger.shipments.length; i++) {
      const movement = ledger.shipments[i] as number;
      shipped.document(ledger.customers[i] as string, log.unitId(movement), log.documentId(movement));
    }
    if (options.withDeliveries) for (const delivery of lotLedgerOf(index, visit.lot, FACTS.shipments).deliveries) shipped.delivery(delivery, lot);
  }
  const lots = visits.map(
    (visit, visitIndex): AffectedLot => ({
      lot: refs[visitIndex] as LotRef,
      depth: visit.depth,
      via: visit.via ? { lot: index.lotKeyOf(visit.via.lot), transformationId: index.transformation(visit.via.transformation).id } : null,
    }),
  );
  return {
    requested,
    unknownLots,
    lots,
    onHand: onHand.stocks(),
    inTransit: inTransit.stocks(),
    shipped: shipped.customers(index, options.withDeliveries === true),
  };
}

/**
 * One lot's balances by place and unit id, in exact totals reused from lot to lot, and its shipment legs with their
 * customers: what lotLedgerOf derives, without an object per balance or a line per delivery.
 */
class LotBalances {
  size = 0;
  readonly places: number[] = [];
  readonly kinds: LocationKind[] = [];
  readonly units: number[] = [];
  readonly totals: ExactTotal[] = [];
  /** in-transit place -> the customer a goods issue (or a proof of delivery without one) shipped it to */
  readonly shipTo = new Map<number, string>();
  private readonly issued = new Set<number>();
  /** movements that carried the lot to or back from a customer, and that customer */
  readonly shipments: number[] = [];
  readonly customers: string[] = [];
  private readonly proofs: number[] = [];

  read(index: GenealogyIndex, lot: number): void {
    const { log } = index;
    this.size = 0;
    this.shipTo.clear();
    this.issued.clear();
    this.shipments.length = 0;
    this.customers.length = 0;
    this.proofs.length = 0;
    for (let movement = index.firstMovementOf(lot); movement >= 0; movement = log.nextOfLot(movement)) {
      const from = log.from(movement);
      const to = log.to(movement);
      const unit = log.unitId(movement);
      const fromKind = log.fromKind(movement);
      const toKind = log.toKind(movement);
      this.post(index, from, fromKind, unit, movement, -1);
      this.post(index, to, toKind, unit, movement, 1);
      const leg = shipmentLeg(log.kind(movement), fromKind, toKind);
      if (leg === undefined) continue;
      if (leg === 'proof-of-delivery') {
        this.proofs.push(movement);
        continue;
      }
      const customer = customerOfShipment(leg, log.placeCode(from), log.placeCode(to), log.document(movement));
      if (leg === 'goods-issue') {
        this.shipTo.set(to, customer);
        this.issued.add(to);
      }
      this.shipments.push(movement);
      this.customers.push(customer);
    }
    // a proof of delivery only confirms its goods issue; without one it is the only evidence of the shipment
    for (const proof of this.proofs) {
      const transit = log.from(proof);
      if (this.issued.has(transit)) continue;
      const customer = log.placeCode(log.to(proof));
      this.shipTo.set(transit, customer);
      this.shipments.push(proof);
      this.customers.push(customer);
    }
  }

  private post(index: GenealogyIndex, place: number, kind: LocationKind, unit: number, movement: number, sign: 1 | -1): void {
    let slot = 0;
    while (slot < this.size && (this.places[slot] !== place || this.units[slot] !== unit)) slot++;
    if (slot === this.size) {
      this.places[slot] = place;
      this.kinds[slot] = kind;
      this.units[slot] = unit;
      const reused = this.totals[slot];
      if (reused) reused.reset();
      else this.totals[slot] = new ExactTotal();
      this.size++;
    }
    index.log.addTo(this.totals[slot] as ExactTotal, movement, sign);
  }
}

/** Stock per location and unit, with each lot's part; grouped by place and unit id, text made once per group. */
class StockByPlace {
  private readonly byPlace = new Map<number, Map<number, PlaceStock>>();

  /** `order`: the lot's place in the answer's order of lots; each location lists its lots in that order */
  add(index: GenealogyIndex, place: number, unit: number, lotTotal: ExactTotal, lot: LotRef, order: number): void {
    let units = this.byPlace.get(place);
    if (!units) this.byPlace.set(place, (units = new Map<number, PlaceStock>()));
    let entry = units.get(unit);
    if (!entry) {
      const { location, key } = index.log.place(place);
      entry = { stock: { location: { ...location }, locationKey: key, quantity: '0', unit: index.log.texts.text(unit), lots: [] }, total: new ExactTotal(), orders: [] };
      units.set(unit, entry);
    }
    entry.total.addTotal(lotTotal);
    entry.stock.lots.push({ lot, quantity: lotTotal.value() });
    entry.orders.push(order);
  }

  stocks(): LocationStock[] {
    const result: LocationStock[] = [];
    for (const units of this.byPlace.values()) {
      for (const { stock, total, orders } of units.values()) {
        stock.quantity = total.value();
        const lots = stock.lots;
        stock.lots = Array.from(orders.keys())
          .sort((a, b) => (orders[a] as number) - (orders[b] as number))
          .map((i) => lots[i] as { lot: LotRef; quantity: string });
        result.push(stock);
      }
    }
    return result.sort((a, b) => compareText(a.locationKey, b.locationKey) || compareText(a.unit, b.unit));
  }
}

interface PlaceStock {
  stock: LocationStock;
  total: ExactTotal;
  /** each lot line's place in the answer's order of lots */
  orders: number[];
}

interface CustomerUnit {
  total: ExactTotal;
  /** text ids of the documents (movement-log.ts): made text once, when the answer is written */
  documents: Set<number>;
}

class ShipmentsByCustomer {
  private readonly byCustomer = new Map<string, { units: Map<number, CustomerUnit>; deliveries: CustomerDelivery[] }>();

  total(customer: string, unit: number): ExactTotal {
    return this.unit(customer, unit).total;
  }

  document(customer: string, unit: number, document: number): void {
    this.unit(customer, unit).documents.add(document);
  }

  delivery(delivery: DeliveryFact, lot: LotRef): void {
    this.entry(delivery.customer).deliveries.push(customerDelivery(delivery, lot));
  }

  customers(index: GenealogyIndex, withDeliveries: boolean): CustomerShipments[] {
    return [...this.byCustomer.entries()]
      .sort(([a], [b]) => compareText(a, b))
      .map(([customer, { units, deliveries }]) => {
        const shipped: ShippedQuantity[] = [];
        for (const [unit, { total, documents }] of units) {
          if (total.sign() !== 0) shipped.push({ quantity: total.value(), unit: index.log.texts.text(unit), documents: Array.from(documents, (document) => index.log.texts.text(document)).sort() }); // code-unit order, natively
        }
        shipped.sort((a, b) => compareText(a.unit, b.unit));
        return withDeliveries ? { customer, shipped, deliveries: chronological(deliveries) } : { customer, shipped };
      });
  }

  private unit(customer: string, unit: number): CustomerUnit {
    const { units } = this.entry(customer);
    let found = units.get(unit);
    if (!found) units.set(unit, (found = { total: new ExactTotal(), documents: new Set() }));
    return found;
  }

  private entry(customer: string) {
    let found = this.byCustomer.get(customer);
    if (!found) this.byCustomer.set(customer, (found = { units: new Map(), deliveries: [] }));
    return found;
  }
}

/** The delivery line of a fact (its in-transit key left out) with its lot, fields in deliveryLine's order; no spread. */
function customerDelivery(delivery: DeliveryFact, lot: LotRef): CustomerDelivery {
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
