import {
  batchNumberProblem,
  isPositiveQuantity,
  movementIdFor,
  movementProblems,
  warehouse,
  type Location,
  type LotMasterData,
  type LotMovement,
  type SourceReference,
  type TransformationLot,
} from '@lotbridge/lot';
import { controlInstant } from './idoc-control';
import { invalidField, missingField, rejectAt } from './idoc-errors';
import { goodsIssueLegs, inTransitLocation, type GoodsIssueDestination } from './goods-issue';
import type { GoodsMovementIdoc, GoodsMovementItem } from './goods-movement-idoc';
import { movementTypeRule, type MovementPlace } from './movement-type-table';
import { assertTimeZone, sapDate, sapQuantity } from './sap-values';
import type { SkippedItem } from './delivery-mapping';

export interface GoodsMovementMapping {
  movements: LotMovement[];
  lots: LotMasterData[];
  skippedItems: SkippedItem[];
}

export interface GoodsMovementMappingOptions {
  /** see DeliveryMappingOptions.senderTimeZone */
  senderTimeZone?: string;
  /** where a goods issue for delivery (601) ends: in transit (default) or at once at the customer */
  goodsIssueDestination?: GoodsIssueDestination;
}

/** The transformation of a production order: every consumption and output of the order carries it. */
export function orderTransformationId(system: string, order: string): string {
  return `${system}|order|${order}`;
}

/**
 * Maps a goods-movement IDoc (MBGMCR or WMMBXY) to lot movements through movement-type-table.ts. Items without a
 * batch are skipped (not lot-managed); any other problem refuses the whole IDoc, so it is taken all or nothing.
 * The movement's document is the IDoc number (DOCNUM): a goods-movement IDoc is a posting request and carries no
 * material document number of its own, and the intake takes one DOCNUM once.
 */
export function mapGoodsMovementIdoc(idoc: GoodsMovementIdoc, options: GoodsMovementMappingOptions = {}): GoodsMovementMapping {
  const timeZone = options.senderTimeZone ?? 'UTC';
  assertTimeZone(timeZone);
  const movements: LotMovement[] = [];
  const lots = new Map<string, LotMasterData>();
  const skippedItems: SkippedItem[] = [];
  let facts: { system: string; document: string; instant: string } | undefined;
  const documentFacts = () => {
    if (facts) return facts;
    const sender = idoc.control.SNDPRN;
    if (!sender) throw missingField({ segment: 'EDI_DC40', field: 'SNDPRN' }, 'it names the source system of every movement');
    const document = idoc.control.DOCNUM;
    if (!document) throw missingField({ segment: 'EDI_DC40', field: 'DOCNUM' }, 'it identifies the goods movement');
    return (facts = { system: `SAP:${sender}`, document, instant: controlInstant(idoc.control, timeZone) });
  };

  for (const item of idoc.items) {
    const where = { segment: item.segment, item: item.line };
    if (!item.batch) {
      skippedItems.push({ line: item.line, reason: 'no batch: not lot-managed' });
      continue;
    }
    const batchProblem = batchNumberProblem(item.batch);
    if (batchProblem) throw invalidField({ ...where, field: batchField(item) }, item.batch, `is not a batch number (${batchProblem.replace(/-/g, ' ')})`);
    if (!item.movementType) throw missingField({ ...where, field: idoc.messageType === 'MBGMCR' ? 'MOVE_TYPE' : 'BWART' });
    const withOrder = Boolean(item.order) || item.movementIndicator === 'F';
    const rule = movementTypeRule(item.movementType, withOrder);
    if (!rule) {
      throw rejectAt(
        'IDOC.UNSUPPORTED_MOVEMENT_TYPE',
        { ...where, field: idoc.messageType === 'MBGMCR' ? 'MOVE_TYPE' : 'BWART' },
        `movement type ${JSON.stringify(item.movementType)} is not mapped (see movement-type-table.ts)`,
      );
    }
    if (item.receivingBatch && item.receivingBatch !== item.batch) {
      const field = idoc.messageType === 'MBGMCR' ? 'MOVE_BATCH' : 'UMCHA';
      throw invalidField({ ...where, field }, item.receivingBatch, `differs from the batch ${JSON.stringify(item.batch)}: batch-to-batch transfers are not mapped`);
    }
    const quantityField = idoc.messageType === 'MBGMCR' ? 'ENTRY_QNT' : 'ERFMG';
    if (!item.quantity) throw missingField({ ...where, field: quantityField });
    const quantity = sapQuantity(item.quantity, { ...where, field: quantityField });
    if (!isPositiveQuantity(quantity)) throw invalidField({ ...where, field: quantityField }, item.quantity, 'is not positive');
    if (!item.unit) throw missingField({ ...where, field: idoc.messageType === 'MBGMCR' ? 'ENTRY_UOM' : 'ERFME' });
    if (!item.material) throw missingField({ ...where, field: idoc.messageType === 'MBGMCR' ? 'MATERIAL' : 'MATNR' });
    if (!item.plant) throw missingField({ ...where, field: idoc.messageType === 'MBGMCR' ? 'PLANT' : 'WERKS' });

    const { system, document, instant } = documentFacts();
    const place = (which: MovementPlace): Location => placeOf(which, item, idoc, where);
    const expiryDate = sapDate(item.expiryDate, { ...where, field: idoc.messageType === 'MBGMCR' ? 'EXPIRYDATE' : 'VFDAT' });
    const productionDate = sapDate(item.productionDate, { ...where, field: idoc.messageType === 'MBGMCR' ? 'PROD_DATE' : 'HSDAT' });
    const source: SourceReference = { system, document, line: item.line };
    const involvesOrder = rule.from === 'order' || rule.to === 'order';
    const movement: LotMovement = {
      movementId: movementIdFor(source, rule.kind),
      kind: rule.kind,
      item: item.material,
      batchNumber: item.batch,
      quantity,
      unit: item.unit,
      from: place(rule.from),
      to: place(rule.to),
      occurredAt: instant,
      source,
      ...(productionDate !== undefined && { productionDate }),
      ...(expiryDate !== undefined && { expiryDate }),
      ...(item.vendorBatch && { supplierBatchNumber: item.vendorBatch }),
      ...(rule.reverses !== undefined && { reversal: true }),
      ...(involvesOrder && {
        transformation: { transformationId: orderTransformationId(system, item.order ?? ''), role: rule.kind === 'production-output' ? 'output' : 'input' },
      }),
    };
    const problems = movementProblems(movement);
    if (problems.length > 0) throw rejectAt('IDOC.INVALID_MOVEMENT', where, `the movement is not valid: ${problems.join('; ')}`);
    const isIssueLeg = rule.from === 'in-transit' || rule.to === 'in-transit';
    movements.push(...(isIssueLeg ? goodsIssueLegs(movement, item.customer ?? '', options.goodsIssueDestination ?? 'in-transit') : [movement]));

    if (!rule.reverses && (productionDate || expiryDate || item.vendorBatch)) {
      const key = JSON.stringify([item.material, item.batch]);
      lots.set(key, {
        item: item.material,
        batchNumber: item.batch,
        ...(productionDate !== undefined && { productionDate }),
        ...(expiryDate !== undefined && { expiryDate }),
        ...(item.vendorBatch && { supplierBatchNumber: item.vendorBatch }),
        ...(movement.from.kind === 'supplier' && { supplier: movement.from.code }),
        source,
      });
    }
  }
  return { movements: withWholeOrders(movements), lots: [...lots.values()], skippedItems };
}

function batchField(item: GoodsMovementItem): string {
  return item.segment === 'E1MBXYI' ? 'CHARG' : 'BATCH';
}

function placeOf(which: MovementPlace, item: GoodsMovementItem, idoc: GoodsMovementIdoc, where: { segment: string; item: string }): Location {
  const mbgmcr = idoc.messageType === 'MBGMCR';
  const plant = item.plant ?? '';
  switch (which) {
    case 'plant':
      return warehouse(plant, item.storageLocation || undefined);
    case 'receiving': {
      const receivingPlant = item.receivingPlant || plant;
      const receivingStorage = item.receivingStorageLocation || (item.receivingPlant ? undefined : item.storageLocation) || undefined;
      if (receivingPlant === plant && receivingStorage === (item.storageLocation || undefined)) {
        throw missingField({ ...where, field: mbgmcr ? 'MOVE_STLOC' : 'UMLGO' }, 'a transfer needs a receiving plant or storage location other than the issuing one');
      }
      return warehouse(receivingPlant, receivingStorage);
    }
    case 'supplier': {
      if (item.vendor) return { kind: 'supplier', code: item.vendor };
      if (item.purchaseOrder) return { kind: 'supplier', code: `PO ${item.purchaseOrder}` };
      throw missingField({ ...where, field: mbgmcr ? 'VENDOR' : 'LIFNR' }, 'a goods receipt needs the vendor or the purchase order (PO_NUMBER/EBELN)');
    }
    case 'customer':
      if (!item.customer) throw missingField({ ...where, field: mbgmcr ? 'CUSTOMER' : 'KUNNR' });
      return { kind: 'customer', code: item.customer };
    case 'order':
      if (!item.order) throw missingField({ ...where, field: mbgmcr ? 'ORDERID' : 'AUFNR' }, 'a goods issue for an order needs the order number');
      return { kind: 'production', code: item.order };
    case 'scrap':
      return { kind: 'scrap', code: plant };
    case 'inventory-loss':
      return { kind: 'inventory-loss', code: plant };
    case 'in-transit': {
      if (!item.customer) throw missingField({ ...where, field: mbgmcr ? 'CUSTOMER' : 'KUNNR' }, 'a goods issue for delivery goes to the ship-to customer');
      const delivery = item.deliveryNumber || idoc.reference;
      if (!delivery) throw missingField({ ...where, field: mbgmcr ? 'DELIV_NUMB' : 'VBELN' }, 'a goods issue for delivery names its delivery (or REF_DOC_NO/XBLNR)');
      return inTransitLocation(item.customer, delivery);
    }
  }
}

/**
 * When one IDoc carries both sides of an order (a confirmation with backflush: 261 and 101 for one AUFNR), each of
 * its movements lists the order's inputs and outputs, so genealogy sees the whole picture whichever arrives first.
 */
function withWholeOrders(movements: LotMovement[]): LotMovement[] {
  const sides = new Map<string, { inputs: TransformationLot[]; outputs: TransformationLot[] }>();
  for (const movement of movements) {
    const link = movement.transformation;
    if (!link || movement.reversal) continue;
    const side = sides.get(link.transformationId) ?? { inputs: [], outputs: [] };
    const lot = { item: movement.item, batchNumber: movement.batchNumber, quantity: movement.quantity, unit: movement.unit };
    (link.role === 'input' ? side.inputs : side.outputs).push(lot);
    sides.set(link.transformationId, side);
  }
  return movements.map((movement) => {
    const side = movement.transformation && sides.get(movement.transformation.transformationId);
    if (!movement.transformation || !side || side.inputs.length === 0 || side.outputs.length === 0) return movement;
    return { ...movement, transformation: { ...movement.transformation, inputs: side.inputs, outputs: side.outputs } };
  });
}
