/**
 * Why an ERP document was refused. The code is stable (senders and dead-letter readers match on it); the message
 * names the document, line and field.
 */
export type ErpErrorCode =
  | 'ERP.UNKNOWN_DOCUMENT_TYPE'
  | 'ERP.INVALID_STRUCTURE'
  | 'ERP.MISSING_FIELD'
  | 'ERP.INVALID_FIELD'
  | 'ERP.MISSING_BATCH'
  | 'ERP.UNKNOWN_ITEM'
  | 'ERP.IMPRECISE_NUMBER';

export class ErpDocumentRejected extends Error {
  override readonly name = 'ErpDocumentRejected';

  constructor(
    readonly code: ErpErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Where in a document a value was read: "Kingdee STK_InStock CGRK00042 line 100456 field FRealQty". */
export interface ErpFieldLocation {
  document: string;
  line?: string;
  field: string;
}

export function describeLocation({ document, line, field }: ErpFieldLocation): string {
  return `${document}${line === undefined ? '' : ` line ${line}`} field ${field}`;
}

export function missingField(location: ErpFieldLocation): ErpDocumentRejected {
  return new ErpDocumentRejected('ERP.MISSING_FIELD', `${describeLocation(location)} is missing or empty`);
}

export function invalidField(location: ErpFieldLocation, value: unknown, problem: string): ErpDocumentRejected {
  return new ErpDocumentRejected('ERP.INVALID_FIELD', `${describeLocation(location)} ${JSON.stringify(value)} ${problem}`);
}
