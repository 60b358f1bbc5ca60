import { XMLParser, XMLValidator, type EntityDecoderOptions, type X2jOptions } from 'fast-xml-parser';
import { IdocRejected } from './idoc-errors';

/**
 * Safe, lossless reading of IDoc-XML into a plain element tree.
 *
 * Lossless: every field value comes back as the exact string between its tags (after XML's own rules:
 * entity references decoded, CDATA kept verbatim, CR LF read as LF). Nothing is trimmed, nothing is turned
 * into a number, so a batch "  0012 " or a SAP right-aligned quantity "         5.000" survive unchanged.
 *
 * Safe: the size is checked before any parsing, DOCTYPE/ENTITY declarations are refused outright (no
 * entity expansion = no billion laughs, no external entities = no XXE), only the five predefined entities
 * and character references are decoded, and malformed XML is reported with its line and column.
 */

export const DEFAULT_MAX_IDOC_BYTES = 10 * 1024 * 1024;

export interface IdocXmlOptions {
  /** refuse documents larger than this many bytes (UTF-8); default 10 MiB */
  maxBytes?: number;
}

/**
 * One XML element. `text` is the element's own text: the field value for a leaf (exactly as written),
 * '' for an element that has child elements (the indentation between them is markup, not data).
 * `children` keeps document order, so a repeating segment (E1EDL24, E1ADRM1, E1EDT13) is simply
 * several children with the same name.
 */
export interface XmlElement {
  name: string;
  text: string;
  children: XmlElement[];
}

/**
 * The fast-xml-parser options, and why:
 * - preserveOrder: the result is an ordered list of nodes; repeated segments are never collapsed into
 *   "object or array", and text nodes stay separate from elements, so indentation can be told apart
 *   from values (see toElement).
 * - trimValues false + parseTagValue false: values are neither trimmed nor converted to numbers
 *   ("000010" stays "000010", "  0012 " stays "  0012 ").
 * - ignoreAttributes: IDoc-XML attributes (BEGIN="1", SEGMENT="1") carry no data.
 * - removeNSPrefix: SOAP/XI wrappers may prefix the root (ns0:DELVRY07).
 * - ignoreDeclaration/ignorePiTags: the <?xml ...?> declaration is not part of the IDoc.
 * - entityDecoder: our own strict decoder (below) instead of the library's, which leaves numeric
 *   character references undecoded unless HTML entities are switched on.
 */
const PARSER_OPTIONS: X2jOptions = {
  preserveOrder: true,
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreAttributes: true,
  removeNSPrefix: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
  htmlEntities: false,
};

/** XML 1.0 "Char": what a character reference may produce. */
function isXmlChar(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}

const PREDEFINED_ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Thrown inside the parser by the decoder; turned into IDOC.MALFORMED_XML with a position by parseIdocXml. */
class BadReference extends Error {
  constructor(readonly reference: string) {
    super(`undefined or invalid entity reference ${reference}`);
  }
}

/** Decodes exactly what XML defines without a DTD: &lt; &gt; &amp; &quot; &apos; and &#NN; / &#xHH;. */
function strictEntityDecoder(): EntityDecoderOptions {
  const decode = (text: string): string =>
    text.indexOf('&') === -1
      ? text
      : text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[^;&\s]*);?/g, (reference, name: string) => {
          if (!reference.endsWith(';')) throw new BadReference(reference);
          if (name.startsWith('#')) {
            const codePoint = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
            if (!isXmlChar(codePoint)) throw new BadReference(reference);
            return String.fromCodePoint(codePoint);
          }
          const value = PREDEFINED_ENTITIES[name];
          if (value === undefined) throw new BadReference(reference);
          return value;
        });
  return {
    decode,
    setExternalEntities: () => undefined,
    // Only reachable through a DOCTYPE, which is refused before parsing; refuse again to be sure.
    addInputEntities: (entities) => {
      if (Object.keys(entities).length > 0) throw new BadReference(`<!ENTITY ${Object.keys(entities)[0]}>`);
    },
    reset: () => undefined,
    setXmlVersion: () => undefined,
  };
}

/** 1-based line and column of a character offset, for error messages. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

function checkSize(bytes: number, maxBytes: number): void {
  if (bytes > maxBytes) {
    throw new IdocRejected('IDOC.TOO_LARGE', `IDoc document is ${bytes} bytes, larger than the limit of ${maxBytes} bytes`);
  }
}

/**
 * Bytes are read as UTF-8 only, and strictly: a wrong guess at the encoding would silently change a batch
 * number, which is exactly what this project promises never to do.
 */
function decodeUtf8(bytes: Uint8Array): string {
  if ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe)) {
    throw new IdocRejected('IDOC.UNSUPPORTED_ENCODING', 'IDoc document is UTF-16 (byte order mark); only UTF-8 is accepted');
  }
  const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1');
  const declared = /^(?:\uFEFF|\u00EF\u00BB\u00BF)?<\?xml[^>]*?\bencoding\s*=\s*["']([^"']*)["']/.exec(head)?.[1];
  if (declared !== undefined && !/^utf-?8$/i.test(declared)) {
    throw new IdocRejected('IDOC.UNSUPPORTED_ENCODING', `IDoc document declares encoding "${declared}"; only UTF-8 is accepted`);
  }
  try {
    // ignoreBOM false: a UTF-8 byte order mark is dropped, as it is not part of the document.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new IdocRejected('IDOC.UNSUPPORTED_ENCODING', 'IDoc document is not valid UTF-8');
  }
}

/** Refuses any DOCTYPE or ENTITY declaration: an IDoc never needs one, and they are the door to entity attacks. */
function refuseDeclarations(xml: string): void {
  const match = /<!(DOCTYPE|ENTITY)/i.exec(xml);
  if (match) {
    const { line, column } = lineAndColumn(xml, match.index);
    throw new IdocRejected(
      'IDOC.DOCTYPE_FORBIDDEN',
      `IDoc XML must not contain a ${match[0].slice('<!'.length).toUpperCase()} declaration (line ${line}, column ${column}): ` +
        'DTDs and entity declarations are refused to prevent entity expansion (billion laughs) and external entities (XXE)',
    );
  }
}

type OrderedNode = Record<string, unknown>;

function isWhitespace(text: string): boolean {
  return /^[ \t\r\n]*$/.test(text);
}

/** Converts one preserveOrder node into an XmlElement; see XmlElement for the text rule. */
function toElement(name: string, nodes: OrderedNode[]): XmlElement {
  const children: XmlElement[] = [];
  const texts: string[] = [];
  for (const node of nodes) {
    const key = Object.keys(node).find((k) => k !== ':@');
    if (key === undefined) continue;
    if (key === '#text') texts.push(String(node[key]));
    else children.push(toElement(key, node[key] as OrderedNode[]));
  }
  const text = texts.join('');
  if (children.length === 0) return { name, text, children };
  if (!isWhitespace(text)) {
    const found = JSON.stringify(text.trim());
    throw new IdocRejected('IDOC.INVALID_STRUCTURE', `${name}: text ${found} next to child elements (IDoc segments hold fields only)`);
  }
  return { name, text: '', children };
}

/**
 * Parses IDoc-XML (string or UTF-8 bytes) into its root element.
 * Throws IdocRejected: IDOC.TOO_LARGE, IDOC.UNSUPPORTED_ENCODING, IDOC.DOCTYPE_FORBIDDEN, IDOC.MALFORMED_XML.
 */
export function parseIdocXml(input: string | Uint8Array, options: IdocXmlOptions = {}): XmlElement {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_IDOC_BYTES;
  if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) throw new RangeError(`maxBytes must be a positive integer, got ${maxBytes}`);

  let xml: string;
  if (typeof input === 'string') {
    // Cheap bound first (a UTF-8 character is at most 3 bytes per UTF-16 code unit), exact count only when close.
    if (input.length * 3 > maxBytes) checkSize(Buffer.byteLength(input, 'utf8'), maxBytes);
    xml = input.startsWith('\uFEFF') ? input.slice(1) : input;
  } else {
    checkSize(input.byteLength, maxBytes);
    xml = decodeUtf8(input);
  }

  refuseDeclarations(xml);

  const validation = XMLValidator.validate(xml);
  if (validation !== true) {
    const { msg, line, col } = validation.err;
    throw new IdocRejected('IDOC.MALFORMED_XML', `malformed XML at line ${line}, column ${col}: ${msg}`);
  }

  let nodes: OrderedNode[];
  try {
    nodes = new XMLParser({ ...PARSER_OPTIONS, entityDecoder: strictEntityDecoder() }).parse(xml) as OrderedNode[];
  } catch (error) {
    if (error instanceof BadReference) {
      // The decoder sees text, not positions: the first occurrence in the source is where it is.
      const at = xml.indexOf(error.reference);
      const { line, column } = lineAndColumn(xml, Math.max(at, 0));
      throw new IdocRejected(
        'IDOC.MALFORMED_XML',
        `malformed XML at line ${line}, column ${column}: ${error.message} ` +
          '(only &lt; &gt; &amp; &quot; &apos; and character references are defined without a DTD)',
      );
    }
    throw new IdocRejected('IDOC.MALFORMED_XML', `malformed XML: ${(error as Error).message}`);
  }

  // Top level: the root element, plus whitespace text around it (comments and the declaration are dropped).
  const roots: XmlElement[] = [];
  for (const node of nodes) {
    const key = Object.keys(node).find((k) => k !== ':@');
    if (key !== undefined && key !== '#text') roots.push(toElement(key, node[key] as OrderedNode[]));
  }
  const [root, ...moreRoots] = roots;
  if (root === undefined || moreRoots.length > 0) {
    throw new IdocRejected('IDOC.MALFORMED_XML', `malformed XML: expected one root element, found ${roots.length}`);
  }
  return root;
}
