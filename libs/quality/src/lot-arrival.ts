import { LotMovement } from '@lotbridge/lot';
import { LotQualityState } from './lot-status';
import { StatusAction } from './status-transitions';

/**
 * A lot first becomes known to quality when stock of it arrives in a warehouse: a supplier receipt, a production
 * output, a split or merge result (or any later movement, when the first one was never reported). It starts in
 * quarantine when its item needs an inspection, released otherwise. Movements to virtual locations (production,
 * customers, transit) bring no stock and decide nothing.
 */
export function arrivalAction(movement: LotMovement, inspectionRequired: boolean): StatusAction | undefined {
  if (movement.to.kind !== 'warehouse') return undefined;
  return inspectionRequired ? 'arrive-for-inspection' : 'arrive-released';
}

/**
 * The input lots a split or merge output is the same material as, when its movement names them
 * (`transformation.inputs`, as inventory's split and merge write them); empty for anything else. A production output
 * is a new product: it arrives by its own item's inspection plan.
 */
export function materialInputsOf(movement: LotMovement): { item: string; batchNumber: string }[] {
  const link = movement.transformation;
  if ((movement.kind !== 'split' && movement.kind !== 'merge') || link?.role !== 'output') return [];
  return (link.inputs ?? []).map((input) => ({ item: input.item, batchNumber: input.batchNumber }));
}

/**
 * How a split or merge output arrives, from the states of its input lots: released only when every input is
 * released, else quarantine (an input in quarantine, rejected, expired or unknown to quality leaves the decision to
 * be made again). The inputs' active holds and recalls are not part of this: they pass on as holds of their own.
 */
export function inheritedArrivalAction(inputs: readonly LotQualityState[]): StatusAction {
  return inputs.length > 0 && inputs.every((input) => input.disposition === 'released') ? 'arrive-released' : 'arrive-for-inspection';
}
