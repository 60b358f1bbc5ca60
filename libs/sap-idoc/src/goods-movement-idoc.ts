import { missingField, rejectAt } from './idoc-errors';
import { readIdocControl, type IdocControl } from './idoc-control';
import { childrenNamed, fieldsOf, firstOf, optionalSegment, type FieldReader } from './idoc-segments';
import type { XmlElement } from './idoc-xml';

/**
 * Goods movements as SAP sends them, in one model for both message types:
 * - MBGMCR (basic types MBGMCR02/03): the ALE form of BAPI_GOODSMVT_CREATE. E1MBGMCR holds
 *   E1BP2017_GM_HEAD_01 (PSTNG_DATE, DOC_DATE, REF_DOC_NO, HEADER_TXT), E1BP2017_GM_CODE (GM_CODE) and one
 *   E1BP2017_GM_ITEM_CREATE per line (MATERIAL or MATERIAL_LONG, PLANT, STGE_LOC, BATCH, MOVE_TYPE, ENTRY_QNT,
 *   ENTRY_UOM / ENTRY_UOM_ISO, VENDOR, CUSTOMER, ORDERID, PO_NUMBER, MVT_IND, MOVE_PLANT, MOVE_STLOC,
 *   MOVE_BATCH, EXPIRYDATE, PROD_DATE, VENDRBATCH, DELIV_NUMB / DELIV_NUMB_TO_SEARCH).
 * - WMMBXY (basic type WMMBID02): goods movements from an external warehouse system. E1MBXYH header (BLDAT,
 *   BUDAT, XBLNR, BKTXT), E1MBXYI items (MATNR, WERKS, LGORT, CHARG, BWART, ERFMG, ERFME, LIFNR, KUNNR, AUFNR,
 *   EBELN, KZBEW, UMWRK, UMLGO, UMCHA, VFDAT, HSDAT, LICHA, VBELN).
 * Values are raw strings as written; goods-movement-mapping.ts interprets them.
 */

export const GOODS_MOVEMENT_IDOC_TYPES = { MBGMCR02: 'MBGMCR', MBGMCR03: 'MBGMCR', WMMBID02: 'WMMBXY' } as const;
export type GoodsMovementIdocType = keyof typeof GOODS_MOVEMENT_IDOC_TYPES;

export interface GoodsMovementItem {
  /** the item's position: LINE_ID (MBGMCR) or the 4-digit position of the segment in the IDoc */
  line: string;
  /** the segment the item came from, for error messages */
  segment: string;
  material?: string;
  plant?: string;
  storageLocation?: string;
  batch?: string;
  movementType?: string;
  quantity?: string;
  unit?: string;
  vendor?: string;
  customer?: string;
  /** production / process order (ORDERID, AUFNR) */
  order?: string;
  purchaseOrder?: string;
  /** movement indicator: B purchase order, F production order (MVT_IND, KZBEW) */
  movementIndicator?: string;
  receivingPlant?: string;
  receivingStorageLocation?: string;
  receivingBatch?: string;
  expiryDate?: string;
  productionDate?: string;
  vendorBatch?: string;
  deliveryNumber?: string;
}

export interface GoodsMovementIdoc {
  rootElement: string;
  control: IdocControl;
  messageType: 'MBGMCR' | 'WMMBXY';
  /** posting date (PSTNG_DATE / BUDAT), YYYYMMDD */
  postingDate?: string;
  /** reference document (REF_DOC_NO / XBLNR), e.g. the delivery note */
  reference?: string;
  items: GoodsMovementItem[];
}

const line = (index: number) => String(index + 1).padStart(4, '0');

function mbgmcrItem(segment: XmlElement, index: number): GoodsMovementItem {
  const where = { segment: 'E1BP2017_GM_ITEM_CREATE', item: `#${index + 1}` };
  const read = fieldsOf(segment, where);
  return {
    line: read('LINE_ID') || line(index),
    segment: 'E1BP2017_GM_ITEM_CREATE',
    material: firstOf(read, 'MATERIAL_LONG', 'MATERIAL'),
    plant: read('PLANT'),
    storageLocation: read('STGE_LOC'),
    batch: read('BATCH'),
    movementType: read('MOVE_TYPE'),
    quantity: read('ENTRY_QNT'),
    unit: firstOf(read, 'ENTRY_UOM_ISO', 'ENTRY_UOM'),
    vendor: read('VENDOR'),
    customer: read('CUSTOMER'),
    order: read('ORDERID'),
    purchaseOrder: read('PO_NUMBER'),
    movementIndicator: read('MVT_IND'),
    receivingPlant: read('MOVE_PLANT'),
    receivingStorageLocation: read('MOVE_STLOC'),
    receivingBatch: read('MOVE_BATCH'),
    expiryDate: read('EXPIRYDATE'),
    productionDate: read('PROD_DATE'),
    vendorBatch: read('VENDRBATCH'),
    deliveryNumber: firstOf(read, 'DELIV_NUMB', 'DELIV_NUMB_TO_SEARCH'),
  };
}

function wmmbxyItem(segment: XmlElement, index: number): GoodsMovementItem {
  const read: FieldReader = fieldsOf(segment, { segment: 'E1MBXYI', item: `#${index + 1}` });
  return {
    line: line(index),
    segment: 'E1MBXYI',
    material: read('MATNR'),
    plant: read('WERKS'),
    storageLocation: read('LGORT'),
    batch: read('CHARG'),
    movementType: read('BWART'),
    quantity: read('ERFMG'),
    unit: read('ERFME'),
    vendor: read('LIFNR'),
    customer: read('KUNNR'),
    order: read('AUFNR'),
    purchaseOrder: read('EBELN'),
    movementIndicator: read('KZBEW'),
    receivingPlant: read('UMWRK'),
    receivingStorageLocation: read('UMLGO'),
    receivingBatch: read('UMCHA'),
    expiryDate: read('VFDAT'),
    productionDate: read('HSDAT'),
    vendorBatch: read('LICHA'),
    deliveryNumber: read('VBELN'),
  };
}

/** Reads an MBGMCR02/03 or WMMBID02 IDoc (its IDOC element, control record already checked by the caller). */
export function goodsMovementIdocOf(root: XmlElement, idoc: XmlElement): GoodsMovementIdoc {
  const control = readIdocControl(idoc);
  const idocType = control.IDOCTYP as GoodsMovementIdocType;
  if (GOODS_MOVEMENT_IDOC_TYPES[idocType] === 'WMMBXY') {
    const headerSegment = optionalSegment(idoc, 'E1MBXYH', { segment: 'IDOC' });
    const header = fieldsOf(headerSegment, { segment: 'E1MBXYH' });
    // E1MBXYI are children of E1MBXYH in WMMBID02; also accepted directly under IDOC.
    const items = [...(headerSegment ? childrenNamed(headerSegment, 'E1MBXYI') : []), ...childrenNamed(idoc, 'E1MBXYI')];
    if (items.length === 0) throw rejectAt('IDOC.MISSING_FIELD', { segment: 'E1MBXYH' }, 'no E1MBXYI item segment: the goods movement moves nothing');
    return { rootElement: root.name, control, messageType: 'WMMBXY', postingDate: header('BUDAT'), reference: header('XBLNR'), items: items.map(wmmbxyItem) };
  }
  // The BAPI segments hang below E1MBGMCR; a sender that flattens them under IDOC is read the same way.
  const top = optionalSegment(idoc, 'E1MBGMCR', { segment: 'IDOC' }) ?? idoc;
  const header = fieldsOf(optionalSegment(top, 'E1BP2017_GM_HEAD_01', { segment: 'E1MBGMCR' }), { segment: 'E1BP2017_GM_HEAD_01' });
  const items = childrenNamed(top, 'E1BP2017_GM_ITEM_CREATE');
  if (items.length === 0) {
    throw missingField({ segment: 'E1MBGMCR', field: 'E1BP2017_GM_ITEM_CREATE' }, 'no item segment: the goods movement moves nothing');
  }
  return { rootElement: root.name, control, messageType: 'MBGMCR', postingDate: header('PSTNG_DATE'), reference: header('REF_DOC_NO'), items: items.map(mbgmcrItem) };
}
