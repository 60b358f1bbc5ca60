/**
 * An advance shipping notice (ASN, despatch advice) as Lotbridge keeps it: what a supplier says is on its way,
 * line by line and lot by lot. Every text is exactly as the sender wrote it (batch numbers byte for byte);
 * quantities are canonical exact decimals, dates are calendar dates (YYYY-MM-DD).
 */

/** Which standard the notice was written in. */
export type AsnFormat =
  /** GS1 XML 3.x (eCom / BMS), urn:gs1:ecom:despatch_advice:xsd:3 */
  | 'GS1_XML_3'
  /** GS1 XML 2.x (EAN.UCC, as GS1 US GUSI still sends), urn:ean.ucc:deliver:2 */
  | 'GS1_XML_2'
  /** OASIS UBL 2.x (2.0 and 2.1 share the namespace), urn:oasis:names:specification:ubl:schema:xsd:DespatchAdvice-2 */
  | 'UBL_2';

/** One expected receipt: a quantity of one lot announced on one line of the notice. */
export interface ExpectedReceipt {
  /** the notice's line number as written (UBL DespatchLine/ID, GS1 lineItemNumber or @number) */
  lineNumber: string;
  /** our item: the GTIN as written, or what the item mapping gives for the GTIN or the supplier's part number */
  item: string;
  gtin?: string;
  supplierPartNumber?: string;
  batchNumber: string;
  expiryDate?: string;
  productionDate?: string;
  /** canonical exact decimal, positive */
  quantity: string;
  unit: string;
  /** GS1 SSCC (18 digits, check digit verified) of the logistic unit carrying the line */
  sscc?: string;
  purchaseOrder?: string;
}

export interface AdvanceShippingNotice {
  format: AsnFormat;
  /** the supplier's number for the notice (UBL cbc:ID, GS1 despatchAdviceIdentification) */
  asnId: string;
  /** who sends the goods: a GLN where the notice has one, else the party id or name as written */
  supplier: string;
  buyer?: string;
  shipTo?: string;
  /** as written: a date or a local date-time (GS1 creationDateTime has no zone) */
  issued?: string;
  lines: ExpectedReceipt[];
  /** things accepted but worth a person's look (e.g. a GTIN whose check digit is wrong) */
  warnings: string[];
}

/**
 * What a format reader found, before the rules: every field exactly as written, plus the element it came from
 * (for messages). The rules (read-despatch-advice.ts) turn this into an AdvanceShippingNotice or refuse it.
 */
export interface DespatchAdviceFields {
  format: AsnFormat;
  asnId?: string;
  supplier?: string;
  buyer?: string;
  shipTo?: string;
  issued?: string;
  lines: DespatchLineFields[];
}

export interface DespatchLineFields {
  lineNumber?: string;
  gtin?: string;
  supplierPartNumber?: string;
  batchNumber?: string;
  expiry?: string;
  production?: string;
  quantity?: string;
  unit?: string;
  sscc?: string;
  purchaseOrder?: string;
}

/** The element names each format uses, so that a refusal names what the sender has to fix. */
export interface FormatVocabulary {
  asnId: string;
  supplier: string;
  lineNumber: string;
  batchNumber: string;
  quantity: string;
  unit: string;
  expiry: string;
  production: string;
  sscc: string;
  gtin: string;
  supplierPartNumber: string;
}
