import { type Location, warehouse } from '@lotbridge/lot';
import type { ErpDocument, ErpDocumentKind, ErpLine } from './erp-document';
import { ErpDocumentRejected, missingField } from './erp-errors';
import { type ErpRecord, erpDate, erpInstant, erpQuantity, fieldOf, optionalText, requiredText } from './erp-values';

/**
 * Yonyou U8 / U8+ stock vouchers, by table: the one table of what each voucher means for lot stock and which
 * columns carry its values (U8's database column names, as the EAI/OpenAPI mappings and the research notes name
 * them; see docs/architecture.md for which are verified). A document is `{"head":{…},"body":[{…}]}`: the voucher
 * row (RdRecordNN / TransVouch) and its lines (RdRecordsNN / TransVouchs).
 */
export interface U8Voucher {
  kind: ErpDocumentKind;
  number: string;
  date: string;
  /** warehouse column of the head (source warehouse for transfers) */
  warehouse: string;
  destWarehouse?: string;
  partner?: string;
  batch: string;
  quantity: string;
  expiry: string;
}

const RD_RECORD = { number: 'cCode', date: 'dDate', warehouse: 'cWhCode', batch: 'cBatch', quantity: 'iQuantity', expiry: 'dVDate' } as const;

export const U8_VOUCHERS: Readonly<Record<string, U8Voucher>> = {
  rdrecord01: { ...RD_RECORD, kind: 'purchase-receipt', partner: 'cVenCode' },
  rdrecord10: { ...RD_RECORD, kind: 'production-receipt' },
  rdrecord11: { ...RD_RECORD, kind: 'production-issue' },
  rdrecord32: { ...RD_RECORD, kind: 'sales-delivery', partner: 'cCusCode' },
  TransVouch: { kind: 'transfer', number: 'cTVCode', date: 'dTVDate', warehouse: 'cOWhCode', destWarehouse: 'cIWhCode', batch: 'cTVBatch', quantity: 'iTVQuantity', expiry: 'dDisDate' },
};

export function u8Voucher(documentType: string): U8Voucher {
  const voucher = Object.prototype.hasOwnProperty.call(U8_VOUCHERS, documentType) ? U8_VOUCHERS[documentType] : undefined;
  if (!voucher) throw new ErpDocumentRejected('ERP.UNKNOWN_DOCUMENT_TYPE', `Yonyou voucher ${JSON.stringify(documentType)} is not a lot-moving document; known: ${Object.keys(U8_VOUCHERS).join(', ')}`);
  return voucher;
}

export interface YonyouReadOptions {
  /** the U8 account (帐套, e.g. "001"): the warehouses' plant and part of the source system "YONYOU:<account>" */
  account: string;
  /** U8 stores local datetimes without a zone (e.g. "Asia/Shanghai") */
  timeZone: string;
}

/** Reads one U8 voucher `{"head":{…},"body":[…]}` of table `documentType`. */
export function readYonyouVoucher(documentType: string, voucherDocument: ErpRecord, options: YonyouReadOptions): ErpDocument {
  const voucher = u8Voucher(documentType);
  const head = fieldOf(voucherDocument, 'head');
  const body = fieldOf(voucherDocument, 'body');
  if (!isRecord(head)) throw new ErpDocumentRejected('ERP.INVALID_STRUCTURE', `Yonyou ${documentType}: "head" must be an object (the voucher row)`);
  const number = requiredText(head, voucher.number, { document: `Yonyou ${documentType}` });
  const document = `Yonyou ${documentType} ${number}`;
  if (!Array.isArray(body) || body.length === 0) throw new ErpDocumentRejected('ERP.INVALID_STRUCTURE', `${document} has no lines ("body" must be a non-empty array)`);
  const warehouseOf = (field: string): Location => warehouse(options.account, requiredText(head, field, { document }));
  const stock = warehouseOf(voucher.warehouse);
  const partner = voucher.partner ? requiredText(head, voucher.partner, { document }) : undefined;
  const headOrder = optionalText(head, 'cMPoCode', { document });
  const lines = body.map((row, index): ErpLine => {
    if (!isRecord(row)) throw new ErpDocumentRejected('ERP.INVALID_STRUCTURE', `${document} body[${index}] is not an object`);
    const line = optionalText(row, 'AutoID', { document }) ?? optionalText(row, 'irowno', { document }) ?? String(index + 1);
    const where = { document, line };
    const productionOrder = optionalText(row, 'cMoCode', where) ?? headOrder;
    const production: Location = { kind: 'production', code: productionOrder ?? options.account };
    const unit = optionalText(row, 'cComUnitCode', where);
    const productionDate = erpDate(row, 'dMadeDate', where);
    const expiryDate = erpDate(row, voucher.expiry, where);
    const [from, to] =
      voucher.kind === 'purchase-receipt' ? [{ kind: 'supplier' as const, code: partner ?? '' }, stock]
      : voucher.kind === 'production-receipt' ? [production, stock]
      : voucher.kind === 'production-issue' ? [stock, production]
      : voucher.kind === 'sales-delivery' ? [stock, { kind: 'customer' as const, code: partner ?? '' }]
      : [stock, warehouseOf(voucher.destWarehouse ?? 'cIWhCode')];
    const erpItem = optionalText(row, 'cInvCode', where);
    if (!erpItem) throw missingField({ ...where, field: 'cInvCode' });
    return {
      line,
      erpItem,
      batchNumber: optionalText(row, voucher.batch, where) ?? '',
      quantity: erpQuantity(row, voucher.quantity, where),
      from,
      to,
      ...(unit && { unit }),
      ...(productionDate && { productionDate }),
      ...(expiryDate && { expiryDate }),
      ...(productionOrder && { productionOrder }),
    };
  });
  const modified = fieldOf(head, 'dnmodifytime');
  return {
    erp: 'yonyou',
    system: `YONYOU:${options.account}`,
    documentType,
    kind: voucher.kind,
    number,
    occurredAt: erpInstant(head, voucher.date, { document }, options.timeZone),
    ...(modified !== undefined && modified !== null && modified !== '' && { modifiedAt: erpInstant(head, 'dnmodifytime', { document }, options.timeZone) }),
    ...(partner && { partner }),
    lines,
  };
}

function isRecord(value: unknown): value is ErpRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
