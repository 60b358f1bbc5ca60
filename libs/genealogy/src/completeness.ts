import { MovementKind, compareQuantities, subtractQuantities } from '@lotbridge/lot';
import { GenealogyIndex, TransformationRecord } from './genealogy-index';
import { LotKey, LotRef, compareText, lotRef } from './lot-key';
import { sortedKeys, sortedLots } from './lot-view';
import { isUnreceivedOrigin } from './trace';
import { UnitQuantity, totalsByUnit } from './unit-quantity';
import { reachable } from './walk';

/** A shipped lot whose backward chain does not end in supplier receipts everywhere (invariant 5). */
export interface BrokenChain {
  lot: LotRef;
  /** false: not a single supplier receipt behind it */
  reachesSomeReceipt: boolean;
  /** ancestors (or the lot itself) neither received nor made from other lots */
  unreceivedOrigins: LotKey[];
}

export interface TransformationFinding {
  transformationId: string;
  /**
   * unbalanced: one unit on both sides, different totals. not-comparable: several units or different units on the
   * two sides (kg in, pieces out): reported, never converted by guess. no-inputs / no-outputs: one side is missing.
   */
  status: 'unbalanced' | 'not-comparable' | 'no-inputs' | 'no-outputs';
  inputTotals: UnitQuantity[];
  outputTotals: UnitQuantity[];
  /** output - input, only when unbalanced */
  difference?: string;
  inputs: LotQuantity[];
  outputs: LotQuantity[];
}

export interface LotQuantity {
  lot: LotRef;
  quantity: string;
  unit: string;
}

export interface UnlinkedMovementFinding {
  lot: LotRef;
  movementId: string;
  kind: MovementKind;
}

export interface Completeness {
  shippedWithoutReceipt: BrokenChain[];
  transformations: TransformationFinding[];
  /** production, split or merge movements without a transformation id: their lots are cut off from the genealogy */
  unlinkedMovements: UnlinkedMovementFinding[];
  complete: boolean;
}

/**
 * Whole-genealogy trace completeness. Linear in the genealogy: one forward sweep from every unexplained origin marks
 * the lots they tainted; only the tainted shipped lots are then walked backward to name their origins.
 */
export function completenessOf(index: GenealogyIndex): Completeness {
  const origins: number[] = [];
  for (let lot = 0; lot < index.lotKeys.length; lot++) if (isUnreceivedOrigin(index, lot)) origins.push(lot);
  const tainted = reachable(index, origins, 'forward');

  const shippedWithoutReceipt = sortedLots(index, tainted)
    .filter((lot) => (index.factsOf(lot).deliveries ?? []).some((delivery) => delivery.kind === 'delivery'))
    .map((lot) => {
      const ancestors = reachable(index, [lot], 'backward');
      return {
        lot: lotRef(index.lotKeyOf(lot)),
        reachesSomeReceipt: [...ancestors].some((ancestor) => (index.factsOf(ancestor).receipts?.length ?? 0) > 0),
        unreceivedOrigins: sortedKeys(index, [...ancestors].filter((ancestor) => isUnreceivedOrigin(index, ancestor))),
      };
    });

  const transformations = index.transformations
    .map((record) => transformationFinding(index, record))
    .filter((finding): finding is TransformationFinding => finding !== undefined)
    .sort((a, b) => compareText(a.transformationId, b.transformationId));

  const unlinkedMovements = index.unlinked
    .map(({ lot, movementId, kind }) => ({ lot: lotRef(index.lotKeyOf(lot)), movementId, kind }))
    .sort((a, b) => compareText(a.movementId, b.movementId));

  return {
    shippedWithoutReceipt,
    transformations,
    unlinkedMovements,
    complete: shippedWithoutReceipt.length === 0 && transformations.length === 0 && unlinkedMovements.length === 0,
  };
}

function transformationFinding(index: GenealogyIndex, record: TransformationRecord): TransformationFinding | undefined {
  const inputTotals = totalsByUnit(record.inputTotals);
  const outputTotals = totalsByUnit(record.outputTotals);
  const [input] = inputTotals;
  const [output] = outputTotals;
  const details = () => ({
    transformationId: record.id,
    inputTotals,
    outputTotals,
    inputs: sidesOf(index, record, record.inputLots, 'consumptions'),
    outputs: sidesOf(index, record, record.outputLots, 'productions'),
  });
  if (record.inputLots.length === 0) return { ...details(), status: 'no-inputs' };
  if (record.outputLots.length === 0) return { ...details(), status: 'no-outputs' };
  if (!input || !output || inputTotals.length !== 1 || outputTotals.length !== 1 || input.unit !== output.unit) return { ...details(), status: 'not-comparable' };
  if (compareQuantities(input.quantity, output.quantity) === 0) return undefined;
  return { ...details(), status: 'unbalanced', difference: subtractQuantities(output.quantity, input.quantity) };
}

function sidesOf(index: GenealogyIndex, record: TransformationRecord, lots: readonly number[], side: 'consumptions' | 'productions'): LotQuantity[] {
  const transformation = index.transformationIds.get(record.id);
  return sortedLots(index, lots).flatMap((lot) => {
    const facts = (index.factsOf(lot)[side] ?? []).filter((fact) => fact.transformation === transformation);
    return totalsByUnit(facts).map(({ quantity, unit }) => ({ lot: lotRef(index.lotKeyOf(lot)), quantity, unit }));
  });
}
