import { JsonDocumentRejected, readJsonDocument } from './json-document';

function refusal(body: Buffer | string, options?: Parameters<typeof readJsonDocument>[1]): JsonDocumentRejected {
  try {
    readJsonDocument(Buffer.isBuffer(body) ? body : Buffer.from(body), options);
  } catch (error) {
    if (error instanceof JsonDocumentRejected) return error;
    throw error;
  }
  throw new Error('document was accepted');
}

describe('readJsonDocument', () => {
  it('reads a UTF-8 object and keeps strings byte for byte (batch numbers with spaces, leading zeros, unicode)', () => {
    expect(readJsonDocument(Buffer.from('\uFEFF{"FLot":" 007 ","cBatch":"Ä-1"}'))).toEqual({ FLot: ' 007 ', cBatch: 'Ä-1' });
  });

  it('names the unexpected token of a syntax error', () => {
    const error = refusal('{\n  "a": 1,\n  "b": }');
    expect(error.code).toBe('JSON.MALFORMED');
    expect(error.message).toMatch(/^JSON document is not well-formed JSON: Unexpected token '}'/);
  });

  it('refuses prototype poisoning', () => {
    expect(refusal('{"a":{"__proto__":{"admin":true}}}').code).toBe('JSON.FORBIDDEN_KEY');
    expect(refusal('{"constructor":{"prototype":{"x":1}}}').code).toBe('JSON.FORBIDDEN_KEY');
  });

  it('refuses oversize documents, other encodings and non-objects', () => {
    expect(refusal('{"a":"' + 'x'.repeat(100) + '"}', { maxBytes: 50 }).message).toBe('JSON document is 108 bytes, larger than the limit of 50 bytes');
    expect(refusal(Buffer.from('\uFEFF{}', 'utf16le')).code).toBe('JSON.UNSUPPORTED_ENCODING');
    expect(refusal(Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d])).code).toBe('JSON.UNSUPPORTED_ENCODING');
    expect(refusal('[1,2]').message).toBe('JSON document must be a JSON object, got an array');
  });
});
