import { lookupAi } from './ai-dictionary';
import type { AiDefinition } from './ai-types';
import { currentYearOf, type Today } from './dates';
import { ScanRejected, describeElement } from './errors';
import { summarise, type DigitalLinkParts, type Gs1Element, type Gs1Scan } from './scan-result';
import { validateValue } from './validate';

export interface DigitalLinkOptions {
  /** The date to resolve two-digit years against (GS1 General Specifications 7.12). Default: the clock's date. */
  readonly today?: Today;
  /**
   * Accept a GTIN-8, -12 or -13 after /01/ and pad it with leading zeros to 14 digits. The GS1 Digital Link URI
   * syntax says GTINs SHALL be written with 14 digits, but older URIs (and e.g. the evrythng digital-link.js
   * library) use the short forms; padding is lossless, so the default is true. Set false to refuse them.
   */
  readonly permitZeroSuppressedGtin?: boolean;
}

/** Characters that may appear in a URI at all (RFC 3986), as the GS1 Syntax Engine checks them. */
const URI_CHARACTERS = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/;
/** Characters of that set that a domain (authority) may not contain. */
const BAD_DOMAIN_CHARACTERS = /[_~?#@!$&'()*+,;=%]/;
/** A compressed Digital Link has its AIs binary-encoded in one base64url path segment. */
const LOOKS_COMPRESSED = /^[A-Za-z0-9_-]{10,}$/;

/**
 * Parses an uncompressed GS1 Digital Link URI (GS1 Digital Link Standard: URI Syntax):
 *   https://example.com[/any/path]/01/<GTIN>[/22/<CPV>][/10/<batch>][/21/<serial>][?17=<expiry>&3103=<weight>&linkType=...]
 * The primary key is found as the GS1 Syntax Engine does, walking "/AI/value" pairs back from the end of the path;
 * key qualifiers must follow the order the syntax dictionary gives (for 01: 22, 10, 21, or 235 alone). Values are
 * percent-decoded (a batch "AB/12" written "AB%2F12" comes back as "AB/12") and then checked like any element.
 * In the query string "+" stands for a space (as in the GS1 Syntax Engine), so "+" in a value must be written %2B.
 * Compressed Digital Link URIs are refused (GS1.COMPRESSED_DIGITAL_LINK). Throws ScanRejected.
 */
export function parseDigitalLink(input: string, options: DigitalLinkOptions = {}): Gs1Scan {
  const currentYear = currentYearOf(options.today);
  const padGtin = options.permitZeroSuppressedGtin ?? true;
  let uri = input.replace(/[\r\n]+$/, '');
  // a Digital Link in DataMatrix or QR Code is plain data: ]d1 / ]Q1
  if (/^\](d1|Q1)/.test(uri)) uri = uri.slice(3);
  const bad = (message: string, position?: number): ScanRejected =>
    new ScanRejected('GS1.BAD_DIGITAL_LINK', message, position !== undefined ? { position } : {});

  if (!URI_CHARACTERS.test(uri)) {
    const position = [...uri].findIndex((c) => !URI_CHARACTERS.test(c));
    throw bad(`not a URI: character ${JSON.stringify([...uri][position] ?? '')} at position ${position + 1} is not allowed in a URI`, position);
  }
  const scheme = /^(https?|HTTPS?):\/\//.exec(uri);
  if (!scheme) throw bad(`not a GS1 Digital Link URI: ${JSON.stringify(uri.slice(0, 40))} does not start with http:// or https://`);
  const afterScheme = uri.slice(scheme[0].length);

  let rest = afterScheme;
  let fragment: string | undefined;
  const hash = rest.indexOf('#');
  if (hash >= 0) {
    fragment = rest.slice(hash + 1);
    rest = rest.slice(0, hash);
  }
  let query: string | undefined;
  const question = rest.indexOf('?');
  if (question >= 0) {
    query = rest.slice(question + 1);
    rest = rest.slice(0, question);
  }
  const slash = rest.indexOf('/');
  const domain = slash >= 0 ? rest.slice(0, slash) : rest;
  if (domain === '') throw bad(`no domain in ${JSON.stringify(uri)}`);
  if (BAD_DOMAIN_CHARACTERS.test(domain)) throw bad(`domain ${JSON.stringify(domain)} contains a character a domain may not have`);
  let path = slash >= 0 ? rest.slice(slash) : '';
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1); // tolerate one trailing slash
  const segments = path === '' ? [] : path.slice(1).split('/');

  const keyIndex = primaryKeyIndex(segments, segments.length);
  if (keyIndex < 0) {
    const last = segments[segments.length - 1] ?? '';
    if (lookupAi(last) && primaryKeyIndex(segments, segments.length - 1) >= 0) {
      throw bad(`AI (${last}) at the end of the path has no value`);
    }
    if (LOOKS_COMPRESSED.test(last) && !/^\d+$/.test(last)) {
      throw new ScanRejected(
        'GS1.COMPRESSED_DIGITAL_LINK',
        `compressed Digital Link not supported: ${JSON.stringify(uri)} (path segment ${JSON.stringify(last)} looks like a compressed GS1 Digital Link; ask for the uncompressed URI)`,
      );
    }
    throw bad(`no GS1 primary key (such as /01/<GTIN> or /00/<SSCC>) in the path of ${JSON.stringify(uri)}`);
  }
  const stem = `${scheme[0]}${domain}${segments.slice(0, keyIndex).map((s) => `/${s}`).join('')}`;

  const pathElements: Gs1Element[] = [];
  const definitions: AiDefinition[] = [];
  for (let i = keyIndex; i < segments.length; i += 2) {
    const ai = segments[i] ?? '';
    const definition = lookupAi(ai);
    if (!definition) throw bad(`unknown AI (${ai}) in the path`); // cannot happen: the walk checked every AI
    const encoded = segments[i + 1] ?? '';
    if (encoded === '') throw bad(`AI (${ai}) has an empty value in the path`);
    let value = percentDecode(encoded, ai, false);
    if (ai === '01' && padGtin && /^(\d{8}|\d{12}|\d{13})$/.test(value)) value = value.padStart(14, '0');
    pathElements.push({ ai, value });
    definitions.push(definition);
  }
  const [primaryKey, ...qualifiers] = pathElements;
  const keyDefinition = definitions[0];
  if (!primaryKey || !keyDefinition) throw bad('no primary key'); // cannot happen
  const qualifierAis = qualifiers.map((q) => q.ai);
  if (!isValidQualifierSequence(keyDefinition, qualifierAis)) {
    throw bad(
      `key qualifiers ${qualifierAis.map((ai) => `/${ai}`).join('')} are not allowed after primary key (${primaryKey.ai}): ${describeQualifiers(keyDefinition)}`,
    );
  }
  // structure first, then the values
  pathElements.forEach(({ value }, i) => {
    const definition = definitions[i];
    if (definition) validateValue(definition, value, { currentYear });
  });

  const attributes: Gs1Element[] = [];
  const otherParameters: { key: string; value?: string }[] = [];
  let linkType: string | undefined;
  for (const parameter of (query ?? '').split('&')) {
    if (parameter === '') continue;
    const equals = parameter.indexOf('=');
    if (equals < 0) {
      otherParameters.push({ key: percentDecode(parameter, undefined, true) });
      continue;
    }
    const key = parameter.slice(0, equals);
    const encoded = parameter.slice(equals + 1);
    if (!/^\d+$/.test(key)) {
      const decodedKey = percentDecode(key, undefined, true);
      const value = percentDecode(encoded, undefined, true);
      otherParameters.push({ key: decodedKey, value });
      if (decodedKey === 'linkType' && linkType === undefined) linkType = value;
      continue;
    }
    const definition = lookupAi(key);
    if (!definition) throw new ScanRejected('GS1.UNKNOWN_AI', `unknown AI (${key}) in the query string`, { ai: key });
    if (!definition.dlAttribute) throw bad(`AI (${key}) is not permitted as a Digital Link data attribute (query parameter)`);
    if (qualifierSlotFor(keyDefinition, qualifierAis, key)) {
      throw bad(`AI (${key}) is a key qualifier of (${primaryKey.ai}): it belongs in the path, not in the query string`);
    }
    if (encoded === '') throw bad(`AI (${key}) has an empty value in the query string`);
    let value = percentDecode(encoded, key, true);
    if (key === '01' && /^(\d{8}|\d{12}|\d{13})$/.test(value)) value = value.padStart(14, '0');
    validateValue(definition, value, { currentYear });
    attributes.push({ ai: key, value });
  }

  const seen = new Set<string>();
  for (const { ai, value } of [...pathElements, ...attributes]) {
    if (seen.has(ai)) throw new ScanRejected('GS1.DUPLICATE_AI', `${describeElement(ai, value)}: AI (${ai}) appears twice in the URI`, { ai, value });
    seen.add(ai);
  }

  const digitalLink: DigitalLinkParts = {
    stem,
    primaryKey,
    qualifiers,
    attributes,
    otherParameters,
    ...(linkType !== undefined ? { linkType } : {}),
    ...(fragment !== undefined ? { fragment } : {}),
  };
  return summarise([...pathElements, ...attributes], { source: 'digital-link', currentYear, digitalLink });
}

/**
 * Index of the primary key among the first `count` path segments, walking "/AI/value" pairs back from the end as
 * the GS1 Syntax Engine does (everything before the key is the stem), or -1.
 */
function primaryKeyIndex(segments: readonly string[], count: number): number {
  for (let i = count - 2; i >= 0; i -= 2) {
    const segment = segments[i] ?? '';
    const definition = /^\d{2,4}$/.test(segment) ? lookupAi(segment) : undefined;
    if (!definition) return -1;
    if (definition.dlPrimaryKey) return i;
  }
  return -1;
}

/** True when the qualifiers are an in-order selection from one of the key's qualifier sequences. */
function isValidQualifierSequence(key: AiDefinition, qualifiers: readonly string[]): boolean {
  const alternatives = key.dlPrimaryKey ?? [];
  return alternatives.some((sequence) => {
    let from = 0;
    for (const ai of qualifiers) {
      const at = sequence.indexOf(ai, from);
      if (at < 0) return false;
      from = at + 1;
    }
    return true;
  });
}

/** True when `ai` could be inserted among the path's qualifiers (so it belongs in the path, not the query). */
function qualifierSlotFor(key: AiDefinition, qualifiers: readonly string[], ai: string): boolean {
  for (let i = 0; i <= qualifiers.length; i++) {
    const candidate = [...qualifiers.slice(0, i), ai, ...qualifiers.slice(i)];
    if (isValidQualifierSequence(key, candidate)) return true;
  }
  return false;
}

function describeQualifiers(key: AiDefinition): string {
  const alternatives = (key.dlPrimaryKey ?? []).filter((sequence) => sequence.length > 0);
  if (alternatives.length === 0) return 'it takes no key qualifiers';
  return `allowed, in this order: ${alternatives.map((sequence) => sequence.join(', ')).join(' or ')}`;
}

/**
 * Percent-decoding (RFC 3986). Refuses a "%" not followed by two hex digits, %00, and bytes that are not UTF-8.
 * In the query string "+" stands for a space.
 */
function percentDecode(encoded: string, ai: string | undefined, query: boolean): string {
  const where = ai !== undefined ? `AI (${ai}) value ${JSON.stringify(encoded)}` : JSON.stringify(encoded);
  const malformed = /%(?![0-9A-Fa-f]{2})/.exec(encoded);
  if (malformed) {
    throw new ScanRejected('GS1.BAD_DIGITAL_LINK', `${where}: "%" at position ${malformed.index + 1} is not followed by two hex digits`, {
      ...(ai !== undefined ? { ai } : {}),
      value: encoded,
    });
  }
  if (/%00/.test(encoded)) {
    throw new ScanRejected('GS1.BAD_DIGITAL_LINK', `${where}: contains %00`, { ...(ai !== undefined ? { ai } : {}), value: encoded });
  }
  try {
    return decodeURIComponent(query ? encoded.replace(/\+/g, ' ') : encoded);
  } catch {
    throw new ScanRejected('GS1.BAD_DIGITAL_LINK', `${where}: percent-encoded bytes are not UTF-8`, {
      ...(ai !== undefined ? { ai } : {}),
      value: encoded,
    });
  }
}
