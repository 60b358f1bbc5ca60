import { readXmlDocument, XmlDocumentRejected, type XmlErrorCode } from './xml-document';
import { childNamed, findFirst, qualifiedName, textAt } from './xml-navigation';

function rejection(action: () => unknown, code: XmlErrorCode): XmlDocumentRejected {
  try {
    action();
  } catch (error) {
    if (!(error instanceof XmlDocumentRejected)) throw error;
    expect(error.code).toBe(code);
    return error;
  }
  throw new Error(`expected ${code}, nothing was thrown`);
}

const UBL = 'urn:oasis:names:specification:ubl:schema:xsd:DespatchAdvice-2';
const CBC = 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2';
const CAC = 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2';

describe('readXmlDocument with namespaces', () => {
  const xml = [
    `<DespatchAdvice xmlns="${UBL}" xmlns:cbc="${CBC}" xmlns:cac="${CAC}">`,
    '  <cbc:ID>565899</cbc:ID>',
    '  <cac:DespatchLine>',
    '    <cbc:DeliveredQuantity unitCode="KGM">90.50</cbc:DeliveredQuantity>',
    '    <other:ID xmlns:other="urn:example:other">not the UBL one</other:ID>',
    '    <cbc:Note xml:lang="en">R&amp;D &#x6279;</cbc:Note>',
    '    <Plain xmlns="">no namespace</Plain>',
    '  </cac:DespatchLine>',
    '</DespatchAdvice>',
  ].join('\n');
  const root = readXmlDocument(xml, { namespaces: true });
  const line = childNamed(root, 'DespatchLine', CAC)!;

  it('gives every element its local name and namespace URI, the default namespace included', () => {
    expect(qualifiedName(root)).toBe(`{${UBL}}DespatchAdvice`);
    expect(textAt(root, ['ID'], CBC)).toBe('565899');
    expect(childNamed(line, 'ID', CBC)).toBeUndefined();
    expect(childNamed(line, 'ID', 'urn:example:other')?.text).toBe('not the UBL one');
    expect(childNamed(line, 'Plain')?.namespace).toBe('');
  });

  it('keeps attributes as written, entity references decoded, xmlns declarations dropped', () => {
    expect(childNamed(line, 'DeliveredQuantity', CBC)).toEqual({ name: 'DeliveredQuantity', namespace: CBC, text: '90.50', children: [], attributes: { unitCode: 'KGM' } });
    expect(childNamed(line, 'Note', CBC)).toMatchObject({ text: 'R&D 批', attributes: { 'xml:lang': 'en' } });
    expect(root.attributes).toEqual({});
  });

  it('finds an element anywhere by name and namespace', () => {
    expect(findFirst(root, 'DeliveredQuantity', CBC)?.text).toBe('90.50');
    expect(findFirst(root, 'DeliveredQuantity', UBL)).toBeUndefined();
  });

  it('refuses a prefix that was never declared', () => {
    expect(rejection(() => readXmlDocument('<a:R/>', { namespaces: true }), 'XML.UNDECLARED_PREFIX').message).toBe('element a:R: namespace prefix "a" is not declared');
    expect(rejection(() => readXmlDocument('<R b:x="1"/>', { namespaces: true }), 'XML.UNDECLARED_PREFIX').message).toContain('prefix "b"');
  });

  it('keeps a declaration in scope only inside the element that declares it', () => {
    expect(() => readXmlDocument('<R><a:X xmlns:a="urn:a"/><a:Y/></R>', { namespaces: true })).toThrow('element a:Y: namespace prefix "a" is not declared');
  });
});

describe('readXmlDocument: values exactly as written', () => {
  it('keeps spaces, leading zeros and line breaks of a value; drops indentation between elements', () => {
    const root = readXmlDocument('<R>\n  <B>  0012 </B>\n  <Q>000010</Q>\n  <M>Supplier Part\n     ID</M>\n</R>');
    expect(root.text).toBe('');
    expect(root.children.map((child) => child.text)).toEqual(['  0012 ', '000010', 'Supplier Part\n     ID']);
  });

  it('without namespaces: prefixes dropped, attributes ignored', () => {
    const root = readXmlDocument('<ns0:R xmlns:ns0="urn:x"><X SEGMENT="1">v</X></ns0:R>');
    expect(root).toEqual({ name: 'R', text: '', children: [{ name: 'X', text: 'v', children: [] }] });
  });
});

describe('readXmlDocument: refusals with stable XML.* codes', () => {
  it('XML.TOO_LARGE names the size and the limit', () => {
    expect(rejection(() => readXmlDocument(Buffer.from(`<R>${'x'.repeat(200)}</R>`), { maxBytes: 100, what: 'ASN document' }), 'XML.TOO_LARGE').message).toBe(
      'ASN document is 207 bytes, larger than the limit of 100 bytes',
    );
  });

  it('XML.DOCTYPE_FORBIDDEN for billion laughs, before expanding anything', () => {
    const billionLaughs = '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n <!ENTITY lol2 "&lol;&lol;&lol;&lol;">\n]>\n<R>&lol2;</R>';
    expect(rejection(() => readXmlDocument(billionLaughs, { namespaces: true }), 'XML.DOCTYPE_FORBIDDEN').message).toBe(
      'XML must not contain a DOCTYPE declaration (line 2, column 1): DTDs and entity declarations are refused to prevent entity expansion (billion laughs) and external entities (XXE)',
    );
  });

  it('XML.DOCTYPE_FORBIDDEN for an external entity (XXE)', () => {
    const xxe = '<?xml version="1.0"?>\n<!DOCTYPE R [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<R>&xxe;</R>';
    expect(rejection(() => readXmlDocument(xxe, { xmlName: 'ASN XML' }), 'XML.DOCTYPE_FORBIDDEN').message).toMatch(/^ASN XML must not contain a DOCTYPE declaration \(line 2, column 1\)/);
  });

  it('XML.MALFORMED with line and column, also for an undefined entity', () => {
    expect(rejection(() => readXmlDocument('<R>\n  <A>1</B>\n</R>'), 'XML.MALFORMED').message).toMatch(/^malformed XML at line 2, column \d+: Expected closing tag 'A'/);
    expect(rejection(() => readXmlDocument('<R>\n  <A>x&nbsp;</A>\n</R>', { namespaces: true }), 'XML.MALFORMED').message).toMatch(/^malformed XML at line 2, column 7: undefined or invalid entity reference &nbsp;/);
  });

  it('XML.UNSUPPORTED_ENCODING for bytes that are not UTF-8 and for another declared encoding', () => {
    expect(rejection(() => readXmlDocument(Buffer.from([0x3c, 0x52, 0x3e, 0xe4, 0x3c, 0x2f, 0x52, 0x3e])), 'XML.UNSUPPORTED_ENCODING').message).toBe('XML document is not valid UTF-8');
    expect(rejection(() => readXmlDocument(Buffer.from('<?xml version="1.0" encoding="windows-1252"?><R/>')), 'XML.UNSUPPORTED_ENCODING').message).toContain('"windows-1252"');
  });

  it('XML.MIXED_CONTENT names the element', () => {
    expect(rejection(() => readXmlDocument('<R><L>oops<Q>1</Q></L></R>', { namespaces: true }), 'XML.MIXED_CONTENT').message).toBe('L: text "oops" next to child elements');
    expect(readXmlDocument('<R><L>note<Q>1</Q></L></R>', { mixedContent: 'ignore' }).children[0]).toEqual({ name: 'L', text: '', children: [{ name: 'Q', text: '1', children: [] }] });
  });
});
