import { Location, LocationKind, addQuantities, locationKey } from '@lotbridge/lot';
import { DeliveryFact, Documented, GenealogyIndex, LotFacts, ReceiptFact, TransformationFact } from './genealogy-index';
import { LotKey, LotRef, compareText } from './lot-key';
import { isNegative, isZero } from './unit-quantity';

/** The plain, JSON-able pictures of one lot's facts that every answer is made of. Quantities are exact decimal strings. */

export interface StockLine {
  location: Location;
  locationKey: string;
  quantity: string;
  unit: string;
}


export interface ReceiptLine extends Documented {
  supplier: string;
  supplierBatchNumber?: string;
  /** location key of the warehouse it was received into */
  receivedAt: string;
}

export interface DeliveryLine extends Documented {
  /** 'delivery': shipped at goods issue. 'return': the customer sent it back, or the goods issue was reversed */
  kind: 'delivery' | 'return';
  customer: string;
  /** location key of the warehouse side */
  warehouse: string;
  /** when the proof of delivery (the second leg, in-transit -> customer) arrived; absent while on its way */
  deliveredAt?: string;
}

export interface ConsumptionLine extends Documented {
  transformationId: string;
  /** every lot the transformation made (so far known) */
  outputs: LotKey[];
}

export interface ProductionLine extends Documented {
  transformationId: string;
  /** every lot the transformation consumed (so far known) */
  inputs: LotKey[];
}

/**
 * Non-zero balances at locations of the given kinds, by location key then unit. In-transit locations a goods issue
 * shipped to (`<shipTo>/<delivery>`) are left out unless asked for: their stock is the customer's (customerLines).
 */
export function stockLines(facts: LotFacts, kinds: readonly LocationKind[], withShipmentTransits = false): StockLine[] {
  return facts.balances
    .filter((balance) => kinds.includes(balance.location.kind) && !isZero(balance.quantity) && (withShipmentTransits || balance.shipTo === undefined))
    .sort((a, b) => compareText(a.locationKey, b.locationKey) || compareText(a.unit, b.unit))
    .map(({ location, locationKey, quantity, unit }) => ({ location: { ...location }, locationKey, quantity, unit }));
}

/**
 * What each customer has of the lot, counted from the goods issue: its customer balance plus what is on its way to
 * it, each side only where positive (a proof of delivery without its goods issue leaves the transit negative: that
 * is a missing movement for the mass balance to report, not less at the customer).
 */
export function customerLines(facts: LotFacts): StockLine[] {
  // by customer, then a search of its (one or two) units: no JSON.stringify key per balance of every lot of a recall
  const byCustomer = new Map<string, StockLine[]>();
  const totals: StockLine[] = [];
  for (const balance of facts.balances) {
    const customer = balance.location.kind === 'customer' ? balance.location.code : balance.shipTo;
    if (customer === undefined || isZero(balance.quantity) || isNegative(balance.quantity)) continue;
    let lines = byCustomer.get(customer);
    if (!lines) byCustomer.set(customer, (lines = []));
    const line = lines.find((entry) => entry.unit === balance.unit);
    if (line) line.quantity = addQuantities(line.quantity, balance.quantity);
    else {
      const location: Location = { kind: 'customer', code: customer };
      // a customer place already has its key; only a shipment's in-transit balance needs the customer's made
      const key = balance.location.kind === 'customer' ? balance.locationKey : locationKey(location);
      const added: StockLine = { location, locationKey: key, quantity: balance.quantity, unit: balance.unit };
      lines.push(added);
      totals.push(added);
    }
  }
  return totals.sort((a, b) => compareText(a.locationKey, b.locationKey) || compareText(a.unit, b.unit));
}

// The line builders below write every field out instead of spreading: a hub lot's recall builds tens of thousands
// of lines, and object spread is several times slower than a literal in V8.

export function receiptLines(facts: LotFacts): ReceiptLine[] {
  return chronological(facts.receipts ?? []).map((receipt: ReceiptFact) => {
    return receiptLine(receipt);
  });
}

/** A copy of a receipt (fact or line) as a line, optionally with its lot; no spread. */
export function receiptLine(receipt: ReceiptLine | ReceiptFact): ReceiptLine;
export function receiptLine(receipt: ReceiptLine | ReceiptFact, lot: LotRef): ReceiptLine & { lot: LotRef };
export function receiptLine(receipt: ReceiptLine | ReceiptFact, lot?: LotRef): ReceiptLine {
  const line = documentLine(receipt) as ReceiptLine & { lot?: LotRef };
  line.supplier = receipt.supplier;
  line.receivedAt = receipt.receivedAt;
  if (receipt.supplierBatchNumber !== undefined) line.supplierBatchNumber = receipt.supplierBatchNumber;
  if (lot !== undefined) line.lot = lot;
  return line;
}

export function deliveryLines(facts: LotFacts, customer?: string): DeliveryLine[] {
  return chronological((facts.deliveries ?? []).filter((delivery) => customer === undefined || delivery.customer === customer)).map(deliveryLine);
}

export function deliveryLine(delivery: DeliveryLine | DeliveryFact): DeliveryLine {
  const line: DeliveryLine = {
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
  };
  if (delivery.deliveredAt !== undefined) line.deliveredAt = delivery.deliveredAt;
  return line;
}

export function consumptionLines(index: GenealogyIndex, facts: LotFacts): ConsumptionLine[] {
  return chronological(facts.consumptions ?? []).map((fact: TransformationFact) => {
    const record = index.transformation(fact.transformation);
    return {
      movementId: fact.movementId,
      system: fact.system,
      document: fact.document,
      line: fact.line,
      quantity: fact.quantity,
      unit: fact.unit,
      occurredAt: fact.occurredAt,
      transformationId: record.id,
      outputs: sortedKeys(index, record.outputLots),
    };
  });
}

export function productionLines(index: GenealogyIndex, facts: LotFacts): ProductionLine[] {
  return chronological(facts.productions ?? []).map((fact: TransformationFact) => {
    const record = index.transformation(fact.transformation);
    const line = documentLine(fact) as ProductionLine;
    line.transformationId = record.id;
    line.inputs = sortedKeys(index, record.inputLots);
    return line;
  });
}

// Default sort orders strings by UTF-16 code units, exactly as compareText, and natively: no comparator call per
// comparison (a level of a hub lot's walk sorts thousands of keys).
export function sortedKeys(index: GenealogyIndex, lots: Iterable<number>): LotKey[] {
  return Array.from(lots, (lot) => index.lotKeyOf(lot)).sort();
}

/** The lots a question names: their ids where known, and the names as answers echo them (each once, sorted). */
export function askedLots(index: GenealogyIndex, lotKeys: readonly LotKey[]): { known: number[]; requested: LotKey[]; unknownLots: LotKey[] } {
  const known: number[] = [];
  const unknown = new Set<LotKey>();
  for (const key of lotKeys) {
    const lot = index.lotId(key);
    if (lot === undefined) unknown.add(key);
    else known.push(lot);
  }
  return { known, requested: [...new Set(lotKeys)].sort(compareText), unknownLots: [...unknown].sort(compareText) };
}

/** Lot ids in lot-key order: answers list lots the same way whatever order their movements arrived in. */
export function sortedLots(index: GenealogyIndex, lots: Iterable<number>): number[] {
  // back from key to id through a map of these lots only: the genealogy's own map of millions is a cache miss each
  const byKey = new Map<LotKey, number>();
  for (const lot of lots) byKey.set(index.lotKeyOf(lot), lot);
  return [...byKey.keys()].sort().map((key) => byKey.get(key) as number);
}

/**
 * By instant (not by text: "…:00.5Z" sorts before "…:00Z" as text), then movement id, so ties are stable. Facts
 * carry their instant as a number; lines have only the text, parsed once each.
 */
export function chronological<T extends { occurredAt: string; movementId: string; instant?: number }>(facts: readonly T[]): T[] {
  if (facts.length < 2) return [...facts];
  const instantOf = (fact: T) => fact.instant ?? Date.parse(fact.occurredAt);
  // facts mostly arrive in order: one pass says so without building the sort's wrappers (every lot of a recall)
  let before = instantOf(facts[0] as T);
  let sorted = true;
  for (let i = 1; sorted && i < facts.length; i++) {
    const at = instantOf(facts[i] as T);
    sorted = before < at || (before === at && compareText((facts[i - 1] as T).movementId, (facts[i] as T).movementId) <= 0);
    before = at;
  }
  if (sorted) return [...facts];
  return facts
    .map((fact) => ({ fact, at: instantOf(fact) }))
    .sort((a, b) => a.at - b.at || compareText(a.fact.movementId, b.fact.movementId))
    .map(({ fact }) => fact);
}

function documentLine(fact: Documented): Documented {
  return { movementId: fact.movementId, system: fact.system, document: fact.document, line: fact.line, quantity: fact.quantity, unit: fact.unit, occurredAt: fact.occurredAt };
}
