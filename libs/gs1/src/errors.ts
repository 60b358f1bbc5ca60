/** Stable reasons for refusing a scan. Callers switch on these; the message is for people. */
export type ScanRejectedCode =
  /** Nothing to parse (empty input, or only a symbology identifier / separators). */
  | 'GS1.EMPTY'
  /** Digits where an AI should start that are no AI of the GS1 Barcode Syntax Dictionary. */
  | 'GS1.UNKNOWN_AI'
  /** A mod-10 check digit (GTIN, SSCC, GLN, GRAI ...) is wrong. */
  | 'GS1.BAD_CHECK_DIGIT'
  /** A date that does not exist (month 13, 30 February ...), or a bad time. */
  | 'GS1.BAD_DATE'
  /** A value shorter or longer than its AI allows (a missing GS separator often shows as "too long"). */
  | 'GS1.BAD_LENGTH'
  /** A character that the AI's character set (digits, CSET 82, CSET 39, CSET 64) does not have. */
  | 'GS1.BAD_CHARACTER'
  /** The data ends inside an AI or inside a fixed-length value. */
  | 'GS1.TRUNCATED'
  /** Another content rule of the syntax dictionary (e.g. "zero", "yesno") is broken. */
  | 'GS1.BAD_VALUE'
  /** The same AI twice with different values. */
  | 'GS1.DUPLICATE_AI'
  /** Bracketed "(AI)value" syntax that cannot be read. */
  | 'GS1.BAD_SYNTAX'
  /** A symbology identifier that does not announce GS1 AI data (e.g. ]d1, ]Q1, ]E0). */
  | 'GS1.NOT_GS1_DATA'
  /** A URI that is no valid GS1 Digital Link (scheme, domain, no primary key, bad key-qualifier order ...). */
  | 'GS1.BAD_DIGITAL_LINK'
  /** A compressed GS1 Digital Link URI: not supported. */
  | 'GS1.COMPRESSED_DIGITAL_LINK';

export interface ScanRejectedDetails {
  /** The AI concerned, when there is one. */
  readonly ai?: string;
  /** The value concerned (as scanned, after percent-decoding for Digital Link). */
  readonly value?: string;
  /** 0-based position in the normalised input where the problem was found, when known. */
  readonly position?: number;
}

/** The one error this library throws for input it refuses. */
export class ScanRejected extends Error {
  override readonly name = 'ScanRejected';
  readonly ai?: string;
  readonly value?: string;
  readonly position?: number;

  constructor(
    readonly code: ScanRejectedCode,
    message: string,
    details: ScanRejectedDetails = {},
  ) {
    super(message);
    if (details.ai !== undefined) this.ai = details.ai;
    if (details.value !== undefined) this.value = details.value;
    if (details.position !== undefined) this.position = details.position;
  }
}

export function isScanRejected(error: unknown): error is ScanRejected {
  return error instanceof ScanRejected;
}

/** `AI (01) "09506000134353"`: how messages name an element. Control characters are shown escaped. */
export function describeElement(ai: string, value: string): string {
  return `AI (${ai}) ${JSON.stringify(value)}`;
}
