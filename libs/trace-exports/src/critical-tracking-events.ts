import { LotMovement, addQuantities, compareQuantities, movementProblems } from '@lotbridge/lot';
import { isReversal, shipToOf, shipmentLeg } from '@lotbridge/genealogy';
import { ExportProblem, SkippedMovement } from './export-problem';

/**
 * Which movements are critical tracking events (FSMA 204 wording; EPCIS events), shared by both exports so they
 * always tell the same story:
 * - receiving: a movement from a supplier;
 * - shipping: the goods issue of a customer shipment (warehouse -> in-transit `<shipTo>/<delivery>`), or a one-legged
 *   delivery straight to a customer; the proof-of-delivery leg is not a second shipment;
 * - transformation: every movement linked to one transformation id (production, split, merge), inputs and outputs
 *   netted per lot (a return from production takes back part of an input).
 * Reversals of receipts and goods issues, transfers, put-aways, counts and scrap are skipped with the reason.
 */
export type CriticalTrackingEvent = ReceivingEvent | ShippingEvent | TransformationEvent;

export interface ReceivingEvent {
  type: 'receiving';
  movement: LotMovement;
}

export interface ShippingEvent {
  type: 'shipping';
  movement: LotMovement;
  /** the customer (ship-to) it went to */
  shipTo: string;
}

export interface TransformedLot {
  item: string;
  batchNumber: string;
  quantity: string;
  unit: string;
}

export interface TransformationEvent {
  type: 'transformation';
  transformationId: string;
  kind: 'production' | 'split' | 'merge';
  /** the latest movement of the transformation: when it was complete */
  occurredAt: string;
  inputs: TransformedLot[];
  outputs: TransformedLot[];
  movements: LotMovement[];
}

export interface ClassifiedMovements {
  events: CriticalTrackingEvent[];
  problems: ExportProblem[];
  skipped: SkippedMovement[];
}

export function criticalTrackingEvents(movements: readonly LotMovement[]): ClassifiedMovements {
  const events: CriticalTrackingEvent[] = [];
  const problems: ExportProblem[] = [];
  const skipped: SkippedMovement[] = [];
  const transformations = new Map<string, LotMovement[]>();
  const seen = new Set<string>();
  for (const movement of movements) {
    if (seen.has(movement.movementId)) continue;
    seen.add(movement.movementId);
    const invalid = movementProblems(movement);
    if (invalid.length > 0) {
      problems.push({ code: 'EXPORT.INVALID_MOVEMENT', message: invalid.join('; '), movementId: movement.movementId });
      continue;
    }
    if (movement.transformation) {
      const group = transformations.get(movement.transformation.transformationId);
      if (group) group.push(movement);
      else transformations.set(movement.transformation.transformationId, [movement]);
      continue;
    }
    if (movement.from.kind === 'supplier') {
      events.push({ type: 'receiving', movement });
      continue;
    }
    if (isReversal(movement.kind, movement.from.kind, movement.to.kind, undefined)) {
      skipped.push({ movementId: movement.movementId, reason: `reversal (${movement.kind} back to ${movement.to.kind}): correct the event it reverses instead` });
      continue;
    }
    const leg = shipmentLeg(movement.kind, movement.from.kind, movement.to.kind);
    if (leg === 'goods-issue') events.push({ type: 'shipping', movement, shipTo: shipToOf(movement.to.code, movement.source.document) });
    else if (leg === 'direct') events.push({ type: 'shipping', movement, shipTo: movement.to.code });
    else skipped.push({ movementId: movement.movementId, reason: skipReason(leg, movement) });
  }
  for (const [transformationId, group] of transformations) events.push(transformationEvent(transformationId, group));
  return { events: events.sort(byTime), problems, skipped };
}

function skipReason(leg: ReturnType<typeof shipmentLeg>, movement: LotMovement): string {
  switch (leg) {
    case 'proof-of-delivery':
      return 'proof of delivery: the shipment is the goods issue';
    case 'goods-issue-reversal':
      return 'reversed goods issue: correct the shipping event instead';
    case 'return':
      return 'customer return: not a critical tracking event of this export';
    default:
      return `not a critical tracking event (${movement.kind})`;
  }
}

function transformationEvent(transformationId: string, movements: LotMovement[]): TransformationEvent {
  const inputs = new Map<string, TransformedLot>();
  const outputs = new Map<string, TransformedLot>();
  let occurredAt = movements[0]?.occurredAt ?? '';
  for (const movement of movements) {
    if (Date.parse(movement.occurredAt) > Date.parse(occurredAt)) occurredAt = movement.occurredAt;
    const role = movement.transformation?.role;
    const reversal = isReversal(movement.kind, movement.from.kind, movement.to.kind, role);
    const side = role === 'input' ? inputs : outputs;
    const key = JSON.stringify([movement.item, movement.batchNumber, movement.unit]);
    const delta = reversal ? `-${movement.quantity}` : movement.quantity;
    const known = side.get(key);
    if (known) known.quantity = addQuantities(known.quantity, delta);
    else side.set(key, { item: movement.item, batchNumber: movement.batchNumber, quantity: addQuantities('0', delta), unit: movement.unit });
  }
  const kinds = new Set(movements.map((movement) => movement.kind));
  const kind = kinds.has('split') ? 'split' : kinds.has('merge') ? 'merge' : 'production';
  const positive = (side: Map<string, TransformedLot>) => [...side.values()].filter((lot) => compareQuantities(lot.quantity, '0') > 0);
  return { type: 'transformation', transformationId, kind, occurredAt, inputs: positive(inputs), outputs: positive(outputs), movements };
}

function byTime(a: CriticalTrackingEvent, b: CriticalTrackingEvent): number {
  const time = (event: CriticalTrackingEvent) => Date.parse(event.type === 'transformation' ? event.occurredAt : event.movement.occurredAt);
  const id = (event: CriticalTrackingEvent) => (event.type === 'transformation' ? event.transformationId : event.movement.movementId);
  return time(a) - time(b) || (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0);
}
