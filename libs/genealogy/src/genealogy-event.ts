import { LotMovement, MovementKind } from '@lotbridge/lot';

/** What the genealogy is built from: lot movements, transformation links included (see libs/lot movement.ts). */
export type GenealogyEvent = LotMovement;

/** Kinds that are one side of a transformation: without a transformation id the genealogy cannot link them. */
export const TRANSFORMATION_KINDS: ReadonlySet<MovementKind> = new Set<MovementKind>([
  'production-consumption',
  'production-output',
  'split',
  'merge',
]);
