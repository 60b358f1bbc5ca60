import { KINGDEE_FORMS, kingdeeForm } from './kingdee-documents';
import { ErpDocumentRejected } from './erp-errors';
import type { ErpRecord } from './erp-values';

/**
 * Pulling Kingdee bills with ExecuteBillQuery: the field keys asked for, and the positional rows it answers
 * (one row per entry line, header values repeated) turned back into bills the push mapping reads.
 */
export function kingdeeQueryFieldKeys(formId: string): string[] {
  const form = kingdeeForm(formId);
  const header = ['FBillNo', 'FDate', 'FModifyDate', 'FStockOrgId.FNumber'];
  if (form.kind === 'purchase-receipt') header.push('FSupplierId.FNumber');
  if (form.kind === 'sales-delivery') header.push('FCustomerID.FNumber');
  const entry = [`${form.entry}_FEntryID`, `${formId === 'SAL_OUTSTOCK' ? 'FMaterialID' : 'FMaterialId'}.FNumber`, 'FUnitID.FNumber', 'FLot.FNumber', form.quantity, `${form.stock}.FNumber`];
  if (form.destStock) entry.push(`${form.destStock}.FNumber`, 'FDestLot.FNumber');
  if (form.kind === 'purchase-receipt') entry.push('FSupplierLot');
  if (form.kind === 'production-receipt' || form.kind === 'production-issue') entry.push('FMoBillNo');
  if (form.kind !== 'transfer' && form.kind !== 'sales-delivery') entry.push('FProduceDate', 'FExpiryDate');
  return [...header, ...entry];
}

const HEADER_KEYS = new Set(['FBillNo', 'FDate', 'FModifyDate', 'FStockOrgId.FNumber', 'FSupplierId.FNumber', 'FCustomerID.FNumber']);

/**
 * Reads an ExecuteBillQuery answer losslessly: its text is a JSON array of arrays of primitives, and every number
 * is kept as its literal text (FRealQty 120.10 stays "120.10"), never passed through a double. The caller has
 * checked that the text is well-formed, bounded JSON. An error answer (`[[{"Result":{"ResponseStatus":…}}]]`) is
 * returned as `error`.
 */
export function kingdeeQueryRows(text: string): { rows: unknown[][] } | { error: string } {
  const token = /\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null|[[\],{])/y;
  const rows: unknown[][] = [];
  let row: unknown[] | undefined;
  let depth = 0;
  let consumed = 0;
  for (let match = token.exec(text); match; match = token.exec(text)) {
    consumed = token.lastIndex;
    const value = match[1] ?? '';
    if (value === '{') {
      // Only the error envelope has objects in it.
      const envelope = JSON.parse(text) as Array<Array<{ Result?: { ResponseStatus?: { Errors?: Array<{ Message?: string }>; MsgCode?: number } } }>>;
      const status = envelope[0]?.[0]?.Result?.ResponseStatus;
      return { error: `ExecuteBillQuery refused (MsgCode ${status?.MsgCode ?? '?'}): ${(status?.Errors ?? []).map((e) => e.Message).join('; ') || 'no message'}` };
    }
    if (value === '[') {
      depth += 1;
      if (depth === 2) row = [];
      else if (depth > 2) throw new ErpDocumentRejected('ERP.INVALID_STRUCTURE', 'ExecuteBillQuery answer nests deeper than rows of values');
    } else if (value === ']') {
      if (depth === 2 && row) rows.push(row);
      depth -= 1;
    } else if (value !== ',') {
      if (depth !== 2 || !row) throw new ErpDocumentRejected('ERP.INVALID_STRUCTURE', 'ExecuteBillQuery answer is not an array of rows');
      row.push(value.startsWith('"') ? (JSON.parse(value) as string) : value === 'null' ? null : value === 'true' ? true : value === 'false' ? false : value);
    }
  }
  if (text.slice(consumed).trim() !== '' || depth !== 0) throw new ErpDocumentRejected('ERP.INVALID_STRUCTURE', `ExecuteBillQuery answer is not an array of rows (stopped at character ${consumed})`);
  return { rows };
}

/** Positional rows (in `fieldKeys` order) to bills: rows of one FBillNo become one bill with its entry lines. */
export function kingdeeBillsFromRows(formId: string, fieldKeys: readonly string[], rows: readonly unknown[][]): ErpRecord[] {
  const form = kingdeeForm(formId);
  const bills = new Map<string, ErpRecord & { entries: ErpRecord[] }>();
  for (const [index, row] of rows.entries()) {
    if (row.length !== fieldKeys.length) throw new ErpDocumentRejected('ERP.INVALID_STRUCTURE', `ExecuteBillQuery row ${index} has ${row.length} values for ${fieldKeys.length} field keys`);
    const header: ErpRecord = {};
    const entry: ErpRecord = {};
    fieldKeys.forEach((key, position) => ((HEADER_KEYS.has(key) ? header : entry)[key] = row[position]));
    const number = String(header['FBillNo']);
    const bill = bills.get(number) ?? { ...header, entries: [] };
    bill.entries.push(entry);
    bills.set(number, bill);
  }
  return [...bills.values()].map(({ entries, ...header }) => ({ ...header, [form.entry]: entries }));
}

export const KINGDEE_FORM_IDS = Object.keys(KINGDEE_FORMS);
