import { type Location, warehouse } from '@lotbridge/lot';
import type { ErpDocument, ErpDocumentKind, ErpLine } from './erp-document';
import { ErpDocumentRejected, missingField } from './erp-errors';
import { type ErpRecord, erpDate, erpInstant, erpQuantity, fieldOf, optionalText, requiredText } from './erp-values';

/**
 * Kingdee K3 Cloud (金蝶云星空) bills, by form id: the one table of what each form means for lot stock and where
 * its entry lines and fields are (field names as in the WebAPI Save model and ExecuteBillQuery keys; see
 * docs/architecture.md for which are verified).
 */
export interface KingdeeForm {
  kind: ErpDocumentKind;
  /** the entry (line) collection of the bill model */
  entry: string;
  quantity: string;
  /** warehouse (source warehouse for transfers) */
  stock: string;
  destStock?: string;
}

export const KINGDEE_FORMS: Readonly<Record<string, KingdeeForm>> = {
  STK_InStock: { kind: 'purchase-receipt', entry: 'FInStockEntry', quantity: 'FRealQty', stock: 'FStockId' },
  PRD_INSTOCK: { kind: 'production-receipt', entry: 'FEntity', quantity: 'FRealQty', stock: 'FStockId' },
  PRD_PickMtrl: { kind: 'production-issue', entry: 'FEntity', quantity: 'FActualQty', stock: 'FStockId' },
  SAL_OUTSTOCK: { kind: 'sales-delivery', entry: 'FEntity', quantity: 'FRealQty', stock: 'FStockID' },
  STK_TransferDirect: { kind: 'transfer', entry: 'FBillEntry', quantity: 'FQty', stock: 'FSrcStockId', destStock: 'FDestStockId' },
};

export function kingdeeForm(formId: string): KingdeeForm {
  const form = Object.prototype.hasOwnProperty.call(KINGDEE_FORMS, formId) ? KINGDEE_FORMS[formId] : undefined;
  if (!form) throw new ErpDocumentRejected('ERP.UNKNOWN_DOCUMENT_TYPE', `Kingdee form ${JSON.stringify(formId)} is not a lot-moving document; known: ${Object.keys(KINGDEE_FORMS).join(', ')}`);
  return form;
}

export interface KingdeeReadOptions {
  /** the data centre / account (acctid), part of every movement's source system: "KINGDEE:<account>" */
  account: string;
  /** the server's time zone: Kingdee datetimes carry none (e.g. "Asia/Shanghai") */
  timeZone: string;
}

/**
 * The bill model of a push: Save-style `{"formid","data":{"Model":{…}}}`, `{"Model":{…}}`, or the bill itself.
 */
export function kingdeeBillOf(body: ErpRecord): ErpRecord {
  const data = fieldOf(body, 'data');
  const model = isRecord(data) ? fieldOf(data, 'Model') : fieldOf(body, 'Model');
  if (model === undefined) return body;
  if (!isRecord(model)) throw new ErpDocumentRejected('ERP.INVALID_STRUCTURE', 'Kingdee document: Model is not an object');
  return model;
}

/** Reads one Kingdee bill (header with its entry lines) of form `formId`. */
export function readKingdeeBill(formId: string, bill: ErpRecord, options: KingdeeReadOptions): ErpDocument {
  const form = kingdeeForm(formId);
  const number = requiredText(bill, 'FBillNo', { document: `Kingdee ${formId}` });
  const document = `Kingdee ${formId} ${number}`;
  const entries = fieldOf(bill, form.entry);
  if (!Array.isArray(entries) || entries.length === 0) throw new ErpDocumentRejected('ERP.INVALID_STRUCTURE', `${document} has no entry lines (${form.entry} must be a non-empty array)`);
  const org = kingdeeReference(bill, 'FStockOrgId', { document });
  const partnerField = form.kind === 'purchase-receipt' ? 'FSupplierId' : form.kind === 'sales-delivery' ? 'FCustomerID' : undefined;
  const partner = partnerField ? kingdeeReference(bill, partnerField, { document }) : undefined;
  if (partnerField && !partner) throw missingField({ document, field: partnerField });
  const modified = fieldOf(bill, 'FModifyDate');
  const lines = entries.map((entry, index): ErpLine => {
    if (!isRecord(entry)) throw new ErpDocumentRejected('ERP.INVALID_STRUCTURE', `${document} ${form.entry}[${index}] is not an object`);
    const line = optionalText(entry, 'FEntryID', { document }) ?? optionalText(entry, `${form.entry}_FEntryID`, { document }) ?? optionalText(entry, 'Id', { document }) ?? optionalText(entry, 'FSeq', { document }) ?? String(index + 1);
    const where = { document, line };
    const erpItem = kingdeeReference(entry, 'FMaterialId', where);
    if (!erpItem) throw missingField({ ...where, field: 'FMaterialId' });
    const stockAt = (field: string): Location => {
      const stock = kingdeeReference(entry, field, where);
      if (!stock) throw missingField({ ...where, field });
      return org ? warehouse(org, stock) : warehouse(stock);
    };
    const stock = stockAt(form.stock);
    const productionOrder = optionalText(entry, 'FMoBillNo', where);
    const production: Location = { kind: 'production', code: productionOrder ?? org ?? 'KINGDEE' };
    const unit = kingdeeReference(entry, 'FUnitID', where);
    const supplierBatchNumber = optionalText(entry, 'FSupplierLot', where);
    const productionDate = erpDate(entry, 'FProduceDate', where);
    const expiryDate = erpDate(entry, 'FExpiryDate', where);
    const [from, to] =
      form.kind === 'purchase-receipt' ? [{ kind: 'supplier' as const, code: partner ?? '' }, stock]
      : form.kind === 'production-receipt' ? [production, stock]
      : form.kind === 'production-issue' ? [stock, production]
      : form.kind === 'sales-delivery' ? [stock, { kind: 'customer' as const, code: partner ?? '' }]
      : [stock, stockAt(form.destStock ?? 'FDestStockId')];
    if (form.kind === 'transfer') {
      const destLot = kingdeeLot(entry, 'FDestLot');
      const lot = kingdeeLot(entry, 'FLot');
      // A transfer that changes the lot is a relabel (a transformation), not a move: refused rather than guessed.
      if (destLot !== undefined && destLot !== lot) throw new ErpDocumentRejected('ERP.INVALID_FIELD', `${document} line ${line} field FDestLot ${JSON.stringify(destLot)} differs from FLot ${JSON.stringify(lot)}: lot changes in transfers are not supported`);
    }
    return {
      line,
      erpItem,
      batchNumber: kingdeeLot(entry, 'FLot') ?? '',
      quantity: erpQuantity(entry, form.quantity, where),
      from,
      to,
      ...(unit && { unit }),
      ...(productionDate && { productionDate }),
      ...(expiryDate && { expiryDate }),
      ...(supplierBatchNumber && { supplierBatchNumber }),
      ...(productionOrder && { productionOrder }),
    };
  });
  return {
    erp: 'kingdee',
    system: `KINGDEE:${options.account}`,
    documentType: formId,
    kind: form.kind,
    number,
    occurredAt: erpInstant(bill, 'FDate', { document }, options.timeZone),
    ...(modified !== undefined && modified !== null && modified !== '' && { modifiedAt: erpInstant(bill, 'FModifyDate', { document }, options.timeZone) }),
    ...(partner && { partner }),
    lines,
  };
}

/**
 * A base-data reference: `{"FNumber":"CK001"}` (Save model; `FNUMBER` in older templates), the flattened query key
 * `FStockId.FNumber` (ExecuteBillQuery / BillQuery rows), or a plain code.
 */
export function kingdeeReference(record: ErpRecord, name: string, location: { document: string; line?: string }): string | undefined {
  const flat = optionalText(record, `${name}.FNumber`, location);
  if (flat !== undefined) return flat;
  const value = fieldOf(record, name);
  if (isRecord(value)) return optionalText(value, 'FNumber', location) ?? optionalText(value, 'Number', location);
  return optionalText(record, name, location);
}

/**
 * The lot text: FLot as a reference, `FLot.FNumber`, or `FLot_Text` (the literal lot stored next to the lot-master
 * id). Kingdee reads a line without a lot back as a single space: that is "no lot", not the batch " ".
 */
function kingdeeLot(entry: ErpRecord, name: string): string | undefined {
  const location = { document: 'Kingdee lot' };
  const lot = kingdeeReference(entry, name, location) ?? optionalText(entry, `${name}_Text`, location);
  return lot === undefined || lot.trim() === '' ? undefined : lot;
}

function isRecord(value: unknown): value is ErpRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
