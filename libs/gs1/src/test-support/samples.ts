// Test support only (imported by *.spec.ts, never by the library): reads and dissects the sample documents in
// test/samples/gs1-barcode (see test/samples/SOURCES.md for where they come from).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SAMPLES_DIR = join(__dirname, '..', '..', '..', '..', 'test', 'samples', 'gs1-barcode');

export function readSample(name: string): string {
  return readFileSync(join(SAMPLES_DIR, name), 'utf8');
}

/** A PostScript string literal: its value (escapes resolved), the line it starts on and its end offset. */
export interface PostScriptString {
  readonly value: string;
  readonly line: number;
  readonly end: number;
}

/**
 * Every "(...)" string literal of a PostScript program, outside comments, with balanced inner parentheses and the
 * escapes of the PostScript Language Reference (3.2.2): \n \r \t \b \f \\ \( \) \ddd and backslash-newline.
 */
export function postScriptStrings(text: string): PostScriptString[] {
  const strings: PostScriptString[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (c === '\n') {
      line++;
      i++;
    } else if (c === '%') {
      while (i < text.length && text.charAt(i) !== '\n') i++;
    } else if (c === '(') {
      const startLine = line;
      let depth = 1;
      let value = '';
      i++;
      while (i < text.length && depth > 0) {
        const d = text.charAt(i);
        if (d === '\\') {
          const e = text.charAt(i + 1);
          const octal = /^[0-7]{1,3}/.exec(text.slice(i + 1, i + 4));
          if (octal) {
            value += String.fromCharCode(parseInt(octal[0], 8));
            i += 1 + octal[0].length;
            continue;
          }
          if (e === '\n') line++;
          value += ESCAPES[e] ?? e;
          i += 2;
          continue;
        }
        if (d === '(') depth++;
        if (d === ')') depth--;
        if (depth > 0) value += d;
        if (d === '\n') line++;
        i++;
      }
      strings.push({ value, line: startLine, end: i });
    } else {
      i++;
    }
  }
  return strings;
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '\\': '\\', '(': '(', ')': ')', '\n': '' };

/** One GS1 data string of a BWIPP test file and what the BWIPP test expects of it. */
export interface BwippCase {
  /** The bracketed element string, e.g. "(01)09501101530003(17)150119(10)AB-123". */
  readonly data: string;
  readonly line: number;
  /** The BWIPP error the test expects (e.g. "bwipp.renderXdimTooSmall"), or undefined when it expects success. */
  readonly expectedError?: string;
}

/**
 * The GS1 data strings of a BWIPP ps_tests file: string literals that start with "(AI)". Each is paired with the
 * assertion that ends its test (isError, isEqual, debugIsEqual, eq_tmpl); for isError, with the error name.
 */
export function bwippGs1Cases(text: string): BwippCase[] {
  return postScriptStrings(text)
    .filter((s) => /^\(\d{2,4}\)/.test(s.value))
    .map((s) => {
      const after = text.slice(s.end);
      const terminator = /\b(isError|debugIsEqual|isEqual|eq_tmpl)\b/.exec(after);
      if (!terminator) throw new Error(`line ${s.line}: no assertion after ${s.value}`);
      const statement = after.slice(0, terminator.index);
      const error = terminator[1] === 'isError' ? /\/(bwipp\.\w+)\s*$/.exec(statement)?.[1] : undefined;
      return { data: s.value, line: s.line, ...(error ? { expectedError: error } : {}) };
    });
}

/** BWIPP error tests whose input is `N string` (N NUL characters), e.g. `{ 501 string (dontdraw) gs1-128 }`. */
export function bwippNulStringErrorCases(text: string): { length: number; expectedError: string; line: number }[] {
  const cases: { length: number; expectedError: string; line: number }[] = [];
  const pattern = /\{\s*(\d+) string [^}]*\}\s*\/(bwipp\.\w+)\s+isError/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    cases.push({
      length: Number(match[1]),
      expectedError: match[2] ?? '',
      line: text.slice(0, match.index).split('\n').length,
    });
  }
  return cases;
}

/** Every single-quoted 'http(s)://...' (and 'badurl') literal of a JavaScript file, with its line number. */
export function quotedUrls(text: string): { url: string; line: number }[] {
  const found: { url: string; line: number }[] = [];
  text.split('\n').forEach((content, index) => {
    for (const match of content.matchAll(/'(https?:\/\/[^'\s]*|badurl)'/g)) found.push({ url: match[1] ?? '', line: index + 1 });
  });
  return found;
}
