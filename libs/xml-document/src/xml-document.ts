import { XMLParser, XMLValidator, type EntityDecoderOptions, type X2jOptions } from 'fast-xml-parser';

/**
 * Safe, lossless reading of one inbound XML document (IDoc-XML, GS1 XML, UBL) into a plain element tree.
 *
 * Lossless: every value comes back as the exact string between its tags (after XML's own rules: entity
 * references decoded, CDATA kept verbatim, CR LF read as LF). Nothing is trimmed, nothing is turned into a
 * number, so a batch "  0012 " or a SAP right-aligned quantity "         5.000" survive unchanged.
 *
 * Safe: the size is checked before any parsing, DOCTYPE/ENTITY declarations are refused outright (no entity
 * expansion = no billion laughs, no external entities = no XXE), only the five predefined entities and
 * character references are decoded, and malformed XML is reported with its line and column.
 */

/**
 * Why a document was refused. The code is stable (adapters map it to their own, dead-letter queues group by
 * it); the message is for people and says where (line and column) when the parser knows.
 */
export type XmlErrorCode =
  | 'XML.TOO_LARGE'
  | 'XML.UNSUPPORTED_ENCODING'
  | 'XML.DOCTYPE_FORBIDDEN'
  | 'XML.MALFORMED'
  /** text beside child elements: no document read here carries mixed content */
  | 'XML.MIXED_CONTENT'
  /** an element or attribute prefix with no xmlns declaration in scope */
  | 'XML.UNDECLARED_PREFIX';

export class XmlDocumentRejected extends Error {
  override readonly name = 'XmlDocumentRejected';

  constructor(
    readonly code: XmlErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const DEFAULT_MAX_XML_BYTES = 10 * 1024 * 1024;

export interface XmlReadOptions {
  /** refuse documents larger than this many bytes (UTF-8); default 10 MiB */
  maxBytes?: number;
  /** how messages name the document ("IDoc document is 207 bytes ..."); default "XML document" */
  what?: string;
  /** how the DOCTYPE refusal names the markup ("IDoc XML must not contain ..."); default "XML" */
  xmlName?: string;
  /**
   * true: resolve namespaces (each element gets its namespace URI and its attributes; prefixes are
   * dropped from names). false (the default): prefixes are dropped and attributes ignored, which is all
   * IDoc-XML needs and the cheapest.
   */
  namespaces?: boolean;
  /**
   * Text beside child elements: 'refuse' (the default: XML.MIXED_CONTENT; an IDoc segment holds fields only) or
   * 'ignore' (dropped, for documents whose formats allow it somewhere no field is read, e.g. cXML Comments).
   */
  mixedContent?: 'refuse' | 'ignore';
}

/**
 * One XML element. `name` is the local name (no prefix). `text` is the element's own text: the value of a
 * leaf (exactly as written), '' for an element that has child elements (the indentation between them is
 * markup, not data). `children` keeps document order, so a repeating element is simply several children
 * with the same name. `namespace` (the URI, '' for none) and `attributes` (local name, or prefix:local for
 * prefixed ones, to value as written) are present only when read with `namespaces: true`.
 */
export interface XmlElement {
  name: string;
  text: string;
  children: XmlElement[];
  namespace?: string;
  attributes?: Readonly<Record<string, string>>;
}

/**
 * The fast-xml-parser options, and why:
 * - preserveOrder: the result is an ordered list of nodes; repeated elements are never collapsed into
 *   "object or array", and text nodes stay separate from elements, so indentation can be told apart
 *   from values (see toElement).
 * - trimValues false + parseTagValue false: values are neither trimmed nor converted to numbers
 *   ("000010" stays "000010", "  0012 " stays "  0012 ").
 * - ignoreDeclaration/ignorePiTags: the <?xml ...?> declaration is not part of the document.
 * - entityDecoder: our own strict decoder (below) instead of the library's, which leaves numeric
 *   character references undecoded unless HTML entities are switched on.
 */
const COMMON_OPTIONS: X2jOptions = {
  preserveOrder: true,
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
  htmlEntities: false,
};
/** Without namespaces: prefixes removed by the parser (SOAP/XI wrappers: ns0:DELVRY07), attributes ignored. */
const PLAIN_OPTIONS: X2jOptions = { ...COMMON_OPTIONS, ignoreAttributes: true, removeNSPrefix: true };
/** With namespaces: qualified names and every attribute kept (xmlns declarations included), resolved in toElement. */
const NAMESPACE_OPTIONS: X2jOptions = { ...COMMON_OPTIONS, ignoreAttributes: false, attributeNamePrefix: '', removeNSPrefix: false };

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

/** Thrown inside the parser by the decoder; turned into XML.MALFORMED with a position by readXmlDocument. */
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

function checkSize(bytes: number, maxBytes: number, what: string): void {
  if (bytes > maxBytes) {
    throw new XmlDocumentRejected('XML.TOO_LARGE', `${what} is ${bytes} bytes, larger than the limit of ${maxBytes} bytes`);
  }
}

/**
 * Bytes are read as UTF-8 only, and strictly: a wrong guess at the encoding would silently change a batch
 * number, which is exactly what this project promises never to do.
 */
function decodeUtf8(bytes: Uint8Array, what: string): string {
  if ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe)) {
    throw new XmlDocumentRejected('XML.UNSUPPORTED_ENCODING', `${what} is UTF-16 (byte order mark); only UTF-8 is accepted`);
  }
  const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1');
  const declared = /^(?:\uFEFF|\u00EF\u00BB\u00BF)?<\?xml[^>]*?\bencoding\s*=\s*["']([^"']*)["']/.exec(head)?.[1];
  if (declared !== undefined && !/^utf-?8$/i.test(declared)) {
    throw new XmlDocumentRejected('XML.UNSUPPORTED_ENCODING', `${what} declares encoding "${declared}"; only UTF-8 is accepted`);
  }
  try {
    // ignoreBOM false: a UTF-8 byte order mark is dropped, as it is not part of the document.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new XmlDocumentRejected('XML.UNSUPPORTED_ENCODING', `${what} is not valid UTF-8`);
  }
}

/** Refuses any DOCTYPE or ENTITY declaration: no business document needs one, and they are the door to entity attacks. */
function refuseDeclarations(xml: string, xmlName: string): void {
  const match = /<!(DOCTYPE|ENTITY)/i.exec(xml);
  if (match) {
    const { line, column } = lineAndColumn(xml, match.index);
    throw new XmlDocumentRejected(
      'XML.DOCTYPE_FORBIDDEN',
      `${xmlName} must not contain a ${match[0].slice('<!'.length).toUpperCase()} declaration (line ${line}, column ${column}): ` +
        'DTDs and entity declarations are refused to prevent entity expansion (billion laughs) and external entities (XXE)',
    );
  }
}

type OrderedNode = Record<string, unknown>;
type Namespaces = Readonly<Record<string, string>>;

const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
const NO_NAMESPACES: Namespaces = { xml: XML_NAMESPACE };

function isWhitespace(text: string): boolean {
  return /^[ \t\r\n]*$/.test(text);
}

function elementKey(node: OrderedNode): string | undefined {
  for (const key in node) if (key !== ':@') return key;
  return undefined;
}

/** Splits "p:local" into its prefix ('' for none) and local name. */
function splitName(qualified: string): [prefix: string, local: string] {
  const colon = qualified.indexOf(':');
  return colon === -1 ? ['', qualified] : [qualified.slice(0, colon), qualified.slice(colon + 1)];
}

/**
 * Namespace resolution (Namespaces in XML 1.0): xmlns / xmlns:p declarations on an element are in scope for it
 * and its descendants; an unprefixed element takes the default namespace, an unprefixed attribute none.
 */
function resolveNamespaces(qualified: string, rawAttributes: Record<string, unknown> | undefined, inScope: Namespaces) {
  let scope = inScope;
  const attributes: Record<string, string> = {};
  if (rawAttributes) {
    for (const [name, value] of Object.entries(rawAttributes)) {
      if (name === 'xmlns') scope = { ...scope, '': String(value) };
      else if (name.startsWith('xmlns:')) scope = { ...scope, [name.slice('xmlns:'.length)]: String(value) };
    }
    for (const [name, value] of Object.entries(rawAttributes)) {
      if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
      const [prefix] = splitName(name);
      if (prefix !== '' && scope[prefix] === undefined) {
        throw new XmlDocumentRejected('XML.UNDECLARED_PREFIX', `attribute ${name} of element ${qualified}: namespace prefix "${prefix}" is not declared`);
      }
      attributes[name] = String(value);
    }
  }
  const [prefix, local] = splitName(qualified);
  const namespace = scope[prefix];
  if (namespace === undefined) {
    if (prefix !== '') throw new XmlDocumentRejected('XML.UNDECLARED_PREFIX', `element ${qualified}: namespace prefix "${prefix}" is not declared`);
    return { scope, local, namespace: '', attributes };
  }
  return { scope, local, namespace, attributes };
}

/** Converts one preserveOrder node into an XmlElement; see XmlElement for the text rule. */
function toElement(qualified: string, node: OrderedNode, scope: Namespaces | undefined, refuseMixed: boolean): XmlElement {
  let name = qualified;
  let childScope = scope;
  let resolved: { namespace: string; attributes: Record<string, string> } | undefined;
  if (scope !== undefined) {
    const result = resolveNamespaces(qualified, node[':@'] as Record<string, unknown> | undefined, scope);
    name = result.local;
    childScope = result.scope;
    resolved = result;
  }
  const children: XmlElement[] = [];
  let text = '';
  for (const child of node[qualified] as OrderedNode[]) {
    const key = elementKey(child);
    if (key === undefined) continue;
    if (key === '#text') text += String(child[key]);
    else children.push(toElement(key, child, childScope, refuseMixed));
  }
  if (children.length > 0) {
    if (refuseMixed && !isWhitespace(text)) {
      throw new XmlDocumentRejected('XML.MIXED_CONTENT', `${name}: text ${JSON.stringify(text.trim())} next to child elements`);
    }
    text = '';
  }
  return resolved ? { name, text, children, namespace: resolved.namespace, attributes: resolved.attributes } : { name, text, children };
}

/**
 * Reads one XML document (string or UTF-8 bytes) into its root element.
 * Throws XmlDocumentRejected: XML.TOO_LARGE, XML.UNSUPPORTED_ENCODING, XML.DOCTYPE_FORBIDDEN, XML.MALFORMED,
 * XML.MIXED_CONTENT, XML.UNDECLARED_PREFIX.
 */
export function readXmlDocument(input: string | Uint8Array, options: XmlReadOptions = {}): XmlElement {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_XML_BYTES;
  const what = options.what ?? 'XML document';
  if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) throw new RangeError(`maxBytes must be a positive integer, got ${maxBytes}`);

  let xml: string;
  if (typeof input === 'string') {
    // Cheap bound first (a UTF-8 character is at most 3 bytes per UTF-16 code unit), exact count only when close.
    if (input.length * 3 > maxBytes) checkSize(Buffer.byteLength(input, 'utf8'), maxBytes, what);
    xml = input.startsWith('\uFEFF') ? input.slice(1) : input;
  } else {
    checkSize(input.byteLength, maxBytes, what);
    xml = decodeUtf8(input, what);
  }

  refuseDeclarations(xml, options.xmlName ?? 'XML');

  const validation = XMLValidator.validate(xml);
  if (validation !== true) {
    const { msg, line, col } = validation.err;
    throw new XmlDocumentRejected('XML.MALFORMED', `malformed XML at line ${line}, column ${col}: ${msg}`);
  }

  const namespaces = options.namespaces === true;
  let nodes: OrderedNode[];
  try {
    nodes = new XMLParser({ ...(namespaces ? NAMESPACE_OPTIONS : PLAIN_OPTIONS), entityDecoder: strictEntityDecoder() }).parse(xml) as OrderedNode[];
  } catch (error) {
    if (error instanceof BadReference) {
      // The decoder sees text, not positions: the first occurrence in the source is where it is.
      const at = xml.indexOf(error.reference);
      const { line, column } = lineAndColumn(xml, Math.max(at, 0));
      throw new XmlDocumentRejected(
        'XML.MALFORMED',
        `malformed XML at line ${line}, column ${column}: ${error.message} ` +
          '(only &lt; &gt; &amp; &quot; &apos; and character references are defined without a DTD)',
      );
    }
    throw new XmlDocumentRejected('XML.MALFORMED', `malformed XML: ${(error as Error).message}`);
  }

  // Top level: the root element, plus whitespace text around it (comments and the declaration are dropped).
  const roots: XmlElement[] = [];
  for (const node of nodes) {
    const key = elementKey(node);
    if (key !== undefined && key !== '#text') roots.push(toElement(key, node, namespaces ? NO_NAMESPACES : undefined, options.mixedContent !== 'ignore'));
  }
  const [root, ...moreRoots] = roots;
  if (root === undefined || moreRoots.length > 0) {
    throw new XmlDocumentRejected('XML.MALFORMED', `malformed XML: expected one root element, found ${roots.length}`);
  }
  return root;
}
