import { parse as secureParse } from 'secure-json-parse';

/**
 * Why a JSON document (webhook, ERP push) was refused. The code is stable; the message names the problem (for
 * syntax errors, the unexpected token and the text around it).
 */
export type JsonErrorCode = 'JSON.TOO_LARGE' | 'JSON.UNSUPPORTED_ENCODING' | 'JSON.MALFORMED' | 'JSON.FORBIDDEN_KEY' | 'JSON.NOT_AN_OBJECT';

export class JsonDocumentRejected extends Error {
  override readonly name = 'JsonDocumentRejected';

  constructor(
    readonly code: JsonErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const DEFAULT_MAX_JSON_BYTES = 5 * 1024 * 1024;

/**
 * Reads one JSON document from raw bytes the way an adapter must: bounded size, UTF-8 only (RFC 8259), and
 * `__proto__` / `constructor.prototype` keys refused rather than silently merged into objects (prototype
 * poisoning of whatever later spreads the value).
 */
export function readJsonDocument(body: Buffer, { maxBytes = DEFAULT_MAX_JSON_BYTES, what = 'JSON document' } = {}): Record<string, unknown> {
  if (body.length > maxBytes) throw new JsonDocumentRejected('JSON.TOO_LARGE', `${what} is ${body.length} bytes, larger than the limit of ${maxBytes} bytes`);
  const text = decodeUtf8(body, what);
  let value: unknown;
  try {
    value = secureParse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (error) {
    const message = (error as Error).message;
    if (/prototype/i.test(message)) throw new JsonDocumentRejected('JSON.FORBIDDEN_KEY', `${what} contains a forbidden "__proto__" or "constructor.prototype" key`);
    throw new JsonDocumentRejected('JSON.MALFORMED', `${what} is not well-formed JSON: ${message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new JsonDocumentRejected('JSON.NOT_AN_OBJECT', `${what} must be a JSON object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`);
  }
  return value as Record<string, unknown>;
}

function decodeUtf8(body: Buffer, what: string): string {
  if (body.length >= 2 && ((body[0] === 0xfe && body[1] === 0xff) || (body[0] === 0xff && body[1] === 0xfe))) {
    throw new JsonDocumentRejected('JSON.UNSUPPORTED_ENCODING', `${what} is UTF-16; send UTF-8 JSON`);
  }
  try {
    // A BOM is tolerated (some Windows ERPs send one) and dropped.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(body);
  } catch {
    throw new JsonDocumentRejected('JSON.UNSUPPORTED_ENCODING', `${what} is not valid UTF-8`);
  }
}
