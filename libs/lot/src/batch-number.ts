/**
 * A batch number is an opaque string: it is never trimmed, re-cased, padded or re-encoded.
 * Leading zeros, inner and trailing spaces, case and non-ASCII characters survive as they are.
 * The only thing refused is what no system could mean as a batch: an empty or blank value,
 * or one longer than any system we connect to can carry (GS1 AI 10 allows 20, SAP CHARG 10,
 * Kingdee FLot 255: the longest wins, shorter systems get an alias).
 */
export const MAX_BATCH_NUMBER_LENGTH = 255;

export type BatchNumberProblem = 'empty' | 'blank' | 'too-long' | 'control-character' | 'broken-unicode';

export function batchNumberProblem(value: string): BatchNumberProblem | undefined {
  if (value.length === 0) return 'empty';
  if (value.trim().length === 0) return 'blank';
  if ([...value].length > MAX_BATCH_NUMBER_LENGTH) return 'too-long';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(value)) return 'control-character';
  // a lone UTF-16 surrogate would become U+FFFD on the wire: the bytes would change
  if (!isWellFormed(value)) return 'broken-unicode';
  return undefined;
}

function isWellFormed(value: string): boolean {
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value);
}
