import { parseDeliveryIdoc, type DeliveryIdoc } from './delivery-idoc';
import { mapDeliveryToLotMovements, type DeliveryLotMapping, type DeliveryMappingOptions } from './delivery-mapping';
import type { IdocXmlOptions } from './idoc-xml';

export * from './idoc-errors';
export { DEFAULT_MAX_IDOC_BYTES, parseIdocXml, type IdocXmlOptions, type XmlElement } from './idoc-xml';
export * from './delivery-idoc';
export * from './delivery-mapping';

export type ReadDeliveryIdocOptions = IdocXmlOptions & DeliveryMappingOptions;

/** Parses a DESADV DELVRY03/05/07 IDoc-XML and maps it in one step; throws IdocRejected. */
export function readDeliveryIdoc(xml: string | Uint8Array, options: ReadDeliveryIdocOptions = {}): DeliveryLotMapping & { idoc: DeliveryIdoc } {
  const idoc = parseDeliveryIdoc(xml, options);
  return { idoc, ...mapDeliveryToLotMovements(idoc, options) };
}
export * from './idoc-control';
export * from './movement-type-table';
export * from './goods-issue';
export * from './goods-movement-idoc';
export * from './goods-movement-mapping';
export * from './batch-master-idoc';
export * from './idoc-document';
export * from './outbound-idoc';
