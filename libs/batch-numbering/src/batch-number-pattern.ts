import { batchNumberProblem, isCalendarDate } from '@lotbridge/lot';

/**
 * Batch numbers for lots created inside the company (production output, split, merge) follow a pattern such as
 * `{plant}{date:YYMMDD}-{line}-{seq:4}`. Tokens:
 * - `{date:FORMAT}`: the lot's date; FORMAT is made of YYYY, YY, MM, DD and DDD (day of the year), e.g. YYMMDD, YYDDD;
 * - `{plant}`, `{line}`, `{supplier}`, `{model}`: the values given, byte for byte;
 * - `{seq:N}`: a sequence number, at least N digits (zero padded, more digits when it outgrows them). Exactly one.
 * Everything else is literal text. The sequence counts per scope (the number rendered without its sequence), so
 * each plant, line and day starts at 1; the caller keeps the counter (in PostgreSQL) and the issued numbers.
 */
export type ContextField = 'plant' | 'line' | 'supplier' | 'model';

export type PatternPart =
  | { kind: 'literal'; text: string }
  | { kind: 'date'; format: string }
  | { kind: 'field'; field: ContextField }
  | { kind: 'sequence'; width: number };

export interface BatchNumberPattern {
  text: string;
  parts: PatternPart[];
}

/** What a new lot's batch number is made from. */
export interface BatchNumberContext {
  /** calendar date YYYY-MM-DD (production date of the lot) */
  date: string;
  plant?: string;
  line?: string;
  supplier?: string;
  model?: string;
}

export class BatchNumberPatternError extends RangeError {
  readonly code = 'BATCH_NUMBER.INVALID_PATTERN';
  constructor(readonly pattern: string, readonly problems: string[]) {
    super(`batch number pattern ${JSON.stringify(pattern)} cannot be used: ${problems.join('; ')}`);
    this.name = 'BatchNumberPatternError';
  }
}

export class BatchNumberContextError extends RangeError {
  readonly code = 'BATCH_NUMBER.INVALID_CONTEXT';
  constructor(readonly problems: string[]) {
    super(`batch number cannot be made: ${problems.join('; ')}`);
    this.name = 'BatchNumberContextError';
  }
}

const FIELDS: readonly ContextField[] = ['plant', 'line', 'supplier', 'model'];
const DATE_FORMAT = /^(YYYY|YY|MM|DDD|DD)+$/;
const MAX_SEQUENCE_WIDTH = 12;

export function parseBatchNumberPattern(text: string): BatchNumberPattern {
  const parts: PatternPart[] = [];
  const problems: string[] = [];
  const tokenPattern = /\{([^{}]*)\}/g;
  let last = 0;
  for (let match = tokenPattern.exec(text); match; match = tokenPattern.exec(text)) {
    if (match.index > last) parts.push({ kind: 'literal', text: text.slice(last, match.index) });
    last = match.index + match[0].length;
    const token = match[1] ?? '';
    const [name, argument] = token.split(':', 2) as [string, string | undefined];
    if (name === 'date') {
      if (argument === undefined || !DATE_FORMAT.test(argument)) problems.push(`{${token}}: the date format must be made of YYYY, YY, MM, DD, DDD`);
      else parts.push({ kind: 'date', format: argument });
    } else if (name === 'seq') {
      const width = Number(argument ?? '1');
      if (!Number.isInteger(width) || width < 1 || width > MAX_SEQUENCE_WIDTH) problems.push(`{${token}}: the sequence width must be 1 to ${MAX_SEQUENCE_WIDTH}`);
      else parts.push({ kind: 'sequence', width });
    } else if ((FIELDS as readonly string[]).includes(name) && argument === undefined) {
      parts.push({ kind: 'field', field: name as ContextField });
    } else {
      problems.push(`{${token}} is no token (known: {date:FORMAT}, ${FIELDS.map((field) => `{${field}}`).join(', ')}, {seq:N})`);
    }
  }
  if (last < text.length) parts.push({ kind: 'literal', text: text.slice(last) });
  for (const part of parts) {
    if (part.kind === 'literal' && /[{}]/.test(part.text)) problems.push(`unbalanced brace in ${JSON.stringify(part.text)}`);
  }
  const sequences = parts.filter((part) => part.kind === 'sequence').length;
  // Without a sequence two lots of one day and line would get the same number.
  if (sequences !== 1) problems.push(`needs exactly one {seq:N}, has ${sequences}`);
  if (problems.length > 0) throw new BatchNumberPatternError(text, problems);
  return { text, parts };
}

/** The fields a pattern needs that the context does not give, and a date that is no calendar date. */
export function contextProblems(pattern: BatchNumberPattern, context: BatchNumberContext): string[] {
  const problems: string[] = [];
  if (!isCalendarDate(context.date)) problems.push(`date "${context.date}" is not a calendar date (YYYY-MM-DD)`);
  for (const part of pattern.parts) {
    if (part.kind === 'field' && !context[part.field]) problems.push(`the pattern needs ${part.field}, which is not given`);
  }
  return problems;
}

/**
 * The counter a number's sequence is taken from: the number rendered with its sequence left out. Two lots with
 * the same scope differ only by their sequence.
 */
export function sequenceScope(pattern: BatchNumberPattern, context: BatchNumberContext): string {
  const at = pattern.parts.findIndex((part) => part.kind === 'sequence');
  const before = { text: pattern.text, parts: pattern.parts.slice(0, at) };
  const after = { text: pattern.text, parts: pattern.parts.slice(at + 1) };
  return JSON.stringify([pattern.text, render(before, context, () => ''), render(after, context, () => '')]);
}

/** The batch number for a sequence value; refuses a context the pattern cannot use and a result no system could carry. */
export function renderBatchNumber(pattern: BatchNumberPattern, context: BatchNumberContext, sequence: number): string {
  const problems = contextProblems(pattern, context);
  if (!Number.isSafeInteger(sequence) || sequence < 1) problems.push(`sequence ${sequence} is not a positive integer`);
  if (problems.length > 0) throw new BatchNumberContextError(problems);
  const batchNumber = render(pattern, context, (width) => String(sequence).padStart(width, '0'));
  const problem = batchNumberProblem(batchNumber);
  if (problem) throw new BatchNumberContextError([`the batch number ${JSON.stringify(batchNumber)} is ${problem.replace(/-/g, ' ')}`]);
  return batchNumber;
}

function render(pattern: BatchNumberPattern, context: BatchNumberContext, sequence: (width: number) => string): string {
  return pattern.parts
    .map((part) => {
      switch (part.kind) {
        case 'literal':
          return part.text;
        case 'field':
          return context[part.field] ?? '';
        case 'date':
          return formatDate(context.date, part.format);
        case 'sequence':
          return sequence(part.width);
      }
    })
    .join('');
}

function formatDate(date: string, format: string): string {
  const [year = '', month = '', day = ''] = date.split('-');
  const dayOfYear = Math.round((Date.UTC(Number(year), Number(month) - 1, Number(day)) - Date.UTC(Number(year), 0, 1)) / 86_400_000) + 1;
  return format.replace(/YYYY|YY|MM|DDD|DD/g, (unit) => {
    switch (unit) {
      case 'YYYY':
        return year;
      case 'YY':
        return year.slice(2);
      case 'MM':
        return month;
      case 'DDD':
        return String(dayOfYear).padStart(3, '0');
      default:
        return day;
    }
  });
}

/**
 * A lot that came with a batch number from outside (a supplier, an ERP) keeps it exactly; only a lot without one
 * gets a number made here. This is the one place that decides which.
 */
export function chooseBatchNumber(outside: string | undefined, generate: () => Promise<string>): Promise<{ batchNumber: string; origin: 'outside' | 'generated' }> {
  if (outside !== undefined) return Promise.resolve({ batchNumber: outside, origin: 'outside' });
  return generate().then((batchNumber) => ({ batchNumber, origin: 'generated' }));
}
