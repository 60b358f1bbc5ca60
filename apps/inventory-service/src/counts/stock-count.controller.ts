import { Body, Controller, Get, HttpCode, Param, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { Location, LocationKind } from '@lotbridge/lot';
import { CountLine, ErpSnapshotCsvError, ErpSnapshotCsvMapping, ErpStockRow, parseErpSnapshotCsv, Reconciliation, ReconciliationOptions } from '@lotbridge/stock-count';
import { httpError } from '../http/http-error';
import { CountAnswer, StockCountService } from './stock-count.service';

type Json = Record<string, unknown>;
const LOCATION_KINDS: readonly LocationKind[] = ['warehouse', 'supplier', 'customer', 'in-transit', 'production', 'scrap', 'inventory-loss'];
const MAX_SNAPSHOT_BYTES = 50 * 1024 * 1024;

/** Column names of known ERP exports, so that a file from them needs no mapping. */
const CSV_PRESETS: Record<string, ErpSnapshotCsvMapping> = {
  // SAP MB52 (warehouse stocks of material) / MCHB exported with German headers: ';' separated, decimal comma.
  'sap-mb52': { item: 'Material', warehouse: 'Werk', storageLocation: 'Lagerort', batch: 'Charge', quantity: 'Frei verwendbar', unit: 'Basismengeneinheit', delimiter: ';', decimalComma: true },
};

interface UploadedCsv {
  buffer: Buffer;
  originalname: string;
}

@Controller()
export class StockCountController {
  constructor(private readonly counts: StockCountService) {}

  /**
   * POST /counts {"countId","location":{"kind":"warehouse","code":"DE01/MAIN","bin"?},"countedAt","countedBy",
   *   "lines":[{"item","batchNumber","counted":"8","unit"}],"mode"?:"partial"|"full","varianceThresholdPercent"?:"2"}
   */
  @Post('counts')
  @HttpCode(201)
  count(@Body() body: Json): Promise<CountAnswer> {
    if (typeof body !== 'object' || body === null) throw invalidCount('the body must be a JSON object');
    const lines = body['lines'];
    if (!Array.isArray(lines)) throw invalidCount('lines must be a list');
    const mode = body['mode'] ?? 'partial';
    if (mode !== 'partial' && mode !== 'full') throw invalidCount(`mode must be partial or full, not ${JSON.stringify(mode)}`);
    const threshold = body['varianceThresholdPercent'];
    if (threshold !== undefined && typeof threshold !== 'string') throw invalidCount('varianceThresholdPercent must be a decimal string, e.g. "2.5"');
    return this.counts.count(
      {
        countId: text(body['countId'], 'countId'),
        location: location(body['location']),
        countedAt: text(body['countedAt'], 'countedAt'),
        countedBy: text(body['countedBy'], 'countedBy'),
        lines: lines.map((line: Json, index): CountLine => ({
          item: text(line?.['item'], `lines[${index}].item`),
          batchNumber: text(line?.['batchNumber'], `lines[${index}].batchNumber`),
          counted: text(line?.['counted'], `lines[${index}].counted`),
          unit: text(line?.['unit'], `lines[${index}].unit`),
        })),
      },
      { mode, ...(threshold !== undefined && { varianceThresholdPercent: threshold }) },
    );
  }

  @Get('counts/:countId')
  async findCount(@Param('countId') countId: string): Promise<CountAnswer> {
    const found = await this.counts.findCount(countId);
    if (!found) throw httpError(404, 'INVENTORY.COUNT_NOT_FOUND', `no count ${JSON.stringify(countId)}`);
    return found;
  }

  /**
   * POST /reconciliations, either
   * - multipart/form-data: `file` (the ERP's CSV export) with `preset=sap-mb52` or the column names (`item`, `batch`,
   *   `warehouse`, `storageLocation`, `quantity`, `unit`, `delimiter`, `decimalComma=true`), or
   * - application/json: {"rows":[{"item","batchNumber","warehouse":"DE01/0001","quantity":"12.5","unit":"KG"}]};
   * both with optional `granularity` (plant | storage-location), `includeMatches` (true) and `asOf` (an instant).
   */
  @Post('reconciliations')
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_SNAPSHOT_BYTES } }))
  reconcile(@Body() body: Json, @UploadedFile() file?: UploadedCsv): Promise<Reconciliation> {
    const fields: Json = body ?? {};
    const snapshot = file ? this.readCsv(file, fields) : rowsOf(fields['rows']);
    const granularity = fields['granularity'];
    if (granularity !== undefined && granularity !== 'plant' && granularity !== 'storage-location') {
      throw invalidSnapshot(`granularity must be plant or storage-location, not ${JSON.stringify(granularity)}`);
    }
    const options: ReconciliationOptions = {
      ...(granularity !== undefined && { granularity }),
      includeMatches: fields['includeMatches'] === true || fields['includeMatches'] === 'true',
    };
    const asOf = fields['asOf'] === undefined ? undefined : text(fields['asOf'], 'asOf');
    return this.counts.reconcile(snapshot, options, asOf);
  }

  private readCsv(file: UploadedCsv, fields: Json): ErpStockRow[] {
    const preset = fields['preset'];
    if (preset !== undefined && (typeof preset !== 'string' || !(preset in CSV_PRESETS))) {
      throw invalidSnapshot(`preset must be one of ${Object.keys(CSV_PRESETS).join(', ')}, not ${JSON.stringify(preset)}`);
    }
    const mapping: ErpSnapshotCsvMapping = { ...(typeof preset === 'string' ? CSV_PRESETS[preset] : {}) };
    for (const name of ['item', 'batch', 'warehouse', 'storageLocation', 'quantity', 'unit', 'delimiter'] as const) {
      const value = fields[name];
      if (typeof value === 'string') mapping[name] = value;
    }
    if (fields['decimalComma'] !== undefined) mapping.decimalComma = fields['decimalComma'] === 'true';
    try {
      return parseErpSnapshotCsv(file.buffer.toString('utf8'), mapping);
    } catch (error) {
      if (error instanceof ErpSnapshotCsvError) throw httpError(422, 'INVENTORY.INVALID_SNAPSHOT', `${file.originalname}: ${error.message}`, { problems: error.problems });
      throw error;
    }
  }
}

function rowsOf(value: unknown): ErpStockRow[] {
  if (!Array.isArray(value)) throw invalidSnapshot('send a CSV file (multipart field "file") or JSON {"rows":[…]}');
  return value.map((row: Json, index) => ({
    item: snapshotText(row?.['item'], `rows[${index}].item`),
    batchNumber: snapshotText(row?.['batchNumber'], `rows[${index}].batchNumber`),
    warehouse: snapshotText(row?.['warehouse'], `rows[${index}].warehouse`),
    quantity: snapshotText(row?.['quantity'], `rows[${index}].quantity`),
    unit: snapshotText(row?.['unit'], `rows[${index}].unit`),
  }));
}

function location(value: unknown): Location {
  const candidate = (value ?? {}) as Json;
  const kind = LOCATION_KINDS.find((known) => known === candidate['kind']);
  if (!kind) throw invalidCount(`location.kind must be one of ${LOCATION_KINDS.join(', ')}, not ${JSON.stringify(candidate['kind'])}`);
  const code = text(candidate['code'], 'location.code');
  return candidate['bin'] === undefined || candidate['bin'] === null ? { kind, code } : { kind, code, bin: text(candidate['bin'], 'location.bin') };
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string') throw invalidCount(`${field} must be a string, not ${JSON.stringify(value)}`);
  return value;
}

function snapshotText(value: unknown, field: string): string {
  if (typeof value !== 'string') throw invalidSnapshot(`${field} must be a string, not ${JSON.stringify(value)}`);
  return value;
}

const invalidCount = (message: string) => httpError(400, 'INVENTORY.INVALID_COUNT', message);
const invalidSnapshot = (message: string) => httpError(422, 'INVENTORY.INVALID_SNAPSHOT', message);
