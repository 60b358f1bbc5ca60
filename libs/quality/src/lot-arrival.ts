import { LotMovement } from '@lotbridge/lot';
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
