import { batchNumberProblem, type LotMasterData, type LotMovement, type Location, movementIdFor, type SourceReference } from '@lotbridge/lot';
import { ErpDocumentRejected, invalidField } from './erp-errors';

export type ErpSystem = 'kingdee' | 'yonyou';

/** What an ERP document does to lot stock, whichever ERP wrote it. */
export type ErpDocumentKind = 'purchase-receipt' | 'production-receipt' | 'production-issue' | 'sales-delivery' | 'transfer';

/** One line of an ERP document, read but not yet resolved against the item catalogue. */
export interface ErpLine {
  /** the ERP's entry id or row number (Kingdee FEntryID, U8 AutoID/irowno) */
  line: string;
  /** the ERP's material / inventory code (Kingdee FMaterialId.FNumber, U8 cInvCode) */
  erpItem: string;
  batchNumber: string;
  quantity: string;
  /** the line's unit where the ERP writes one (Kingdee FUnitID); otherwise the catalogue's */
  unit?: string;
  from: Location;
  to: Location;
  productionDate?: string;
  expiryDate?: string;
  supplierBatchNumber?: string;
  /** the production order a production receipt or issue belongs to (Kingdee FMoBillNo, U8 cMoCode) */
  productionOrder?: string;
}

/** An ERP document read into one shape: identity, when it happened, its lines. */
export interface ErpDocument {
  erp: ErpSystem;
  /** the movement source system, e.g. "KINGDEE:100" (ERP and account) */
  system: string;
  /** the ERP's own name of the document type (Kingdee form id, U8 voucher table) */
  documentType: string;
  kind: ErpDocumentKind;
  /** Kingdee FBillNo, U8 cCode */
  number: string;
  /** UTC instant of the business date (Kingdee FDate, U8 dDate) read in the ERP's time zone */
  occurredAt: string;
  /** UTC instant of the last change where the document names it (Kingdee FModifyDate, U8 dnmodifytime): the pull cursor */
  modifiedAt?: string;
  /** supplier or customer code */
  partner?: string;
  lines: ErpLine[];
}

/** Lotbridge's item for an ERP item code; undefined when the code is not known (ERP.UNKNOWN_ITEM). */
export type ItemCatalogue = (erp: ErpSystem, erpItem: string) => { item: string; unit?: string } | undefined;

export interface ErpMovementOptions {
  items: ItemCatalogue;
  /**
   * A sales delivery is two-legged (warehouse -> in-transit "<customer>/<bill>" at goods issue, then in-transit ->
   * customer on proof of delivery). An ERP has no carrier step of its own, so by default both legs are written at
   * once; 'goods-issue' leaves the second leg to the carrier adapter.
   */
  deliveryLegs?: 'goods-issue-and-delivery' | 'goods-issue';
}

export interface ErpLotMapping {
  movements: LotMovement[];
  lots: LotMasterData[];
}

/** Turns a read ERP document into lot movements and the lot master data its lines state. */
export function erpDocumentToLotMovements(document: ErpDocument, options: ErpMovementOptions): ErpLotMapping {
  const movements: LotMovement[] = [];
  const lots = new Map<string, LotMasterData>();
  const name = `${document.erp === 'kingdee' ? 'Kingdee' : 'Yonyou'} ${document.documentType} ${document.number}`;
  for (const line of document.lines) {
    const known = options.items(document.erp, line.erpItem);
    if (!known) throw new ErpDocumentRejected('ERP.UNKNOWN_ITEM', `${name} line ${line.line}: item ${JSON.stringify(line.erpItem)} is not in the ${document.erp} item catalogue`);
    const unit = line.unit ?? known.unit;
    if (!unit) throw new ErpDocumentRejected('ERP.MISSING_FIELD', `${name} line ${line.line}: no unit on the line and none in the item catalogue for ${JSON.stringify(line.erpItem)}`);
    const problem = batchNumberProblem(line.batchNumber);
    if (problem === 'empty' || problem === 'blank') throw new ErpDocumentRejected('ERP.MISSING_BATCH', `${name} line ${line.line}: item ${JSON.stringify(line.erpItem)} has no batch number`);
    if (problem) throw invalidField({ document: name, line: line.line, field: 'batch number' }, line.batchNumber, `is not a batch number (${problem.replace(/-/g, ' ')})`);
    const source: SourceReference = { system: document.system, document: document.number, line: line.line };
    const base = {
      item: known.item,
      batchNumber: line.batchNumber,
      quantity: line.quantity,
      unit,
      occurredAt: document.occurredAt,
      ...(line.productionDate && { productionDate: line.productionDate }),
      ...(line.expiryDate && { expiryDate: line.expiryDate }),
      ...(line.supplierBatchNumber && { supplierBatchNumber: line.supplierBatchNumber }),
    };
    for (const leg of legsOf(document, line, options)) {
      const legSource = { ...source, line: leg.line };
      const transformation = line.productionOrder && (document.kind === 'production-receipt' || document.kind === 'production-issue')
        ? { transformation: { transformationId: `${document.system}|MO|${line.productionOrder}`, role: document.kind === 'production-receipt' ? ('output' as const) : ('input' as const) } }
        : {};
      movements.push({ ...base, movementId: movementIdFor(legSource, leg.kind), kind: leg.kind, from: leg.from, to: leg.to, source: legSource, ...transformation });
    }
    const key = JSON.stringify([known.item, line.batchNumber]);
    if (!lots.has(key)) {
      lots.set(key, {
        item: known.item,
        batchNumber: line.batchNumber,
        ...(line.productionDate && { productionDate: line.productionDate }),
        ...(line.expiryDate && { expiryDate: line.expiryDate }),
        ...(line.supplierBatchNumber && { supplierBatchNumber: line.supplierBatchNumber }),
        ...(document.kind === 'purchase-receipt' && document.partner && { supplier: document.partner }),
        source,
      });
    }
  }
  return { movements, lots: [...lots.values()] };
}

const KIND_BY_DOCUMENT = {
  'purchase-receipt': 'receipt',
  'production-receipt': 'production-output',
  'production-issue': 'production-consumption',
  'sales-delivery': 'delivery',
  transfer: 'transfer-out',
} as const;

function legsOf(document: ErpDocument, line: ErpLine, options: ErpMovementOptions): Array<{ line: string; kind: LotMovement['kind']; from: Location; to: Location }> {
  const kind = KIND_BY_DOCUMENT[document.kind];
  if (document.kind !== 'sales-delivery') return [{ line: line.line, kind, from: line.from, to: line.to }];
  // The shared convention for customer shipments: goods issue into in-transit "<shipTo>/<deliveryNumber>".
  const inTransit: Location = { kind: 'in-transit', code: `${line.to.code}/${document.number}` };
  const goodsIssue = { line: line.line, kind, from: line.from, to: inTransit };
  if (options.deliveryLegs === 'goods-issue') return [goodsIssue];
  return [goodsIssue, { line: `${line.line}/delivered`, kind, from: inTransit, to: line.to }];
}
