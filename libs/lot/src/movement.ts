import { batchNumberProblem } from './batch-number';
import { Location, locationKey } from './location';
import { isPositiveQuantity, quantityProblem } from './quantity';

/** What caused a movement, in the domain's words. */
export type MovementKind =
  | 'receipt'
  | 'put-away'
  | 'transfer-out'
  | 'transfer-in'
  | 'production-consumption'
  | 'production-output'
  | 'split'
  | 'merge'
  | 'delivery'
  | 'customer-return'
  | 'scrap'
  | 'count-adjustment';

/** The document line a movement came from; with the system it makes the movement's stable identity. */
export interface SourceReference {
  /** e.g. "SAP:Company_IDOC_ID" (system and logical sender), "KINGDEE", "SCANNER". */
  system: string;
  /** document number as the source system writes it, e.g. the SAP delivery VBELN. */
  document: string;
  /** line/item number as the source writes it, e.g. POSNR "000010". */
  line: string;
}

export type TransformationRole = 'input' | 'output';

/** A lot and a quantity of it, as one side of a transformation lists them. */
export interface TransformationLot {
  item: string;
  batchNumber: string;
  quantity: string;
  unit: string;
}

/**
 * Production, split and merge are transformations: every input movement (warehouse -> production) and every
 * output movement (production -> warehouse) of one transformation carries its id, which links input lots to
 * output lots whichever side arrives first. Where the source document knows the whole picture (a split, a
 * production order confirmation) it lists the inputs and outputs too; otherwise they stay empty.
 */
export interface TransformationLink {
  transformationId: string;
  role: TransformationRole;
  inputs?: TransformationLot[];
  outputs?: TransformationLot[];
}

/**
 * The atom of the system: a quantity of one lot moves from one location to another at an instant.
 * Stock anywhere is the sum of what came in minus what went out.
 */
export interface LotMovement {
  movementId: string;
  kind: MovementKind;
  item: string;
  batchNumber: string;
  /** exact decimal as text, always positive: the direction is from -> to. */
  quantity: string;
  unit: string;
  from: Location;
  to: Location;
  /** UTC instant, ISO 8601. */
  occurredAt: string;
  source: SourceReference;
  /** calendar dates, YYYY-MM-DD. */
  productionDate?: string;
  expiryDate?: string;
  /** the supplier's own batch number where it differs or is known (SAP LICHA). */
  supplierBatchNumber?: string;
  /** GS1 SSCC (18 digits) of the logistic unit carrying this quantity, when the source names it. */
  sscc?: string;
  /**
   * true on a cancellation (SAP 102, 262, ...): the movement takes back an earlier one in the reverse direction.
   * Stock moves as usual. Genealogy recognises a reversal by its direction against its kind (libs/genealogy
   * movement-meaning.ts), so senders without this flag are read the same way; it nets the earlier movement.
   */
  reversal?: boolean;
  /** set on production consumption/output, split and merge movements: the transformation this is one side of. */
  transformation?: TransformationLink;
}

/**
 * A movement's id is derived from its source so that the same document line, sent twice, is the same movement.
 * The separator cannot occur in the parts unescaped, so two different sources never share an id.
 */
export function movementIdFor(source: SourceReference, kind: MovementKind): string {
  // one template, no array: this runs for every line of every trace answer
  return `${escapeIdPart(source.system)}|${escapeIdPart(source.document)}|${escapeIdPart(source.line)}|${kind}`;
}

/** Most parts hold neither character: the two regex passes only when one does. */
function escapeIdPart(part: string): string {
  return part.includes('%') || part.includes('|') ? part.replace(/%/g, '%25').replace(/\|/g, '%7C') : part;
}

/** Every reason a movement is not acceptable, in words that name the field; empty when it is valid. */
export function movementProblems(movement: LotMovement): string[] {
  const problems: string[] = [];
  if (!movement.item) problems.push('item is empty');
  const batch = batchNumberProblem(movement.batchNumber);
  if (batch) problems.push(`batch number is ${batch.replace(/-/g, ' ')}`);
  const quantity = quantityProblem(movement.quantity);
  if (quantity) problems.push(`quantity "${movement.quantity}" is ${quantity.replace(/-/g, ' ')}`);
  else if (!isPositiveQuantity(movement.quantity)) problems.push(`quantity "${movement.quantity}" is not positive`);
  if (!movement.unit) problems.push('unit is empty');
  if (locationKey(movement.from) === locationKey(movement.to)) problems.push(`from and to are the same location (${locationKey(movement.from)})`);
  if (!isUtcInstant(movement.occurredAt)) problems.push(`occurredAt "${movement.occurredAt}" is not a UTC instant (ISO 8601 with Z)`);
  for (const [name, date] of [['productionDate', movement.productionDate], ['expiryDate', movement.expiryDate]] as const) {
    if (date !== undefined && !isCalendarDate(date)) problems.push(`${name} "${date}" is not a calendar date (YYYY-MM-DD)`);
  }
  // Format only: the check digit is the GS1 library's business (adapters read SSCCs through it).
  if (movement.sscc !== undefined && !/^\d{18}$/.test(movement.sscc)) problems.push(`sscc "${movement.sscc}" is not 18 digits`);
  const link = movement.transformation;
  if (link !== undefined) {
    if (!link.transformationId) problems.push('transformation id is empty');
    if (link.role !== 'input' && link.role !== 'output') problems.push(`transformation role "${String(link.role)}" is neither input nor output`);
  }
  return problems;
}

export function isCalendarDate(text: string): boolean {
  // Arithmetic, not Date parsing: this runs inside sorts (allocation) and must be cheap.
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** "2024-03-19T06:14:11Z" or with milliseconds: an instant, never a local time or a bare date. */
export function isUtcInstant(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(text) && !Number.isNaN(Date.parse(text));
}
