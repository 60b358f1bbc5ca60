import { type ErpDocument, type ErpLotMapping, type ErpMovementOptions, erpDocumentToLotMovements } from './erp-document';
import { assertExactJsonNumbers } from './exact-json-numbers';
import { kingdeeBillOf, kingdeeForm, readKingdeeBill, type KingdeeReadOptions } from './kingdee-documents';
import { readYonyouVoucher, u8Voucher, type YonyouReadOptions } from './yonyou-documents';
import { assertTimeZone } from './erp-values';

export * from './erp-errors';
export * from './erp-document';
export * from './erp-values';
export * from './exact-json-numbers';
export * from './kingdee-documents';
export * from './yonyou-documents';

/**
 * A JSON document as received: the value a safe reader (libs/json-document's readJsonDocument, in the app) made of it,
 * and its text, against which every number is checked (ERP.IMPRECISE_NUMBER).
 */
export interface ErpJson {
  json: Record<string, unknown>;
  text: string;
}

export type ErpReadOptions = ErpMovementOptions & { account: string; timeZone: string };

/** Reads a Kingdee bill of form `formId` (push body or a bill assembled from query rows); throws ErpDocumentRejected. */
export function readKingdeeDocument(formId: string, received: ErpJson, options: KingdeeReadOptions): ErpDocument {
  assertTimeZone(options.timeZone);
  kingdeeForm(formId);
  assertExactJsonNumbers(received.text, `Kingdee ${formId} document`);
  return readKingdeeBill(formId, kingdeeBillOf(received.json), options);
}

/** Reads a U8 voucher of table `documentType`; throws ErpDocumentRejected. */
export function readYonyouDocument(documentType: string, received: ErpJson, options: YonyouReadOptions): ErpDocument {
  assertTimeZone(options.timeZone);
  u8Voucher(documentType);
  assertExactJsonNumbers(received.text, `Yonyou ${documentType} document`);
  return readYonyouVoucher(documentType, received.json, options);
}

/** A Kingdee bill to its document, movements and lot master data in one step. */
export function mapKingdeeDocument(formId: string, received: ErpJson, options: ErpReadOptions): ErpLotMapping & { document: ErpDocument } {
  const document = readKingdeeDocument(formId, received, options);
  return { document, ...erpDocumentToLotMovements(document, options) };
}

/** A U8 voucher to its document, movements and lot master data in one step. */
export function mapYonyouDocument(documentType: string, received: ErpJson, options: ErpReadOptions): ErpLotMapping & { document: ErpDocument } {
  const document = readYonyouDocument(documentType, received, options);
  return { document, ...erpDocumentToLotMovements(document, options) };
}
export * from './kingdee-query';
