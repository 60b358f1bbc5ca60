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

/** A Kingdee bill of form `formId` to its document, movements and lot master data; throws ErpDocumentRejected. */
export function mapKingdeeDocument(formId: string, received: ErpJson, options: ErpReadOptions): ErpLotMapping & { document: ErpDocument } {
  assertTimeZone(options.timeZone);
  kingdeeForm(formId);
  assertExactJsonNumbers(received.text, `Kingdee ${formId} document`);
  const document = readKingdeeBill(formId, kingdeeBillOf(received.json), options satisfies KingdeeReadOptions);
  return { document, ...erpDocumentToLotMovements(document, options) };
}

/** A U8 voucher of table `documentType` to its document, movements and lot master data; throws ErpDocumentRejected. */
export function mapYonyouDocument(documentType: string, received: ErpJson, options: ErpReadOptions): ErpLotMapping & { document: ErpDocument } {
  assertTimeZone(options.timeZone);
  u8Voucher(documentType);
  assertExactJsonNumbers(received.text, `Yonyou ${documentType} document`);
  const document = readYonyouVoucher(documentType, received.json, options satisfies YonyouReadOptions);
  return { document, ...erpDocumentToLotMovements(document, options) };
}
