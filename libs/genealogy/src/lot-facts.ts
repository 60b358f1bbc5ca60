import type { MovementKind } from '@lotbridge/lot';
import { ExactTotal } from './exact-quantity';
import type { BalanceFact, DeliveryFact, Documented, GenealogyIndex, LotFacts, ReceiptFact, TransformationFact } from './genealogy-index';
import { MovementLog } from './movement-log';
import { customerOfShipment, isReversal, shipToOf, shipmentLeg } from './movement-meaning';
import { UnitQuantity } from './unit-quantity';

/** Which facts a question needs: a backward trace reads receipts and productions only, and a hub lot has thousands of other lines. */
export const FACTS = { balances: 1, receipts: 2, shipments: 4, consumptions: 8, productions: 16, flows: 32, all: 63 } as const;

/** A lot's running total at one place in one unit: place and unit ids of the movement log. */
export interface LedgerBalance {
  place: number;
  unit: number;
  total: ExactTotal;
}

/**
 * A lot's facts before they become text: balances as exact totals by place and unit id, and which in-transit places
 * (by id) are shipments to which customer. A recall sums these over thousands of lots without building a line each.
 */
export interface LotLedger {
  balances: LedgerBalance[];
  transits: Map<number, string>;
  receipts: ReceiptFact[];
  deliveries: DeliveryFact[];
  consumptions: TransformationFact[];
  productions: TransformationFact[];
  consumed: Map<number, ExactTotal>;
  produced: Map<number, ExactTotal>;
}

/** One lot's facts as plain lines (see lotLedgerOf). */
export function lotFactsOf(index: GenealogyIndex, lot: number, parts: number = FACTS.all): LotFacts {
  const { log } = index;
  const { balances, transits, receipts, deliveries, consumptions, productions, consumed, produced } = lotLedgerOf(index, lot, parts);
  const facts: LotFacts = {
    balances: balances.map(({ place, unit, total }): BalanceFact => {
      const { location, key } = log.place(place);
      const shipTo = transits.get(place);
      // a literal, the ship-to set after: a spread per balance of every lot of a recall costs more than the rest of it
      const fact: BalanceFact = { location, locationKey: key, unit: log.texts.text(unit), quantity: total.value() };
      if (shipTo !== undefined) fact.shipTo = shipTo;
      return fact;
    }),
  };
  if (receipts.length > 0) facts.receipts = receipts;
  if (deliveries.length > 0) facts.deliveries = deliveries;
  if (consumptions.length > 0) facts.consumptions = consumptions;
  if (productions.length > 0) facts.productions = productions;
  if (consumed.size > 0) facts.consumed = unitTotals(index, consumed);
  if (produced.size > 0) facts.produced = unitTotals(index, produced);
  return facts;
}

/**
 * One lot's ledger, derived from its movements in one pass. Everything is a sum or a list sorted later, so the
 * answer does not depend on the order the movements arrived in. Reversals (movement-meaning.ts) take back what
 * they reverse: negative receipt and transformation lines, net consumed and produced. A goods issue to in-transit
 * `<shipTo>/<delivery>` is the shipment; its proof of delivery only adds `deliveredAt` (or, if the goods issue is
 * missing, stands in for it), so the second leg is never counted twice.
 */
export function lotLedgerOf(index: GenealogyIndex, lot: number, parts: number = FACTS.all): LotLedger {
  const wantBalances = (parts & FACTS.balances) !== 0;
  const wantReceipts = (parts & FACTS.receipts) !== 0;
  const wantShipments = (parts & FACTS.shipments) !== 0;
  const wantConsumptions = (parts & FACTS.consumptions) !== 0;
  const wantProductions = (parts & FACTS.productions) !== 0;
  /** consumed and produced totals (the mass balance's), apart from the balances a trace reads */
  const wantFlows = (parts & FACTS.flows) !== 0;
  const { log } = index;
  const balances: LedgerBalance[] = [];
  const receipts: ReceiptFact[] = [];
  const deliveries: DeliveryFact[] = [];
  const consumptions: TransformationFact[] = [];
  const productions: TransformationFact[] = [];
  const consumed = new Map<number, ExactTotal>();
  const produced = new Map<number, ExactTotal>();
  const transits = new Map<number, string>();
  const proofs: number[] = [];

  for (let movement = index.firstMovementOf(lot); movement >= 0; movement = log.nextOfLot(movement)) {
    const fromId = log.from(movement);
    const toId = log.to(movement);
    const fromKind = log.fromKind(movement);
    const toKind = log.toKind(movement);
    const kind = log.kind(movement);
    const role = log.role(movement);
    const reversal = isReversal(kind, fromKind, toKind, role);
    if (wantBalances) {
      post(log, balances, fromId, log.unitId(movement), movement, -1);
      post(log, balances, toId, log.unitId(movement), movement, 1);
    }
    if (wantFlows && toKind === 'production') flow(log, reversal ? produced : consumed, log.unitId(movement), movement, reversal ? -1 : 1);
    if (wantFlows && fromKind === 'production') flow(log, reversal ? consumed : produced, log.unitId(movement), movement, reversal ? -1 : 1);
    if (wantReceipts && (fromKind === 'supplier' || (kind === 'receipt' && reversal))) {
      // the document line, then the receipt's fields in their order, never a spread
      const receipt = documentedOf(index, movement, reversal) as ReceiptFact;
      receipt.supplier = log.placeCode(reversal ? toId : fromId);
      const supplierBatchNumber = log.supplierBatchNumber(movement);
      if (supplierBatchNumber !== undefined) receipt.supplierBatchNumber = supplierBatchNumber;
      receipt.receivedAt = log.place(reversal ? fromId : toId).key;
      receipts.push(receipt);
    }
    if (wantShipments) {
      const leg = shipmentLeg(kind, fromKind, toKind);
      if (leg === 'proof-of-delivery') proofs.push(movement);
      else if (leg !== undefined) {
        const customer = customerOfShipment(leg, log.placeCode(fromId), log.placeCode(toId), log.document(movement));
        if (leg === 'goods-issue') {
          transits.set(toId, customer);
          deliveries.push(deliveryFactOf(index, movement, 'delivery', customer, log.place(fromId).key, log.place(toId).key));
        } else if (leg === 'direct') deliveries.push(deliveryFactOf(index, movement, 'delivery', customer, log.place(fromId).key));
        else deliveries.push(deliveryFactOf(index, movement, 'return', customer, log.place(toId).key));
      }
    } else if (wantBalances && kind === 'delivery' && toKind === 'in-transit' && fromKind !== 'customer') {
      transits.set(toId, shipToOf(log.placeCode(toId), log.document(movement)));
    }
    const transformation = log.transformation(movement);
    if (transformation >= 0 && (role === 'input' ? wantConsumptions : wantProductions)) {
      (role === 'input' ? consumptions : productions).push(transformationFactOf(index, movement, reversal, kind, transformation));
    }
  }

  // goods issues by their in-transit location, in arrival order: a lot shipped thousands of times is matched to its
  // proofs of delivery in linear time (the deliveries a proof adds below have no transit, so the index stays right)
  const issuesByTransit = new Map<string, DeliveryFact[]>();
  if (proofs.length > 0) {
    for (const delivery of deliveries) {
      if (delivery.transit === undefined) continue;
      const issues = issuesByTransit.get(delivery.transit);
      if (issues) issues.push(delivery);
      else issuesByTransit.set(delivery.transit, [delivery]);
    }
  }
  for (const proof of proofs) {
    const transit = log.place(log.from(proof));
    const occurredAt = log.occurredAt(proof);
    const issues = issuesByTransit.get(transit.key) ?? [];
    for (const issue of issues) if (issue.deliveredAt === undefined || Date.parse(issue.deliveredAt) < log.instant(proof)) issue.deliveredAt = occurredAt;
    if (issues.length === 0) {
      // the goods issue is missing from the books: the proof of delivery is the only evidence of the shipment
      const customer = log.placeCode(log.to(proof));
      transits.set(log.from(proof), customer);
      deliveries.push({
        ...documentedOf(index, proof, false),
        kind: 'delivery',
        customer,
        warehouse: transit.key,
        deliveredAt: occurredAt,
      });
    }
  }

  return { balances, transits, receipts, deliveries, consumptions, productions, consumed, produced };
}

/** The movement's quantity onto the lot's balance at the place in its unit (a loop, not find: no closure per movement). */
function post(log: MovementLog, balances: LedgerBalance[], place: number, unit: number, movement: number, sign: 1 | -1): void {
  let balance: LedgerBalance | undefined;
  for (let i = 0; i < balances.length && balance === undefined; i++) {
    const entry = balances[i] as LedgerBalance;
    if (entry.place === place && entry.unit === unit) balance = entry;
  }
  if (!balance) balances.push((balance = { place, unit, total: new ExactTotal() }));
  log.addTo(balance.total, movement, sign);
}

function flow(log: MovementLog, totals: Map<number, ExactTotal>, unit: number, movement: number, sign: 1 | -1): void {
  let total = totals.get(unit);
  if (!total) totals.set(unit, (total = new ExactTotal()));
  log.addTo(total, movement, sign);
}

/** A literal with every field, not a spread: this runs for each of a hub lot's thousands of lines. */
function transformationFactOf(index: GenealogyIndex, movement: number, reversal: boolean, kind: MovementKind, transformation: number): TransformationFact {
  const { log } = index;
  const quantity = log.quantity(movement);
  return {
    movementId: log.movementId(movement),
    system: log.system(movement),
    document: log.document(movement),
    line: log.line(movement),
    quantity: reversal ? `-${quantity}` : quantity,
    unit: log.unit(movement),
    occurredAt: log.occurredAt(movement),
    instant: log.instant(movement),
    kind,
    transformation,
  };
}

/** A shipment fact as a literal with every field (same order as the document line first), never a spread. */
function deliveryFactOf(index: GenealogyIndex, movement: number, kind: 'delivery' | 'return', customer: string, warehouse: string, transit?: string): DeliveryFact {
  const { log } = index;
  const fact: DeliveryFact = {
    movementId: log.movementId(movement),
    system: log.system(movement),
    document: log.document(movement),
    line: log.line(movement),
    quantity: log.quantity(movement),
    unit: log.unit(movement),
    occurredAt: log.occurredAt(movement),
    instant: log.instant(movement),
    kind,
    customer,
    warehouse,
  };
  if (transit !== undefined) fact.transit = transit;
  return fact;
}

/** The document line of a movement with its instant; a reversal's quantity is negative. */
function documentedOf(index: GenealogyIndex, movement: number, reversal: boolean): Documented & { instant: number } {
  const { log } = index;
  const quantity = log.quantity(movement);
  return {
    movementId: log.movementId(movement),
    system: log.system(movement),
    document: log.document(movement),
    line: log.line(movement),
    quantity: reversal ? `-${quantity}` : quantity,
    unit: log.unit(movement),
    occurredAt: log.occurredAt(movement),
    instant: log.instant(movement),
  };
}

function unitTotals(index: GenealogyIndex, totals: Map<number, ExactTotal>): UnitQuantity[] {
  return [...totals].map(([unit, total]) => ({ quantity: total.value(), unit: index.log.texts.text(unit) }));
}
