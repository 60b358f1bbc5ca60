import { readXmlDocument, XmlDocumentRejected, type XmlElement, type XmlErrorCode } from '@lotbridge/xml-document';
import { IdocRejected, type IdocErrorCode } from './idoc-errors';

/**
 * Safe, lossless reading of IDoc-XML into a plain element tree: the shared XML reader (libs/xml-document:
 * size limit, UTF-8 only, DOCTYPE/ENTITY refused, strict entity decoding, line and column in errors) with
 * namespace prefixes dropped and attributes ignored (BEGIN="1", SEGMENT="1" carry no data), its XML.* codes
 * reported as this library's IDOC.* codes.
 */

export type { XmlElement };

export const DEFAULT_MAX_IDOC_BYTES = 10 * 1024 * 1024;

export interface IdocXmlOptions {
  /** refuse documents larger than this many bytes (UTF-8); default 10 MiB */
  maxBytes?: number;
}

const IDOC_CODE: Record<XmlErrorCode, IdocErrorCode> = {
  'XML.TOO_LARGE': 'IDOC.TOO_LARGE',
  'XML.UNSUPPORTED_ENCODING': 'IDOC.UNSUPPORTED_ENCODING',
  'XML.DOCTYPE_FORBIDDEN': 'IDOC.DOCTYPE_FORBIDDEN',
  'XML.MALFORMED': 'IDOC.MALFORMED_XML',
  'XML.MIXED_CONTENT': 'IDOC.INVALID_STRUCTURE',
  'XML.UNDECLARED_PREFIX': 'IDOC.MALFORMED_XML',
};

/**
 * Parses IDoc-XML (string or UTF-8 bytes) into its root element.
 * Throws IdocRejected: IDOC.TOO_LARGE, IDOC.UNSUPPORTED_ENCODING, IDOC.DOCTYPE_FORBIDDEN, IDOC.MALFORMED_XML,
 * IDOC.INVALID_STRUCTURE (text next to child elements).
 */
export function parseIdocXml(input: string | Uint8Array, options: IdocXmlOptions = {}): XmlElement {
  try {
    return readXmlDocument(input, { maxBytes: options.maxBytes ?? DEFAULT_MAX_IDOC_BYTES, what: 'IDoc document', xmlName: 'IDoc XML' });
  } catch (error) {
    if (!(error instanceof XmlDocumentRejected)) throw error;
    const message = error.code === 'XML.MIXED_CONTENT' ? `${error.message} (IDoc segments hold fields only)` : error.message;
    throw new IdocRejected(IDOC_CODE[error.code], message);
  }
}
