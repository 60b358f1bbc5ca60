// GS1 scanning: element strings (GS1-128, GS1 DataMatrix, GS1 QR, GS1 DataBar) and GS1 Digital Link URIs.
// Pure: no I/O; the only outside input is the clock, when no `today` option is given (century of YYMMDD dates).
export { parseScan, type ScanOptions } from './scan';
export {
  parseElementString,
  DEFAULT_GS_SUBSTITUTES,
  GS,
  GS1_SYMBOLOGY_IDENTIFIERS,
  type ParseOptions,
} from './element-string';
export { parseDigitalLink, type DigitalLinkOptions } from './digital-link';
export { toElementString, toBracketed } from './format';
export {
  type Gs1Scan,
  type Gs1Element,
  type Gs1Measure,
  type Gs1Symbology,
  type DigitalLinkParts,
  type ScanSource,
  decimalString,
} from './scan-result';
export { ScanRejected, isScanRejected, type ScanRejectedCode, type ScanRejectedDetails } from './errors';
export { type Gs1Date, type Today, resolveCentury, readGs1Date, daysInMonth } from './dates';
export { gs1CheckDigit, hasValidCheckDigit, withCheckDigit } from './check-digit';
export { CSET_82, CSET_39, CSET_64, isCset82 } from './character-sets';
export { lookupAi, knownAis } from './ai-dictionary';
export { validateElement, CHECKED_LINTERS } from './validate';
export { AI_TABLE, SYNTAX_DICTIONARY_RELEASE } from './ai-table';
export type { AiTableRow, AiDefinition, AiComponent, Gs1CharacterSet } from './ai-types';
