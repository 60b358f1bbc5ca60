import type { LotMasterData, LotMovement } from '@lotbridge/lot';
import { batchMasterIdocOf, mapBatchMaster, type BatchMasterIdoc } from './batch-master-idoc';
import { deliveryIdocOf, SUPPORTED_IDOC_TYPES, type DeliveryIdoc } from './delivery-idoc';
import { mapDeliveryToLotMovements, type DeliveryDirection, type DeliveryMappingOptions, type SkippedItem } from './delivery-mapping';
import { readIdocControl, type IdocControl } from './idoc-control';
import { IdocRejected, rejectAt } from './idoc-errors';
import { GOODS_MOVEMENT_IDOC_TYPES, goodsMovementIdocOf, type GoodsMovementIdoc } from './goods-movement-idoc';
import { mapGoodsMovementIdoc, type GoodsMovementMappingOptions } from './goods-movement-mapping';
import { childrenNamed } from './idoc-segments';
import { parseIdocXml, type IdocXmlOptions } from './idoc-xml';

/**
 * Every inbound IDoc the adapter reads, dispatched on EDI_DC40 IDOCTYP (the basic type) and checked against
 * MESTYP: DESADV DELVRY03/05/07, MBGMCR MBGMCR02/03, WMMBXY WMMBID02, BATMAS BATMAS03.
 */
export const INBOUND_IDOC_TYPES: Readonly<Record<string, string>> = {
  ...Object.fromEntries(SUPPORTED_IDOC_TYPES.map((type) => [type, 'DESADV'])),
  ...GOODS_MOVEMENT_IDOC_TYPES,
  BATMAS03: 'BATMAS',
};

const EXPECTED = `expected one of ${Object.entries(INBOUND_IDOC_TYPES).map(([type, message]) => `${message}.${type}`).join(', ')}`;

export type InboundIdoc =
  | { type: 'delivery'; control: IdocControl; idoc: DeliveryIdoc; direction: DeliveryDirection; movements: LotMovement[]; lots: LotMasterData[]; skippedItems: SkippedItem[] }
  | { type: 'goods-movement'; control: IdocControl; idoc: GoodsMovementIdoc; movements: LotMovement[]; lots: LotMasterData[]; skippedItems: SkippedItem[] }
  | { type: 'batch-master'; control: IdocControl; idoc: BatchMasterIdoc; movements: LotMovement[]; lots: LotMasterData[]; skippedItems: SkippedItem[] };

export type ReadInboundIdocOptions = IdocXmlOptions & DeliveryMappingOptions & GoodsMovementMappingOptions;

/** Parses any supported inbound IDoc-XML and maps it to movements and lot master data; throws IdocRejected. */
export function readInboundIdoc(xml: string | Uint8Array, options: ReadInboundIdocOptions = {}): InboundIdoc {
  const root = parseIdocXml(xml, options);
  const idocs = childrenNamed(root, 'IDOC');
  const [idoc] = idocs;
  if (idoc === undefined) {
    if (!Object.hasOwn(INBOUND_IDOC_TYPES, root.name) && !Object.values(INBOUND_IDOC_TYPES).includes(root.name)) {
      throw new IdocRejected('IDOC.UNSUPPORTED_TYPE', `unsupported IDoc type ${root.name} (${EXPECTED})`, { segment: root.name });
    }
    throw rejectAt('IDOC.MISSING_FIELD', { segment: root.name }, 'IDOC element is missing');
  }
  if (idocs.length > 1) {
    const text = `contains ${idocs.length} IDOC elements; one IDoc per document is supported (split the packet first)`;
    throw rejectAt('IDOC.INVALID_STRUCTURE', { segment: root.name }, text);
  }
  const control = readIdocControl(idoc);
  const { IDOCTYP, MESTYP } = control;
  const where = { segment: 'EDI_DC40' };
  if (!IDOCTYP || !Object.hasOwn(INBOUND_IDOC_TYPES, IDOCTYP)) {
    throw rejectAt('IDOC.UNSUPPORTED_TYPE', { ...where, field: 'IDOCTYP' }, `unsupported IDoc type ${IDOCTYP || root.name} (${EXPECTED})`);
  }
  const message = INBOUND_IDOC_TYPES[IDOCTYP];
  if (MESTYP !== message) {
    throw rejectAt('IDOC.UNSUPPORTED_TYPE', { ...where, field: 'MESTYP' }, `unsupported IDoc type ${MESTYP || '(no MESTYP)'}.${IDOCTYP} (${EXPECTED})`);
  }
  if (![IDOCTYP, MESTYP, control.CIMTYP].includes(root.name)) {
    const expected = `IDOCTYP ${IDOCTYP}, MESTYP ${MESTYP} nor CIMTYP ${control.CIMTYP || '(none)'}`;
    throw rejectAt('IDOC.INVALID_STRUCTURE', where, `root element ${root.name} matches neither ${expected}`);
  }
  if (message === 'DESADV') {
    const delivery = deliveryIdocOf(root);
    return { type: 'delivery', control, idoc: delivery, ...mapDeliveryToLotMovements(delivery, options) };
  }
  if (message === 'BATMAS') {
    const batmas = batchMasterIdocOf(root, idoc);
    return { type: 'batch-master', control, idoc: batmas, movements: [], lots: [mapBatchMaster(batmas)], skippedItems: [] };
  }
  const goods = goodsMovementIdocOf(root, idoc);
  return { type: 'goods-movement', control, idoc: goods, ...mapGoodsMovementIdoc(goods, options) };
}
