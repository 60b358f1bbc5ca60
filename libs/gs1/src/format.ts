import { lookupAi } from './ai-dictionary';
import { GS } from './element-string';
import { ScanRejected } from './errors';
import type { Gs1Element } from './scan-result';

/**
 * The raw element string of the elements, as a scanner would transmit it: a GS after every variable-length value
 * that another element follows, none after predefined-length ones, none at the end. Values are not validated
 * here; parse the result to check them. `symbologyIdentifier` (e.g. ']C1', ']d2') is put in front when given.
 */
export function toElementString(elements: readonly Gs1Element[], symbologyIdentifier = ''): string {
  let out = symbologyIdentifier;
  elements.forEach(({ ai, value }, index) => {
    const definition = lookupAi(ai);
    if (!definition) throw new ScanRejected('GS1.UNKNOWN_AI', `unknown AI (${ai})`, { ai, value });
    out += ai + value;
    if (definition.fnc1 && index < elements.length - 1) out += GS;
  });
  return out;
}

/** The bracketed (human-readable) form, "(01)09506000134352(10)ABC123"; a "(" inside a value is written "\(". */
export function toBracketed(elements: readonly Gs1Element[]): string {
  return elements.map(({ ai, value }) => `(${ai})${value.replace(/\(/g, '\\(')}`).join('');
}
