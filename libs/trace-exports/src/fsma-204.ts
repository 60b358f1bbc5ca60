import ExcelJS from 'exceljs';
import { Location, LotMovement, canonicalQuantity } from '@lotbridge/lot';
import { CriticalTrackingEvent, criticalTrackingEvents } from './critical-tracking-events';
import { ExportProblem, SkippedMovement } from './export-problem';
import { ExportMasterData } from './master-data';

/**
 * The FDA FSMA 204 electronic sortable spreadsheet (21 CFR 1.1455(c)(3)(ii)): one row per critical tracking event and
 * traceability lot, with the key data elements of 1.1345 (receiving), 1.1340 (shipping) and 1.1350 (transformation).
 * The traceability lot code is the batch number, byte for byte; the product is named by its description (master data).
 */
export const FSMA_204_COLUMNS = [
  'Traceability Lot Code',
  'Product Description',
  'Item Number',
  'GTIN',
  'Quantity',
  'Unit of Measure',
  'Critical Tracking Event',
  'Event Date',
  'Event Time (UTC)',
  'Location of Event',
  'Immediate Previous Source',
  'Ship-From Location',
  'Immediate Subsequent Recipient',
  'Traceability Lot Code Source',
  'Input Traceability Lot Codes',
  'Reference Document Type',
  'Reference Document Number',
  'Source System',
  'Movement IDs',
] as const;

export type Fsma204Column = (typeof FSMA_204_COLUMNS)[number];
export type Fsma204Row = Record<Fsma204Column, string>;

export interface Fsma204Export {
  rows: Fsma204Row[];
  problems: ExportProblem[];
  skipped: SkippedMovement[];
}

export function fsma204Rows(movements: readonly LotMovement[], masterData: ExportMasterData): Fsma204Export {
  const classified = criticalTrackingEvents(movements);
  const problems = [...classified.problems];
  const describe = (location: Location) => masterData.location?.(location)?.description ?? `${location.kind} ${location.code}${location.bin ? ` bin ${location.bin}` : ''}`;
  // where each lot code was assigned, as far as these movements tell: the supplier it came from, or where it was made
  const tlcSources = new Map<string, string>();
  for (const event of classified.events) {
    if (event.type === 'receiving') tlcSources.set(lotOf(event.movement), describe(event.movement.from));
    if (event.type === 'transformation') {
      for (const movement of event.movements) if (movement.transformation?.role === 'output') tlcSources.set(lotOf(movement), describe(movement.from));
    }
  }
  const rows: Fsma204Row[] = [];
  for (const event of classified.events) {
    const made = rowsOf(event, masterData, describe, tlcSources);
    if ('problems' in made) problems.push(...made.problems);
    else rows.push(...made.rows);
  }
  return { rows, problems, skipped: classified.skipped };
}

function rowsOf(
  event: CriticalTrackingEvent,
  masterData: ExportMasterData,
  describe: (location: Location) => string,
  tlcSources: Map<string, string>,
): { rows: Fsma204Row[] } | { problems: ExportProblem[] } {
  const row = (movement: LotMovement, fields: Partial<Fsma204Row>): Fsma204Row | ExportProblem => {
    const known = masterData.product(movement.item);
    if (!known?.description) {
      return { code: 'EXPORT.ITEM_WITHOUT_DESCRIPTION', message: `item "${movement.item}" has no product description in the master data: FSMA 204 names the food by it`, movementId: movement.movementId };
    }
    return {
      'Traceability Lot Code': movement.batchNumber,
      'Product Description': known.description,
      'Item Number': movement.item,
      GTIN: known.gtin ?? '',
      Quantity: canonicalQuantity(movement.quantity),
      'Unit of Measure': movement.unit,
      'Critical Tracking Event': '',
      'Event Date': movement.occurredAt.slice(0, 10),
      'Event Time (UTC)': movement.occurredAt,
      'Location of Event': '',
      'Immediate Previous Source': '',
      'Ship-From Location': '',
      'Immediate Subsequent Recipient': '',
      'Traceability Lot Code Source': tlcSources.get(lotOf(movement)) ?? '',
      'Input Traceability Lot Codes': '',
      'Reference Document Type': '',
      'Reference Document Number': movement.source.document,
      'Source System': movement.source.system,
      'Movement IDs': movement.movementId,
      ...fields,
    };
  };
  const made: (Fsma204Row | ExportProblem)[] = [];
  if (event.type === 'receiving') {
    const { movement } = event;
    made.push(row(movement, { 'Critical Tracking Event': 'Receiving', 'Location of Event': describe(movement.to), 'Immediate Previous Source': describe(movement.from), 'Reference Document Type': 'Receiving document (inbound delivery)' }));
  } else if (event.type === 'shipping') {
    const { movement } = event;
    made.push(
      row(movement, {
        'Critical Tracking Event': 'Shipping',
        'Location of Event': describe(movement.from),
        'Ship-From Location': describe(movement.from),
        'Immediate Subsequent Recipient': describe({ kind: 'customer', code: event.shipTo }),
        'Reference Document Type': 'Delivery (shipping document)',
      }),
    );
  } else {
    const inputs = event.inputs.map((lot) => lot.batchNumber).join('; ');
    for (const output of event.outputs) {
      const movement = event.movements.find((candidate) => candidate.transformation?.role === 'output' && candidate.item === output.item && candidate.batchNumber === output.batchNumber) as LotMovement;
      const ids = event.movements.filter((candidate) => candidate.item === output.item && candidate.batchNumber === output.batchNumber).map((candidate) => candidate.movementId);
      made.push(
        row(movement, {
          Quantity: output.quantity,
          'Critical Tracking Event': 'Transformation',
          'Event Date': event.occurredAt.slice(0, 10),
          'Event Time (UTC)': event.occurredAt,
          'Location of Event': describe(movement.from),
          'Input Traceability Lot Codes': inputs,
          'Reference Document Type': event.kind === 'production' ? 'Production order' : event.kind === 'split' ? 'Split' : 'Merge',
          'Movement IDs': ids.join('; '),
        }),
      );
    }
  }
  const problems = made.filter((entry): entry is ExportProblem => 'code' in entry);
  return problems.length > 0 ? { problems } : { rows: made as Fsma204Row[] };
}

function lotOf(movement: LotMovement): string {
  return JSON.stringify([movement.item, movement.batchNumber]);
}

/** RFC 4180: every field quoted, quotes doubled, CRLF line ends; values exactly as in the rows (no formula escaping that would alter a lot code). */
export function fsma204Csv(rows: readonly Fsma204Row[]): string {
  const line = (values: readonly string[]) => values.map((value) => `"${value.replace(/"/g, '""')}"`).join(',');
  return [line(FSMA_204_COLUMNS), ...rows.map((row) => line(FSMA_204_COLUMNS.map((column) => row[column])))].join('\r\n') + '\r\n';
}

/** An .xlsx workbook: one sheet, a header row with an auto-filter (sortable, filterable), every cell a text cell. */
export async function fsma204Xlsx(rows: readonly Fsma204Row[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('FSMA 204', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = FSMA_204_COLUMNS.map((column) => ({ header: column, key: column, width: Math.max(14, column.length + 2) }));
  sheet.getRow(1).font = { bold: true };
  // text cells: a lot code such as "0000042" or a quantity "10.50" must not become a number
  for (const row of rows) sheet.addRow(FSMA_204_COLUMNS.map((column) => row[column]));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: FSMA_204_COLUMNS.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
