import {
  addQuantities,
  batchNumberProblem,
  canonicalQuantity,
  compareQuantities,
  isInternal,
  isPositiveQuantity,
  isUtcInstant,
  Location,
  locationKey,
  LotMovement,
  movementIdFor,
  MovementKind,
  plantOf,
  quantityProblem,
  TransformationLot,
} from '@lotbridge/lot';

/**
 * Split (one lot into several, e.g. repacking) and merge (several lots into one, e.g. blending) as transformations:
 * every input lot moves from the warehouse into production, every output lot from production into the warehouse,
 * all movements carry one transformation id and the whole list of inputs and outputs, so genealogy links them
 * whichever arrives first. The input lots keep their batch numbers; outputs get the numbers the caller chose.
 */
export const TRANSFORMATION_SOURCE_SYSTEM = 'LOTBRIDGE:INVENTORY';

export interface LotDates {
  productionDate?: string;
  expiryDate?: string;
}

export interface TransformationRequest {
  kind: 'split' | 'merge';
  /** the caller's id for this request: the same id is the same transformation (idempotent) */
  requestId: string;
  item: string;
  location: Location;
  unit: string;
  /** UTC instant */
  occurredAt: string;
  inputs: Array<TransformationLot & LotDates>;
  outputs: TransformationLot[];
}

export class TransformationRequestError extends RangeError {
  readonly code = 'INVENTORY.INVALID_TRANSFORMATION';
  constructor(readonly problems: string[]) {
    super(`the transformation cannot be made: ${problems.join('; ')}`);
    this.name = 'TransformationRequestError';
  }
}

export function transformationIdOf(kind: 'split' | 'merge', requestId: string): string {
  return `${TRANSFORMATION_SOURCE_SYSTEM}|${kind}|${requestId}`;
}

/** Problems of the request before any batch number is made for it. */
export function transformationProblems(request: Omit<TransformationRequest, 'outputs'> & { outputs: Array<{ batchNumber?: string; quantity: string }> }): string[] {
  const problems: string[] = [];
  if (!request.requestId) problems.push('requestId is empty');
  if (!request.item) problems.push('item is empty');
  if (!isInternal(request.location)) problems.push(`location ${locationKey(request.location)} is not a warehouse`);
  if (!isUtcInstant(request.occurredAt)) problems.push(`occurredAt "${request.occurredAt}" is not a UTC instant`);
  const quantities = [
    ...request.inputs.map((lot, index) => [`inputs[${index}]`, lot.quantity] as const),
    ...request.outputs.map((lot, index) => [`outputs[${index}]`, lot.quantity] as const),
  ];
  for (const [where, quantity] of quantities) {
    const problem = typeof quantity === 'string' ? quantityProblem(quantity) : 'not-a-number';
    if (problem) problems.push(`${where}.quantity ${JSON.stringify(quantity)} is ${problem.replace(/-/g, ' ')}`);
    else if (!isPositiveQuantity(quantity)) problems.push(`${where}.quantity "${quantity}" is not positive`);
  }
  const [minInputs, minOutputs] = request.kind === 'split' ? [1, 1] : [2, 1];
  if (request.inputs.length < minInputs || (request.kind === 'split' && request.inputs.length !== 1)) problems.push(request.kind === 'split' ? 'a split has exactly one input lot' : 'a merge needs at least two input lots');
  if (request.outputs.length < minOutputs || (request.kind === 'merge' && request.outputs.length !== 1)) problems.push(request.kind === 'merge' ? 'a merge has exactly one output lot' : 'a split needs at least one part');
  if (problems.length === 0 && compareQuantities(totalOf(request.inputs), totalOf(request.outputs)) !== 0) {
    problems.push(`inputs total ${totalOf(request.inputs)} but outputs total ${totalOf(request.outputs)}: a ${request.kind} neither makes nor loses stock`);
  }
  const inputBatches = new Set<string>();
  for (const [index, lot] of request.inputs.entries()) {
    const problem = batchNumberProblem(lot.batchNumber);
    if (problem) problems.push(`inputs[${index}].batchNumber is ${problem.replace(/-/g, ' ')}`);
    if (inputBatches.has(lot.batchNumber)) problems.push(`inputs[${index}]: lot ${JSON.stringify(lot.batchNumber)} is listed twice`);
    inputBatches.add(lot.batchNumber);
  }
  const outputBatches = new Set<string>();
  for (const [index, lot] of request.outputs.entries()) {
    if (lot.batchNumber === undefined) continue;
    const problem = batchNumberProblem(lot.batchNumber);
    if (problem) problems.push(`outputs[${index}].batchNumber is ${problem.replace(/-/g, ' ')}`);
    if (inputBatches.has(lot.batchNumber)) problems.push(`outputs[${index}]: lot ${JSON.stringify(lot.batchNumber)} is also an input`);
    if (outputBatches.has(lot.batchNumber)) problems.push(`outputs[${index}]: lot ${JSON.stringify(lot.batchNumber)} is listed twice`);
    outputBatches.add(lot.batchNumber);
  }
  return problems;
}

/**
 * The movements of a transformation whose output batch numbers are known. A split takes from its input lot the sum
 * of its parts (the rest stays in the input lot); a merge makes one lot of the sum of its inputs. Output lots inherit
 * the earliest expiry and production date of the inputs: a blend is as old as its oldest part.
 */
export function transformationMovements(request: TransformationRequest): LotMovement[] {
  const problems = transformationProblems(request);
  if (problems.length > 0) throw new TransformationRequestError(problems);
  const transformationId = transformationIdOf(request.kind, request.requestId);
  const production: Location = { kind: 'production', code: plantOf(request.location) };
  const kind: MovementKind = request.kind;
  const lots = (list: readonly TransformationLot[]) => list.map((lot) => ({ item: lot.item, batchNumber: lot.batchNumber, quantity: canonicalQuantity(lot.quantity), unit: lot.unit }));
  const inputs = lots(request.inputs);
  const outputs = lots(request.outputs);
  const inherited = inheritedDates(request.inputs);
  const movement = (lot: TransformationLot, role: 'input' | 'output', line: string, dates: LotDates): LotMovement => {
    const source = { system: TRANSFORMATION_SOURCE_SYSTEM, document: `${request.kind}:${request.requestId}`, line };
    return {
      movementId: movementIdFor(source, kind),
      kind,
      item: lot.item,
      batchNumber: lot.batchNumber,
      quantity: lot.quantity,
      unit: lot.unit,
      from: role === 'input' ? request.location : production,
      to: role === 'input' ? production : request.location,
      occurredAt: request.occurredAt,
      source,
      ...dates,
      transformation: { transformationId, role, inputs, outputs },
    };
  };
  return [
    ...inputs.map((lot, index) => {
      const original = request.inputs[index];
      return movement(lot, 'input', `input-${index + 1}`, { ...(original?.productionDate && { productionDate: original.productionDate }), ...(original?.expiryDate && { expiryDate: original.expiryDate }) });
    }),
    ...outputs.map((lot, index) => movement(lot, 'output', `output-${index + 1}`, inherited)),
  ];
}

/** The total a split takes from its input lot, or a merge from all its inputs. */
export function totalOf(lots: readonly { quantity: string }[]): string {
  return lots.reduce((sum, lot) => addQuantities(sum, lot.quantity), '0');
}

function inheritedDates(inputs: readonly LotDates[]): LotDates {
  const earliest = (dates: Array<string | undefined>) => dates.filter((date): date is string => date !== undefined).sort()[0];
  const productionDate = earliest(inputs.map((lot) => lot.productionDate));
  const expiryDate = earliest(inputs.map((lot) => lot.expiryDate));
  return { ...(productionDate && { productionDate }), ...(expiryDate && { expiryDate }) };
}
