/** Why a movement cannot be exported; the rest of the export goes on, and the caller sees every refusal. */
export type ExportProblemCode =
  | 'EXPORT.INVALID_MOVEMENT'
  | 'EXPORT.ITEM_WITHOUT_GTIN'
  | 'EXPORT.INVALID_GTIN'
  | 'EXPORT.BATCH_NOT_GS1'
  | 'EXPORT.UNIT_NOT_UNECE'
  | 'EXPORT.QUANTITY_NOT_EXACT'
  | 'EXPORT.ITEM_WITHOUT_DESCRIPTION';

export interface ExportProblem {
  code: ExportProblemCode;
  message: string;
  movementId: string;
  /** the transformation the movement belongs to: its whole event is left out */
  transformationId?: string;
}

/** A movement that is not a critical tracking event (a transfer, a put-away ...): left out on purpose, and said. */
export interface SkippedMovement {
  movementId: string;
  reason: string;
}
