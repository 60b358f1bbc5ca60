import { addQuantities, batchNumberProblem, isPositiveQuantity, quantityProblem } from '@lotbridge/lot';
import { RecallError } from './recall-case';

/** A quantity of an affected lot brought back (from a customer) or secured (at a location) during a recall. */
export interface Recovery {
  item: string;
  batchNumber: string;
  quantity: string;
  unit: string;
  /** a customer number or a location key */
  recoveredFrom: string;
  note?: string;
}

export interface RecoveredTotal {
  item: string;
  batchNumber: string;
  quantity: string;
  unit: string;
}

export function readRecoveries(body: unknown): Recovery[] {
  const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const list = Array.isArray(input['recoveries']) ? (input['recoveries'] as unknown[]) : [input];
  const problems: string[] = [];
  const recoveries = list.map((entry, index) => {
    const recovery = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const at = Array.isArray(input['recoveries']) ? `recoveries[${index}].` : '';
    for (const field of ['item', 'unit', 'recoveredFrom']) if (typeof recovery[field] !== 'string' || recovery[field] === '') problems.push(`${at}${field} must be a non-empty string`);
    const batchNumber = recovery['batchNumber'];
    if (typeof batchNumber !== 'string' || batchNumberProblem(batchNumber)) problems.push(`${at}batchNumber must be a valid batch number`);
    const quantity = recovery['quantity'];
    if (typeof quantity !== 'string' || quantityProblem(quantity) || !isPositiveQuantity(quantity)) problems.push(`${at}quantity must be a positive exact decimal string`);
    return {
      item: String(recovery['item']),
      batchNumber: String(batchNumber),
      quantity: String(quantity),
      unit: String(recovery['unit']),
      recoveredFrom: String(recovery['recoveredFrom']),
      ...(typeof recovery['note'] === 'string' ? { note: recovery['note'] } : {}),
    };
  });
  if (list.length === 0) problems.push('recoveries is empty');
  if (problems.length > 0) throw new RecallError('RECALL.INVALID_REQUEST', problems.join('; '));
  return recoveries;
}

/** Recovered quantities per lot and unit (units are never added across). */
export function recoveredTotals(recoveries: readonly Pick<Recovery, 'item' | 'batchNumber' | 'quantity' | 'unit'>[]): RecoveredTotal[] {
  const totals = new Map<string, RecoveredTotal>();
  for (const recovery of recoveries) {
    const key = JSON.stringify([recovery.item, recovery.batchNumber, recovery.unit]);
    const total = totals.get(key);
    if (total) total.quantity = addQuantities(total.quantity, recovery.quantity);
    else totals.set(key, { item: recovery.item, batchNumber: recovery.batchNumber, quantity: recovery.quantity, unit: recovery.unit });
  }
  return [...totals.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, total]) => total);
}
