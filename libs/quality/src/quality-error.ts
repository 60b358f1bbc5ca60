/**
 * An expected refusal of the quality domain, with a stable code that crosses processes (HTTP bodies, logs).
 * Codes, not classes, are what callers compare.
 */
export type QualityErrorCode =
  | 'QUALITY.INVALID_TRANSITION'
  | 'QUALITY.INVALID_REQUEST'
  | 'QUALITY.INSPECTION_INCOMPLETE'
  | 'QUALITY.NONCONFORMING_RESULTS'
  | 'QUALITY.DECISION_ALREADY_MADE'
  | 'QUALITY.UNKNOWN_CHARACTERISTIC'
  | 'QUALITY.ALREADY_RELEASED';

export class QualityError extends Error {
  constructor(
    readonly code: QualityErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'QualityError';
  }
}
