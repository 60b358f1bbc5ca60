import { LotMovement, MovementKind, movementProblems } from '@lotbridge/lot';

export type TransformationRole = 'input' | 'output';

/**
 * Production, split and merge are transformations: every input movement (warehouse -> production) and every
 * output movement (production -> warehouse) of one transformation carries its id. The id is what links input
 * lots to output lots, whichever side arrives first. (The Avro contract's Transformation also lists all inputs
 * and outputs; the genealogy only needs the id and the role, because each side arrives as its own movement.)
 */
export interface TransformationLink {
  transformationId: string;
  role: TransformationRole;
}

/** What the genealogy is built from: a lot movement, plus its transformation when it is one side of one. */
export interface GenealogyEvent extends LotMovement {
  transformation?: TransformationLink;
}

/** Kinds that are one side of a transformation: without a transformation id the genealogy cannot link them. */
export const TRANSFORMATION_KINDS: ReadonlySet<MovementKind> = new Set<MovementKind>([
  'production-consumption',
  'production-output',
  'split',
  'merge',
]);

/** Every reason an event cannot enter the genealogy; empty when it can. */
export function genealogyEventProblems(event: GenealogyEvent): string[] {
  const problems = movementProblems(event);
  const link = event.transformation;
  if (link !== undefined) {
    if (!link.transformationId) problems.push('transformation id is empty');
    if (link.role !== 'input' && link.role !== 'output') problems.push(`transformation role "${String(link.role)}" is neither input nor output`);
  }
  return problems;
}
