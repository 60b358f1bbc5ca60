import { Location, LocationKind } from '@lotbridge/lot';
import { DeliveryFact, Documented, GenealogyIndex, LotFacts, ReceiptFact, TransformationFact } from './genealogy-index';
import { LotKey, compareText } from './lot-key';
import { isZero } from './unit-quantity';

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
  /** 'return': the customer sent it back */
  kind: 'delivery' | 'return';
  customer: string;
  /** location key of the warehouse side */
  warehouse: string;
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

/** Non-zero balances at locations of the given kinds, by location key then unit. */
export function stockLines(facts: LotFacts, kinds: readonly LocationKind[]): StockLine[] {
  return facts.balances
    .filter((balance) => kinds.includes(balance.location.kind) && !isZero(balance.quantity))
    .sort((a, b) => compareText(a.locationKey, b.locationKey) || compareText(a.unit, b.unit))
    .map(({ location, locationKey, quantity, unit }) => ({ location: { ...location }, locationKey, quantity, unit }));
}

export function receiptLines(facts: LotFacts): ReceiptLine[] {
  return chronological(facts.receipts ?? []).map((receipt: ReceiptFact) => ({
    ...documentLine(receipt),
    supplier: receipt.supplier,
    ...(receipt.supplierBatchNumber === undefined ? {} : { supplierBatchNumber: receipt.supplierBatchNumber }),
    receivedAt: receipt.receivedAt,
  }));
}

export function deliveryLines(facts: LotFacts, customer?: string): DeliveryLine[] {
  return chronological((facts.deliveries ?? []).filter((delivery) => customer === undefined || delivery.customer === customer)).map(
    (delivery: DeliveryFact) => ({ ...documentLine(delivery), kind: delivery.kind, customer: delivery.customer, warehouse: delivery.warehouse }),
  );
}

export function consumptionLines(index: GenealogyIndex, facts: LotFacts): ConsumptionLine[] {
  return chronological(facts.consumptions ?? []).map((fact: TransformationFact) => {
    const record = index.transformation(fact.transformation);
    return { ...documentLine(fact), transformationId: record.id, outputs: sortedKeys(index, record.outputLots) };
  });
}

export function productionLines(index: GenealogyIndex, facts: LotFacts): ProductionLine[] {
  return chronological(facts.productions ?? []).map((fact: TransformationFact) => {
    const record = index.transformation(fact.transformation);
    return { ...documentLine(fact), transformationId: record.id, inputs: sortedKeys(index, record.inputLots) };
  });
}

export function sortedKeys(index: GenealogyIndex, lots: Iterable<number>): LotKey[] {
  return [...lots].map((lot) => index.lotKeyOf(lot)).sort(compareText);
}

/** Lot ids in lot-key order: answers list lots the same way whatever order their movements arrived in. */
export function sortedLots(index: GenealogyIndex, lots: Iterable<number>): number[] {
  return [...lots].sort((a, b) => compareText(index.lotKeyOf(a), index.lotKeyOf(b)));
}

/** By instant (not by text: "…:00.5Z" sorts before "…:00Z" as text), then movement id, so ties are stable. */
export function chronological<T extends { occurredAt: string; movementId: string }>(facts: readonly T[]): T[] {
  if (facts.length < 2) return [...facts];
  // each instant parsed once, not once per comparison: a hub lot has thousands of consumptions
  return facts
    .map((fact) => ({ fact, at: Date.parse(fact.occurredAt) }))
    .sort((a, b) => a.at - b.at || compareText(a.fact.movementId, b.fact.movementId))
    .map(({ fact }) => fact);
}

function documentLine(fact: Documented): Documented {
  const { system, document, line, quantity, unit, occurredAt, movementId } = fact;
  return { system, document, line, quantity, unit, occurredAt, movementId };
}
