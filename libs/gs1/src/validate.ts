import { lookupAi } from './ai-dictionary';
import type { AiComponent, AiDefinition } from './ai-types';
import { CHARACTER_SET_NAMES, firstCharacterOutside } from './character-sets';
import { gs1CheckDigit } from './check-digit';
import { currentYearOf, readGs1Date, type Today } from './dates';
import { ScanRejected, describeElement } from './errors';

/**
 * Linters of the syntax dictionary that this library applies. The others (GS1 Company Prefix position,
 * ISO 3166 / 4217 code lists, IBAN, coupon codes, GMN check characters ...) are not checked: a value they
 * would refuse passes if its length and character set are right.
 */
export const CHECKED_LINTERS = [
  'csum',
  'yymmd0',
  'yymmdd',
  'yyyymmd0',
  'yyyymmdd',
  'hhmi',
  'hh',
  'mi',
  'ss',
  'zero',
  'nonzero',
  'yesno',
  'hyphen',
  'nozeroprefix',
  'pieceoftotal',
] as const;

export interface ValidationContext {
  /** Year that two-digit years are resolved against (GS1 General Specifications 7.12). */
  readonly currentYear: number;
  /** Added to a "too long" message, e.g. a hint that a GS separator may be missing. */
  readonly tooLongHint?: string;
}

/**
 * Throws ScanRejected unless `value` is a valid value of `ai` (length, character set, check digit, date ...).
 * `today` resolves the century of YYMMDD dates (GS1 General Specifications 7.12); default: the clock's date.
 */
export function validateElement(ai: string, value: string, options: { readonly today?: Today } = {}): AiDefinition {
  const definition = lookupAi(ai);
  if (!definition) throw new ScanRejected('GS1.UNKNOWN_AI', `unknown AI (${ai})`, { ai, value });
  validateValue(definition, value, { currentYear: currentYearOf(options.today) });
  return definition;
}

export function validateValue(definition: AiDefinition, value: string, context: ValidationContext): void {
  const { ai } = definition;
  const reject = (code: ConstructorParameters<typeof ScanRejected>[0], problem: string, position?: number): never => {
    throw new ScanRejected(code, `${describeElement(ai, value)}: ${problem}`, {
      ai,
      value,
      ...(position !== undefined ? { position } : {}),
    });
  };

  if (value.length < definition.minLength || value.length > definition.maxLength) {
    const allowed =
      definition.minLength === definition.maxLength
        ? `${definition.maxLength}`
        : `${definition.minLength} to ${definition.maxLength}`;
    const hint = value.length > definition.maxLength && context.tooLongHint ? ` ${context.tooLongHint}` : '';
    reject('GS1.BAD_LENGTH', `${value.length} characters, must be ${allowed}${hint}`);
  }

  let position = 0;
  for (const component of definition.components) {
    if (position >= value.length && component.optional) break;
    const remaining = value.length - position;
    const take = component.min === component.max ? component.max : Math.min(remaining, component.max);
    if (take > remaining || take < component.min) {
      reject('GS1.BAD_LENGTH', `${value.length} characters do not fit the format ${describeFormat(definition.components)}`);
    }
    const part = value.slice(position, position + take);
    const bad = firstCharacterOutside(part, component.cset);
    if (bad >= 0) {
      const character = part.charAt(bad);
      reject(
        'GS1.BAD_CHARACTER',
        `character ${JSON.stringify(character)} at position ${position + bad + 1} is not ${CHARACTER_SET_NAMES[component.cset]}`,
        position + bad,
      );
    }
    for (const linter of component.linters) {
      const problem = lint(linter, part, value, position, context);
      if (problem) reject(problem.code, problem.message);
    }
    position += take;
  }
  if (position < value.length) {
    reject('GS1.BAD_LENGTH', `${value.length} characters do not fit the format ${describeFormat(definition.components)}`);
  }
}

interface LintProblem {
  readonly code: 'GS1.BAD_CHECK_DIGIT' | 'GS1.BAD_DATE' | 'GS1.BAD_VALUE';
  readonly message: string;
}

function lint(linter: string, part: string, value: string, offset: number, context: ValidationContext): LintProblem | undefined {
  switch (linter) {
    case 'csum': {
      const should = gs1CheckDigit(part.slice(0, -1));
      const is = Number(part.slice(-1));
      if (should === is) return undefined;
      const where = part.length === value.length ? '' : ` (position ${offset + part.length})`;
      return { code: 'GS1.BAD_CHECK_DIGIT', message: `check digit should be ${should}, is ${is}${where}` };
    }
    case 'yymmd0':
    case 'yymmdd':
    case 'yyyymmd0':
    case 'yyyymmdd': {
      const date = readGs1Date(part, { currentYear: context.currentYear, allowDayZero: linter.endsWith('d0') });
      return 'problem' in date ? { code: 'GS1.BAD_DATE', message: date.problem } : undefined;
    }
    case 'hhmi':
      return Number(part.slice(0, 2)) > 23 || Number(part.slice(2, 4)) > 59
        ? { code: 'GS1.BAD_DATE', message: `time ${part.slice(0, 2)}:${part.slice(2, 4)} does not exist` }
        : undefined;
    case 'hh':
      return Number(part) > 23 ? { code: 'GS1.BAD_DATE', message: `hour ${part} does not exist` } : undefined;
    case 'mi':
    case 'ss':
      return Number(part) > 59 ? { code: 'GS1.BAD_DATE', message: `${linter === 'mi' ? 'minute' : 'second'} ${part} does not exist` } : undefined;
    case 'zero':
      return part === '0' ? undefined : { code: 'GS1.BAD_VALUE', message: `digit ${part} at position ${offset + 1} must be 0` };
    case 'nonzero':
      return /^0+$/.test(part) ? { code: 'GS1.BAD_VALUE', message: `${part} must not be zero` } : undefined;
    case 'yesno':
      return part === '0' || part === '1' ? undefined : { code: 'GS1.BAD_VALUE', message: `${part} must be 0 (no) or 1 (yes)` };
    case 'hyphen':
      return part === '-' ? undefined : { code: 'GS1.BAD_VALUE', message: `${JSON.stringify(part)} must be "-"` };
    case 'nozeroprefix':
      return part.length > 1 && part.startsWith('0') ? { code: 'GS1.BAD_VALUE', message: 'must not start with 0' } : undefined;
    case 'pieceoftotal': {
      const piece = Number(part.slice(0, part.length / 2));
      const total = Number(part.slice(part.length / 2));
      return piece === 0 || total === 0 || piece > total
        ? { code: 'GS1.BAD_VALUE', message: `piece ${piece} of total ${total} is not possible` }
        : undefined;
    }
    default:
      return undefined; // not checked, see CHECKED_LINTERS
  }
}

/** `N13 [X..17]`: the format of an AI as the dictionary writes it. */
export function describeFormat(components: readonly AiComponent[]): string {
  return components
    .map((c) => {
      const type = `${c.cset}${c.min === c.max ? c.max : `..${c.max}`}`;
      return c.optional ? `[${type}]` : type;
    })
    .join(' ');
}
