import { parseIdocXml, type XmlElement } from './idoc-xml';
import { rejection, sample, SAMPLES } from './spec-helpers';

function find(element: XmlElement, ...path: string[]): XmlElement {
  let current = element;
  for (const name of path) {
    const next = current.children.find((child) => child.name === name);
    if (!next) throw new Error(`no ${name} under ${current.name}`);
    current = next;
  }
  return current;
}

/** Every element of the tree, depth first. */
function allElements(element: XmlElement): XmlElement[] {
  return [element, ...element.children.flatMap(allElements)];
}

describe('parseIdocXml: values exactly as written', () => {
  const xml = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<DELVRY07>',
    '   <IDOC BEGIN="1">',
    '      <E1EDL24 SEGMENT="1">',
    '         <POSNR>000010</POSNR>',
    '         <CHARG>  0012 </CHARG>',
    '         <LFIMG>5.000</LFIMG>',
    '         <ORMNG>         5.000</ORMNG>',
    '         <EMPTY></EMPTY>',
    '         <SELFCLOSED/>',
    '         <BLANK>   </BLANK>',
    '      </E1EDL24>',
    '   </IDOC>',
    '</DELVRY07>',
  ].join('\n');
  const item = find(parseIdocXml(xml), 'IDOC', 'E1EDL24');
  const value = (name: string) => find(item, name).text;

  it('keeps leading and trailing spaces of a value (batch "  0012 ")', () => {
    expect(value('CHARG')).toBe('  0012 ');
  });

  it('keeps numbers as strings: leading zeros and decimals are not parsed', () => {
    expect(value('POSNR')).toBe('000010');
    expect(value('LFIMG')).toBe('5.000');
    expect(value('ORMNG')).toBe('         5.000');
  });

  it('reads empty and self-closing elements as "" and a blank value as written', () => {
    expect(value('EMPTY')).toBe('');
    expect(value('SELFCLOSED')).toBe('');
    expect(value('BLANK')).toBe('   ');
  });

  it('does not let the indentation between elements leak into any value', () => {
    expect(item.text).toBe('');
    expect(find(parseIdocXml(xml), 'IDOC').text).toBe('');
    expect(item.children.map((child) => child.name)).toEqual(['POSNR', 'CHARG', 'LFIMG', 'ORMNG', 'EMPTY', 'SELFCLOSED', 'BLANK']);
  });

  it('keeps every segment of a repeating segment, in document order', () => {
    const tree = parseIdocXml('<R><E1EDL24><POSNR>10</POSNR></E1EDL24><E1EDL24><POSNR>20</POSNR></E1EDL24><X/><E1EDL24><POSNR>30</POSNR></E1EDL24></R>');
    expect(tree.children.filter((c) => c.name === 'E1EDL24').map((c) => find(c, 'POSNR').text)).toEqual(['10', '20', '30']);
  });

  it('holds on a real SAP sample: right-aligned ORMNG keeps its blanks, no segment has indentation text', () => {
    const tree = parseIdocXml(sample(SAMPLES.inbound));
    const firstItem = find(tree, 'IDOC', 'E1EDL20', 'E1EDL24');
    expect(find(firstItem, 'ORMNG').text).toBe('         5.000');
    expect(find(firstItem, 'MATNR').text).toBe('000000654321234567');
    for (const element of allElements(tree)) {
      if (element.children.length > 0) expect(element.text).toBe('');
    }
  });

  it('decodes the predefined entities and character references, and keeps CDATA verbatim', () => {
    const tree = parseIdocXml('<R><A>R&amp;D &lt;1&gt; &quot;x&quot; &apos;y&apos;</A><B>&#x6279;&#27425;-&#48;01</B><C><![CDATA[ a&amp;<b> ]]></C></R>');
    expect(find(tree, 'A').text).toBe('R&D <1> "x" \'y\'');
    expect(find(tree, 'B').text).toBe('批次-001');
    expect(find(tree, 'C').text).toBe(' a&amp;<b> ');
  });

  it('reads non-ASCII text from a string and from UTF-8 bytes alike (a byte order mark is dropped)', () => {
    const xml = '<?xml version="1.0" encoding="UTF-8"?><R><CHARG>批次-001 ä</CHARG></R>';
    expect(find(parseIdocXml(xml), 'CHARG').text).toBe('批次-001 ä');
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml, 'utf8')]);
    expect(find(parseIdocXml(bytes), 'CHARG').text).toBe('批次-001 ä');
  });

  it('reads CR LF line ends as LF (XML end-of-line handling)', () => {
    expect(find(parseIdocXml('<R>\r\n<A>1\r\n2</A>\r\n</R>'), 'A').text).toBe('1\n2');
  });

  it('drops namespace prefixes (SOAP/XI wrappers) and ignores comments and attributes', () => {
    const tree = parseIdocXml('<ns0:DELVRY07 xmlns:ns0="urn:sap-com:document:sap:idoc:messages"><!-- note --><IDOC BEGIN="1"><X SEGMENT="1">v</X></IDOC></ns0:DELVRY07>');
    expect(tree.name).toBe('DELVRY07');
    expect(find(tree, 'IDOC', 'X')).toEqual({ name: 'X', text: 'v', children: [] });
  });
});

describe('parseIdocXml: refusals', () => {
  it('refuses a document over the size limit, naming its size', () => {
    const error = rejection(() => parseIdocXml(`<R>${'x'.repeat(200)}</R>`, { maxBytes: 100 }), 'IDOC.TOO_LARGE');
    expect(error.message).toBe('IDoc document is 207 bytes, larger than the limit of 100 bytes');
  });

  it('counts bytes, not characters (UTF-8 multi-byte text)', () => {
    const xml = `<R>${'批'.repeat(30)}</R>`; // 37 characters, 97 bytes
    expect(() => parseIdocXml(xml, { maxBytes: 97 })).not.toThrow();
    expect(rejection(() => parseIdocXml(xml, { maxBytes: 96 }), 'IDOC.TOO_LARGE').message).toContain('97 bytes');
    expect(rejection(() => parseIdocXml(Buffer.from(xml), { maxBytes: 96 }), 'IDOC.TOO_LARGE').message).toContain('97 bytes');
  });

  it('has a default limit of 10 MiB', () => {
    const padding = ' '.repeat(10 * 1024 * 1024);
    expect(rejection(() => parseIdocXml(`<R>${padding}</R>`), 'IDOC.TOO_LARGE').message).toBe(
      `IDoc document is ${10 * 1024 * 1024 + 7} bytes, larger than the limit of 10485760 bytes`,
    );
  });

  it('refuses a DOCTYPE with entities (billion laughs) before expanding anything', () => {
    const billionLaughs = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE lolz [',
      ' <!ENTITY lol "lol">',
      ' <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">',
      ' <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">',
      ']>',
      '<DELVRY07><IDOC><E1EDL20><VBELN>&lol3;</VBELN></E1EDL20></IDOC></DELVRY07>',
    ].join('\n');
    const error = rejection(() => parseIdocXml(billionLaughs), 'IDOC.DOCTYPE_FORBIDDEN');
    expect(error.message).toBe(
      'IDoc XML must not contain a DOCTYPE declaration (line 2, column 1): DTDs and entity declarations are refused ' +
        'to prevent entity expansion (billion laughs) and external entities (XXE)',
    );
  });

  it('refuses an external entity (XXE)', () => {
    const xxe = '<?xml version="1.0"?>\n<!DOCTYPE DELVRY07 [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<DELVRY07><IDOC><X>&xxe;</X></IDOC></DELVRY07>';
    expect(rejection(() => parseIdocXml(xxe), 'IDOC.DOCTYPE_FORBIDDEN').message).toContain('DOCTYPE declaration (line 2, column 1)');
  });

  it('refuses a DOCTYPE even without an internal subset, and an ENTITY declaration on its own', () => {
    expect(rejection(() => parseIdocXml('<!DOCTYPE DELVRY07 SYSTEM "http://evil.example/x.dtd"><DELVRY07/>'), 'IDOC.DOCTYPE_FORBIDDEN').message).toContain('DOCTYPE');
    expect(rejection(() => parseIdocXml('<R><!ENTITY x "y"></R>'), 'IDOC.DOCTYPE_FORBIDDEN').message).toContain('ENTITY declaration (line 1, column 4)');
  });

  it('refuses an undefined entity reference (no DTD, so only the five predefined ones exist)', () => {
    const error = rejection(() => parseIdocXml('<R>\n  <CHARG>A&nbsp;B</CHARG>\n</R>'), 'IDOC.MALFORMED_XML');
    expect(error.message).toMatch(/^malformed XML at line 2, column 11: undefined or invalid entity reference &nbsp;/);
  });

  it('refuses a character reference to a character XML does not allow', () => {
    expect(rejection(() => parseIdocXml('<R><A>&#0;</A></R>'), 'IDOC.MALFORMED_XML').message).toContain('&#0;');
  });

  it('refuses malformed XML with the line and column the parser reports', () => {
    const error = rejection(() => parseIdocXml('<DELVRY07>\n  <IDOC>\n    <E1EDL20><VBELN>1</E1EDL20>\n  </IDOC>\n</DELVRY07>'), 'IDOC.MALFORMED_XML');
    expect(error.message).toBe("malformed XML at line 3, column 22: Expected closing tag 'VBELN' (opened in line 3, col 14) instead of closing tag 'E1EDL20'.");
  });

  it('refuses a bare ampersand and text that is not XML at all', () => {
    expect(rejection(() => parseIdocXml('<R><A>R & D</A></R>'), 'IDOC.MALFORMED_XML').message).toBe("malformed XML at line 1, column 9: char '&' is not expected.");
    expect(rejection(() => parseIdocXml('EDI_DC40 0000000233406367'), 'IDOC.MALFORMED_XML').message).toMatch(/^malformed XML at line 1/);
  });

  it('refuses bytes that are not UTF-8, another declared encoding, and UTF-16', () => {
    expect(rejection(() => parseIdocXml(Buffer.from([0x3c, 0x52, 0x3e, 0xe4, 0x3c, 0x2f, 0x52, 0x3e])), 'IDOC.UNSUPPORTED_ENCODING').message).toBe(
      'IDoc document is not valid UTF-8',
    );
    const latin1 = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><R>\xe4</R>', 'latin1');
    expect(rejection(() => parseIdocXml(latin1), 'IDOC.UNSUPPORTED_ENCODING').message).toBe('IDoc document declares encoding "ISO-8859-1"; only UTF-8 is accepted');
    expect(rejection(() => parseIdocXml(Buffer.from('\ufeff<R/>', 'utf16le')), 'IDOC.UNSUPPORTED_ENCODING').message).toContain('UTF-16');
  });

  it('refuses text mixed with child elements', () => {
    expect(rejection(() => parseIdocXml('<R><E1EDL24>oops<POSNR>1</POSNR></E1EDL24></R>'), 'IDOC.INVALID_STRUCTURE').message).toBe(
      'E1EDL24: text "oops" next to child elements (IDoc segments hold fields only)',
    );
  });
});
