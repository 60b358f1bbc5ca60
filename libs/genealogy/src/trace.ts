import { GenealogyIndex } from './genealogy-index';
import { FACTS } from './lot-facts';
import { LotKey, LotRef, lotRef } from './lot-key';
import {
  ConsumptionLine,
  DeliveryLine,
  ProductionLine,
  ReceiptLine,
  StockLine,
  consumptionLines,
  customerLines,
  deliveryLines,
  productionLines,
  receiptLine,
  receiptLines,
  sortedKeys,
  sortedLots,
  stockLines,
} from './lot-view';
import { Visit, pathsOf, walk } from './walk';

export interface TraceLink {
  lot: LotKey;
  transformationId: string;
}

export interface TracedLot {
  lot: LotRef;
  /** 0 for a start lot, 1 for what was made directly from it (forward) or what it was made from (backward) */
  depth: number;
  /** the lot one step nearer the start and the transformation between them; null for a start lot */
  via: TraceLink | null;
  /** lot keys from a start lot to this one, both included */
  path: LotKey[];
}

export interface ForwardTracedLot extends TracedLot {
  /** warehouses only: what can be blocked and pulled back */
  onHand: StockLine[];
  inTransit: StockLine[];
  /** net of returns, per customer, counted from the goods issue (what is on its way to a customer is the customer's) */
  atCustomers: StockLine[];
  deliveries: DeliveryLine[];
  consumedInto: ConsumptionLine[];
  /** balances at scrap and inventory-loss locations */
  scrappedOrLost: StockLine[];
}

export interface ForwardTrace {
  starts: LotRef[];
  /** breadth first: by depth, then lot key */
  lots: ForwardTracedLot[];
}

export interface BackwardTracedLot extends TracedLot {
  receipts: ReceiptLine[];
  producedBy: ProductionLine[];
}

export interface BackwardTrace {
  starts: LotRef[];
  lots: BackwardTracedLot[];
  /** every supplier receipt the chain reaches */
  receipts: (ReceiptLine & { lot: LotRef })[];
  /**
   * Ancestors neither received from a supplier nor made from other lots: where the chain breaks (invariant 5).
   * Empty when every branch ends in a supplier receipt.
   */
  unreceivedOrigins: LotKey[];
}

export interface DeliveryTrace {
  document: string;
  deliveries: (DeliveryLine & { lot: LotRef })[];
  trace: BackwardTrace;
}

export interface CustomerLots {
  customer: string;
  lots: { lot: LotRef; deliveries: DeliveryLine[] }[];
}

export function forwardTraceOf(index: GenealogyIndex, starts: readonly number[]): ForwardTrace {
  const visits = walk(index, starts, 'forward');
  return {
    starts: sortedKeys(index, new Set(starts)).map(lotRef),
    lots: traced(index, visits).map(({ visit, lot }) => {
      // neither receipts nor productions are part of a forward trace: a hub lot's descendants skip building them
      const facts = index.factsOf(visit.lot, FACTS.balances | FACTS.shipments | FACTS.consumptions);
      return {
        lot: lot.lot,
        depth: lot.depth,
        via: lot.via,
        path: lot.path,
        onHand: stockLines(facts, ['warehouse']),
        inTransit: stockLines(facts, ['in-transit']),
        atCustomers: customerLines(facts),
        deliveries: deliveryLines(facts),
        consumedInto: consumptionLines(index, facts),
        scrappedOrLost: stockLines(facts, ['scrap', 'inventory-loss']),
      };
    }),
  };
}

export function backwardTraceOf(index: GenealogyIndex, starts: readonly number[]): BackwardTrace {
  const visits = walk(index, starts, 'backward');
  const lots = traced(index, visits).map(({ visit, lot }) => {
    const facts = index.factsOf(visit.lot, FACTS.receipts | FACTS.productions);
    return { lot: lot.lot, depth: lot.depth, via: lot.via, path: lot.path, receipts: receiptLines(facts), producedBy: productionLines(index, facts) };
  });
  return {
    starts: sortedKeys(index, new Set(starts)).map(lotRef),
    lots,
    receipts: lots.flatMap((traced) => traced.receipts.map((receipt) => receiptLine(receipt, traced.lot))),
    unreceivedOrigins: sortedKeys(
      index,
      visits.filter((visit) => isUnreceivedOrigin(index, visit.lot)).map((visit) => visit.lot),
    ),
  };
}

export function backwardTraceOfDelivery(index: GenealogyIndex, document: string): DeliveryTrace | undefined {
  const lots = index.lotsOfDocument(document);
  if (!lots) return undefined;
  const deliveries = sortedLots(index, lots).flatMap((id) => {
    const lot = lotRef(index.lotKeyOf(id));
    return deliveryLines(index.factsOf(id))
      .filter((delivery) => delivery.document === document)
      .map((delivery) => ({ ...delivery, lot }));
  });
  return { document, deliveries, trace: backwardTraceOf(index, [...lots]) };
}

export function lotsDeliveredTo(index: GenealogyIndex, customer: string): CustomerLots {
  const lots = index.lotsByCustomer.get(customer) ?? new Set<number>();
  return {
    customer,
    lots: sortedLots(index, lots).map((id) => ({
      lot: lotRef(index.lotKeyOf(id)),
      deliveries: deliveryLines(index.factsOf(id), customer),
    })),
  };
}

export function backwardTraceOfCustomer(index: GenealogyIndex, customer: string): BackwardTrace | undefined {
  const lots = index.lotsByCustomer.get(customer);
  return lots ? backwardTraceOf(index, [...lots]) : undefined;
}

/** A lot the genealogy cannot explain: no supplier receipt, and no transformation with inputs made it. */
export function isUnreceivedOrigin(index: GenealogyIndex, lot: number): boolean {
  if (index.hasSupplierReceipt(lot)) return false;
  return !(index.producedBy[lot] ?? []).some((transformation) => index.transformation(transformation).inputLots.length > 0);
}

function traced(index: GenealogyIndex, visits: readonly Visit[]): { visit: Visit; lot: TracedLot }[] {
  const paths = pathsOf(index, visits);
  return visits.map((visit) => ({
    visit,
    lot: {
      lot: lotRef(index.lotKeyOf(visit.lot)),
      depth: visit.depth,
      via: visit.via ? { lot: index.lotKeyOf(visit.via.lot), transformationId: index.transformation(visit.via.transformation).id } : null,
      path: paths.get(visit.lot) ?? [],
    },
  }));
}
