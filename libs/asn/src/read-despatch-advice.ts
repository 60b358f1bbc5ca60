import { hasValidCheckDigit } from '@lotbridge/gs1';
import { batchNumberProblem, canonicalQuantity, isCalendarDate, isPositiveQuantity, quantityProblem } from '@lotbridge/lot';
import { childrenNamed, findFirst, qualifiedName, readXmlDocument, XmlDocumentRejected, type XmlElement, type XmlErrorCode } from '@lotbridge/xml-document';
import { AsnRejected, type AsnErrorCode } from './asn-errors';
import type { AdvanceShippingNotice, DespatchAdviceFields, DespatchLineFields, ExpectedReceipt, FormatVocabulary } from './despatch-advice';
import { GS1_VOCABULARY, GS1_XML_2_DELIVER, GS1_XML_3_DESPATCH_ADVICE, readGs1DespatchAdvice } from './gs1-despatch-advice';
import { resolveItem, type ItemMapping } from './item-mapping';
import { readUblDespatchAdvice, UBL_DESPATCH_ADVICE, UBL_VOCABULARY } from './ubl-despatch-advice';

export const DEFAULT_MAX_ASN_BYTES = 10 * 1024 * 1024;

export interface ReadAsnOptions {
  /** refuse documents larger than this many bytes; default 10 MiB */
  maxBytes?: number;
  itemMapping?: ItemMapping;
}

const ASN_CODE: Record<XmlErrorCode, AsnErrorCode> = {
  'XML.TOO_LARGE': 'ASN.TOO_LARGE',
  'XML.UNSUPPORTED_ENCODING': 'ASN.UNSUPPORTED_ENCODING',
  'XML.DOCTYPE_FORBIDDEN': 'ASN.DOCTYPE_FORBIDDEN',
  'XML.MALFORMED': 'ASN.MALFORMED_XML',
  'XML.MIXED_CONTENT': 'ASN.MALFORMED_XML',
  'XML.UNDECLARED_PREFIX': 'ASN.MALFORMED_XML',
};

function readXml(input: string | Uint8Array, maxBytes: number): XmlElement {
  try {
    return readXmlDocument(input, { maxBytes, what: 'ASN document', xmlName: 'ASN XML', namespaces: true, mixedContent: 'ignore' });
  } catch (error) {
    if (error instanceof XmlDocumentRejected) throw new AsnRejected(ASN_CODE[error.code], error.message);
    throw error;
  }
}

/** Which despatch advice the document is, by namespace and element name; refuses anything else by naming its root. */
function readFields(root: XmlElement): { fields: DespatchAdviceFields & { lines: Array<DespatchLineFields & { lotCount?: number }> }; vocabulary: FormatVocabulary } {
  if (root.namespace === UBL_DESPATCH_ADVICE && root.name === 'DespatchAdvice') {
    return { fields: readUblDespatchAdvice(root), vocabulary: UBL_VOCABULARY };
  }
  const message3 = findFirst(root, 'despatchAdviceMessage', GS1_XML_3_DESPATCH_ADVICE);
  if (message3) {
    const advices = childrenNamed(message3, 'despatchAdvice');
    if (advices.length !== 1) {
      throw new AsnRejected('ASN.UNSUPPORTED_DOCUMENT', `GS1 despatchAdviceMessage carries ${advices.length} despatchAdvice elements; send exactly one per message`);
    }
    return { fields: readGs1DespatchAdvice('GS1_XML_3', advices[0] as XmlElement, root), vocabulary: GS1_VOCABULARY.GS1_XML_3 };
  }
  const advice2 = findFirst(root, 'despatchAdvice', GS1_XML_2_DELIVER);
  if (advice2) return { fields: readGs1DespatchAdvice('GS1_XML_2', advice2, root), vocabulary: GS1_VOCABULARY.GS1_XML_2 };
  throw new AsnRejected(
    'ASN.UNSUPPORTED_DOCUMENT',
    `${qualifiedName(root)} is not a despatch advice this adapter reads: send GS1 XML 3.x despatchAdviceMessage (${GS1_XML_3_DESPATCH_ADVICE}), ` +
      `GS1 XML 2.x despatchAdvice (${GS1_XML_2_DELIVER}) or UBL DespatchAdvice (${UBL_DESPATCH_ADVICE})`,
  );
}

/**
 * A GS1 or UBL date: "2017-08-08", or a date-time whose date part is taken as written ("2017-08-08T03:35:00" is
 * the 8th wherever the sender is: an expiry date is a calendar date, never shifted by a time zone).
 */
function calendarDate(value: string): string | undefined {
  const date = value.slice(0, 10);
  if (!isCalendarDate(date)) return undefined;
  return value.length === 10 || value[10] === 'T' || value[10] === 'Z' || value[10] === '+' || value[10] === '-' ? date : undefined;
}

function present(value: string | undefined): value is string {
  return value !== undefined && value !== '';
}

function toExpectedReceipt(line: DespatchLineFields & { lotCount?: number }, index: number, supplier: string, vocabulary: FormatVocabulary, mapping: ItemMapping, warnings: string[]): ExpectedReceipt {
  const where = `line ${present(line.lineNumber) ? line.lineNumber : `#${index + 1}`}`;
  const fail = (code: AsnErrorCode, text: string) => new AsnRejected(code, `${where}: ${text}`);
  if (!present(line.lineNumber)) throw fail('ASN.MISSING_FIELD', `no line number (${vocabulary.lineNumber})`);
  if ((line.lotCount ?? 0) > 1) throw fail('ASN.INVALID_FIELD', `${line.lotCount} batches on one line (${vocabulary.batchNumber}); send one line per batch`);

  if (line.batchNumber === undefined || line.batchNumber === '') throw fail('ASN.MISSING_BATCH', `no batch number (${vocabulary.batchNumber})`);
  const batchProblem = batchNumberProblem(line.batchNumber);
  if (batchProblem) throw fail('ASN.INVALID_FIELD', `batch number ${JSON.stringify(line.batchNumber)} is ${batchProblem.replace(/-/g, ' ')}`);

  const gtin = present(line.gtin) ? line.gtin : undefined;
  const supplierPartNumber = present(line.supplierPartNumber) ? line.supplierPartNumber : undefined;
  const item = resolveItem(mapping, supplier, { gtin, supplierPartNumber });
  if (item === undefined) {
    const named = supplierPartNumber === undefined ? `no GTIN (${vocabulary.gtin}) and no supplier part number (${vocabulary.supplierPartNumber})` : `supplier part number ${JSON.stringify(supplierPartNumber)} of supplier ${JSON.stringify(supplier)} is not in the item mapping${gtin === undefined ? ' and there is no GTIN' : ''}`;
    throw fail('ASN.UNKNOWN_ITEM', `${named}`);
  }
  if (gtin !== undefined && item === gtin && !(/^(\d{8}|\d{12,14})$/.test(gtin) && hasValidCheckDigit(gtin))) {
    // Accepted, not refused: the GTIN is matched byte for byte against receipts, and real notices carry test GTINs.
    warnings.push(`${where}: GTIN ${JSON.stringify(gtin)} is not a valid GTIN-8/12/13/14 (check digit)`);
  }

  if (!present(line.quantity)) throw fail('ASN.INVALID_QUANTITY', `no quantity (${vocabulary.quantity})`);
  const problem = quantityProblem(line.quantity);
  if (problem) throw fail('ASN.INVALID_QUANTITY', `quantity ${JSON.stringify(line.quantity)} (${vocabulary.quantity}) is ${problem.replace(/-/g, ' ')}`);
  if (!isPositiveQuantity(line.quantity)) throw fail('ASN.INVALID_QUANTITY', `quantity ${JSON.stringify(line.quantity)} (${vocabulary.quantity}) is not positive`);

  const dates: Pick<ExpectedReceipt, 'expiryDate' | 'productionDate'> = {};
  for (const [field, value, element] of [['expiryDate', line.expiry, vocabulary.expiry], ['productionDate', line.production, vocabulary.production]] as const) {
    if (!present(value)) continue;
    const date = calendarDate(value);
    if (date === undefined) throw fail('ASN.INVALID_FIELD', `${element} ${JSON.stringify(value)} is not a date (YYYY-MM-DD)`);
    dates[field] = date;
  }

  let sscc: string | undefined;
  if (present(line.sscc)) {
    if (!/^\d{18}$/.test(line.sscc) || !hasValidCheckDigit(line.sscc)) {
      throw fail('ASN.INVALID_SSCC', `SSCC ${JSON.stringify(line.sscc)} (${vocabulary.sscc}) is not 18 digits with a valid GS1 check digit`);
    }
    sscc = line.sscc;
  }

  return {
    lineNumber: line.lineNumber,
    item,
    ...(gtin !== undefined && { gtin }),
    ...(supplierPartNumber !== undefined && { supplierPartNumber }),
    batchNumber: line.batchNumber,
    ...dates,
    quantity: canonicalQuantity(line.quantity),
    // GS1: a quantity without a unit code counts trade item units (each).
    unit: present(line.unit) ? line.unit : 'EA',
    ...(sscc !== undefined && { sscc }),
    ...(present(line.purchaseOrder) && { purchaseOrder: line.purchaseOrder }),
  };
}

/**
 * Reads a GS1 XML (3.x or 2.x) or UBL 2.x despatch advice from raw bytes into expected receipts.
 * Throws AsnRejected naming the problem; never guesses an item, a batch or a date.
 */
export function readDespatchAdvice(input: string | Uint8Array, options: ReadAsnOptions = {}): AdvanceShippingNotice {
  const root = readXml(input, options.maxBytes ?? DEFAULT_MAX_ASN_BYTES);
  const { fields, vocabulary } = readFields(root);
  if (!present(fields.asnId)) throw new AsnRejected('ASN.MISSING_FIELD', `the despatch advice has no number (${vocabulary.asnId})`);
  if (!present(fields.supplier)) throw new AsnRejected('ASN.MISSING_FIELD', `despatch advice ${fields.asnId} names no supplier (${vocabulary.supplier})`);
  if (fields.lines.length === 0) throw new AsnRejected('ASN.MISSING_FIELD', `despatch advice ${fields.asnId} has no lines`);
  const supplier = fields.supplier;
  const warnings: string[] = [];
  const lines = fields.lines.map((line, index) => toExpectedReceipt(line, index, supplier, vocabulary, options.itemMapping ?? {}, warnings));
  const seen = new Set<string>();
  for (const line of lines) {
    if (seen.has(line.lineNumber)) throw new AsnRejected('ASN.DUPLICATE_LINE', `line ${line.lineNumber} occurs more than once`);
    seen.add(line.lineNumber);
  }
  return {
    format: fields.format,
    asnId: fields.asnId,
    supplier,
    ...(present(fields.buyer) && { buyer: fields.buyer }),
    ...(present(fields.shipTo) && { shipTo: fields.shipTo }),
    ...(present(fields.issued) && { issued: fields.issued }),
    lines,
    warnings,
  };
}
