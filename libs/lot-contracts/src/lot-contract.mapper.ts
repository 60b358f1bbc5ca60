import type * as contract from '@lotbridge/contracts';
import type { Location, LocationKind, LotMasterData, LotMovement, MovementKind, TransformationLink, TransformationLot } from '@lotbridge/lot';

/**
 * The edge between the domain's types and the Avro contracts. Domain symbols are kebab-case
 * ('production-consumption', 'in-transit'); Avro enum symbols are upper snake case.
 */
const toSymbol = <T extends string>(domain: string): T => domain.toUpperCase().replace(/-/g, '_') as T;
const fromSymbol = <T extends string>(symbol: string): T => symbol.toLowerCase().replace(/_/g, '-') as T;

function toContractLocation(location: Location): contract.Location {
  return { kind: toSymbol<contract.LocationKind>(location.kind), code: location.code, bin: location.bin ?? null };
}

function fromContractLocation(location: contract.Location): Location {
  const kind = fromSymbol<LocationKind>(location.kind);
  return location.bin === null ? { kind, code: location.code } : { kind, code: location.code, bin: location.bin };
}

const copyLots = (lots: readonly TransformationLot[] | undefined): TransformationLot[] => (lots ?? []).map((lot) => ({ ...lot }));

function toContractTransformation(link: TransformationLink): contract.Transformation {
  return { transformationId: link.transformationId, role: toSymbol<contract.TransformationRole>(link.role), inputs: copyLots(link.inputs), outputs: copyLots(link.outputs) };
}

function fromContractTransformation(link: contract.Transformation): TransformationLink {
  return {
    transformationId: link.transformationId,
    role: fromSymbol<TransformationLink['role']>(link.role),
    ...(link.inputs.length > 0 && { inputs: copyLots(link.inputs) }),
    ...(link.outputs.length > 0 && { outputs: copyLots(link.outputs) }),
  };
}

export function toMovementContract(movement: LotMovement): contract.LotMovement {
  return {
    movementId: movement.movementId,
    kind: toSymbol<contract.MovementKind>(movement.kind),
    item: movement.item,
    batchNumber: movement.batchNumber,
    quantity: movement.quantity,
    unit: movement.unit,
    from: toContractLocation(movement.from),
    to: toContractLocation(movement.to),
    occurredAt: new Date(movement.occurredAt).toISOString(),
    source: { ...movement.source },
    productionDate: movement.productionDate ?? null,
    expiryDate: movement.expiryDate ?? null,
    supplierBatchNumber: movement.supplierBatchNumber ?? null,
    sscc: movement.sscc ?? null,
    reversal: movement.reversal === true,
    transformation: movement.transformation ? toContractTransformation(movement.transformation) : null,
  };
}

export function fromMovementContract(movement: contract.LotMovement): LotMovement {
  return {
    movementId: movement.movementId,
    kind: fromSymbol<MovementKind>(movement.kind),
    item: movement.item,
    batchNumber: movement.batchNumber,
    quantity: movement.quantity,
    unit: movement.unit,
    from: fromContractLocation(movement.from),
    to: fromContractLocation(movement.to),
    occurredAt: movement.occurredAt,
    source: { ...movement.source },
    ...(movement.productionDate !== null && { productionDate: movement.productionDate }),
    ...(movement.expiryDate !== null && { expiryDate: movement.expiryDate }),
    ...(movement.supplierBatchNumber !== null && { supplierBatchNumber: movement.supplierBatchNumber }),
    ...(movement.sscc !== null && { sscc: movement.sscc }),
    ...(movement.reversal && { reversal: true }),
    ...(movement.transformation !== null && { transformation: fromContractTransformation(movement.transformation) }),
  };
}

export function toLotMasterContract(lot: LotMasterData, recordedAt: string): contract.LotMasterData {
  return {
    item: lot.item,
    batchNumber: lot.batchNumber,
    productionDate: lot.productionDate ?? null,
    expiryDate: lot.expiryDate ?? null,
    supplier: lot.supplier ?? null,
    supplierBatchNumber: lot.supplierBatchNumber ?? null,
    aliases: [],
    source: { ...lot.source },
    recordedAt,
  };
}
