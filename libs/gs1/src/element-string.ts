import { aiAtStart, isAiPrefix, lookupAi } from './ai-dictionary';
import { currentYearOf, type Today } from './dates';
import { ScanRejected, describeElement } from './errors';
import { summarise, type Gs1Element, type Gs1Scan, type Gs1Symbology } from './scan-result';
import { validateValue } from './validate';

/** ASCII 29, Group Separator: how a scanner transmits FNC1 used as a separator. */
export const GS = '\u001d';

/**
 * Stand-ins for GS that scanners or people type, replaced by GS before parsing. The defaults are characters that
 * no AI value may contain (none is in CSET 82, CSET 39 or CSET 64), so replacing them cannot change a batch number:
 *   '^'       the FNC1 notation of BWIPP and the GS1 Syntax Engine,
 *   '\u241d'  '␝', SYMBOL FOR GROUP SEPARATOR, what some keyboard-wedge set-ups send.
 * '<GS>' is common too but is made of CSET 82 characters (a batch may legally contain the text "<GS>"), so it is
 * only used when asked for: `gsSubstitutes: [...DEFAULT_GS_SUBSTITUTES, '<GS>']`.
 */
export const DEFAULT_GS_SUBSTITUTES: readonly string[] = ['^', '\u241d'];

/**
 * Symbology identifiers (ISO/IEC 15424) that announce GS1 AI data, i.e. FNC1 in first position.
 * ]d1 / ]Q1 are DataMatrix / QR without FNC1: plain data (e.g. a Digital Link URI), not an element string.
 */
export const GS1_SYMBOLOGY_IDENTIFIERS: Readonly<Record<string, string>> = {
  ']C1': 'GS1-128',
  ']e0': 'GS1 DataBar',
  ']d2': 'GS1 DataMatrix',
  ']Q3': 'GS1 QR Code',
};

export interface ParseOptions {
  /** The date to resolve two-digit years against (GS1 General Specifications 7.12). Default: the clock's date. */
  readonly today?: Today;
  /** Strings to read as GS (FNC1 separator). Default DEFAULT_GS_SUBSTITUTES. The real GS (\u001d) always counts. */
  readonly gsSubstitutes?: readonly string[];
}

/**
 * Parses a GS1 element string:
 *  - human-readable bracketed form: "(01)09506000134352(17)201225(10)ABC123" ("(" inside a value written "\(");
 *  - raw scanner data: "0109506000134352" + "17201225" + "10ABC123", with GS (\u001d) after every variable-length
 *    value that is followed by another element, optionally preceded by a symbology identifier (]C1, ]d2, ]Q3, ]e0)
 *    or a leading FNC1 / GS, and with GS stand-ins (see DEFAULT_GS_SUBSTITUTES) replaced.
 * A trailing CR / LF (scanner suffix) is ignored. Every value is checked against the GS1 Barcode Syntax
 * Dictionary (length, character set, check digits, dates). Values are returned exactly as scanned.
 * Throws ScanRejected.
 */
export function parseElementString(input: string, options: ParseOptions = {}): Gs1Scan {
  const currentYear = currentYearOf(options.today);
  let data = stripLineEnding(input);
  let symbology: Gs1Symbology | undefined;

  if (data.startsWith(']')) {
    const identifier = data.slice(0, 3);
    const name = GS1_SYMBOLOGY_IDENTIFIERS[identifier];
    if (!name) {
      throw new ScanRejected(
        'GS1.NOT_GS1_DATA',
        `symbology identifier ${JSON.stringify(identifier)} does not announce GS1 AI data (expected ${Object.keys(GS1_SYMBOLOGY_IDENTIFIERS).join(', ')})`,
        { position: 0 },
      );
    }
    symbology = { identifier, name };
    data = data.slice(3);
  }

  const bracketed = data.startsWith('(');
  const elements = bracketed ? splitBracketed(data, currentYear) : splitRaw(replaceSubstitutes(data, options.gsSubstitutes), currentYear);
  return summarise(elements, {
    source: bracketed ? 'bracketed' : 'element-string',
    currentYear,
    ...(symbology ? { symbology } : {}),
  });
}

function stripLineEnding(input: string): string {
  return input.replace(/[\r\n]+$/, '');
}

function replaceSubstitutes(data: string, substitutes: readonly string[] = DEFAULT_GS_SUBSTITUTES): string {
  let result = data;
  // longest first, so that e.g. '<GS>' is replaced before a shorter stand-in inside it
  for (const substitute of [...substitutes].sort((a, b) => b.length - a.length)) {
    if (substitute !== '') result = result.split(substitute).join(GS);
  }
  return result;
}

const MISSING_GS_HINT = '(is a GS / FNC1 separator missing after it?)';

function splitRaw(data: string, currentYear: number): Gs1Element[] {
  const elements: Gs1Element[] = [];
  let position = 0;
  while (position < data.length) {
    if (data[position] === GS) {
      position++; // FNC1 in first position, a separator, or a superfluous one after a fixed-length element
      continue;
    }
    const definition = aiAtStart(data, position);
    if (!definition) {
      const rest = data.slice(position);
      if (/^\d{1,3}$/.test(rest) && isAiPrefix(rest)) {
        throw new ScanRejected('GS1.TRUNCATED', `data ends inside an AI: ${JSON.stringify(rest)} at position ${position}`, { position });
      }
      const shown = rest.slice(0, 4);
      throw new ScanRejected('GS1.UNKNOWN_AI', `no known AI at position ${position}: ${JSON.stringify(shown)}${rest.length > 4 ? '...' : ''}`, {
        position,
      });
    }
    const { ai } = definition;
    const start = position + ai.length;
    const nextGs = data.indexOf(GS, start);
    let end: number;
    if (!definition.fnc1) {
      // predefined length: exactly maxLength characters, no separator needed
      end = start + definition.maxLength;
      if (nextGs !== -1 && nextGs < end) {
        const value = data.slice(start, nextGs);
        throw new ScanRejected(
          'GS1.BAD_LENGTH',
          `${describeElement(ai, value)}: ${value.length} characters before a GS separator, must be ${definition.maxLength}`,
          { ai, value, position: start },
        );
      }
      if (end > data.length) {
        const value = data.slice(start);
        throw new ScanRejected(
          'GS1.TRUNCATED',
          `${describeElement(ai, value)}: data ends after ${value.length} of ${definition.maxLength} characters`,
          { ai, value, position: start },
        );
      }
    } else {
      end = nextGs === -1 ? data.length : nextGs;
    }
    const value = data.slice(start, end);
    validateValue(definition, value, { currentYear, tooLongHint: definition.fnc1 ? MISSING_GS_HINT : undefined });
    elements.push({ ai, value });
    position = end;
  }
  if (elements.length === 0) throw new ScanRejected('GS1.EMPTY', 'no GS1 element in the scan');
  return elements;
}

/**
 * "(01)09506000134352(10)AB\(1\)": each value runs to the next "(" that is not escaped as "\(" (the convention of
 * the GS1 Syntax Engine and BWIPP). "\(" stands for "(", every other character is taken as it is.
 */
function splitBracketed(data: string, currentYear: number): Gs1Element[] {
  const elements: Gs1Element[] = [];
  let position = 0;
  while (position < data.length) {
    const match = /^\((\d{2,4})\)/.exec(data.slice(position));
    if (!match) {
      throw new ScanRejected('GS1.BAD_SYNTAX', `expected "(AI)" at position ${position}: ${JSON.stringify(data.slice(position, position + 8))}`, {
        position,
      });
    }
    const ai = match[1] ?? '';
    const definition = lookupAi(ai);
    if (!definition) throw new ScanRejected('GS1.UNKNOWN_AI', `unknown AI (${ai}) at position ${position}`, { ai, position });
    position += match[0].length;
    let value = '';
    while (position < data.length && data[position] !== '(') {
      if (data[position] === '\\' && data[position + 1] === '(') {
        value += '(';
        position += 2;
      } else {
        value += data[position];
        position++;
      }
    }
    validateValue(definition, value, { currentYear });
    elements.push({ ai, value });
  }
  if (elements.length === 0) throw new ScanRejected('GS1.EMPTY', 'no GS1 element in the scan');
  return elements;
}
