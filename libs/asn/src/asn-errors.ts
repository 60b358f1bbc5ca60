/**
 * Why an advance shipping notice was refused. The code is stable (the adapter answers with it, dead-letter queues
 * group by it); the message names the line and the element, e.g. `line 2: no batch number (LotNumberID)`.
 */
export type AsnErrorCode =
  | 'ASN.TOO_LARGE'
  | 'ASN.UNSUPPORTED_ENCODING'
  | 'ASN.DOCTYPE_FORBIDDEN'
  | 'ASN.MALFORMED_XML'
  /** well-formed XML, but not a GS1 XML or UBL despatch advice (cXML, EDIFACT-as-XML, an invoice ...) */
  | 'ASN.UNSUPPORTED_DOCUMENT'
  /** a despatch advice without its number, its supplier or any line */
  | 'ASN.MISSING_FIELD'
  | 'ASN.INVALID_FIELD'
  /** a line without a batch/lot number: every announced quantity must name its lot */
  | 'ASN.MISSING_BATCH'
  /** neither the GTIN nor the supplier's part number maps to one of our items */
  | 'ASN.UNKNOWN_ITEM'
  /** an SSCC that is not 18 digits or whose GS1 check digit is wrong */
  | 'ASN.INVALID_SSCC'
  | 'ASN.INVALID_QUANTITY'
  /** the same line number twice in one notice */
  | 'ASN.DUPLICATE_LINE';

export class AsnRejected extends Error {
  override readonly name = 'AsnRejected';

  constructor(
    readonly code: AsnErrorCode,
    message: string,
  ) {
    super(message);
  }
}
