import { Body, Controller, Get, HttpStatus, Param, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { lotKey } from '@lotbridge/genealogy';
import { LotMovement } from '@lotbridge/lot';
import { fsma204Csv, fsma204Rows, fsma204Xlsx, toEpcisDocument } from '@lotbridge/trace-exports';
import { GenealogyStore } from '../genealogy/genealogy.store';
import { TraceMovementQuery, TraceMovements } from '../genealogy/trace-movements';
import { refusal } from '../http-errors';
import { ProductMasterData, ProductMasterDataRepository } from './product-master-data.repository';

interface ExportQuery {
  item?: string;
  batchNumber?: string;
  /** "true": the lot with every ancestor and descendant lot, not the lot alone */
  genealogy?: string;
  from?: string;
  to?: string;
  /** "true": the EPCIS document together with what could not be exported ({document, problems, skipped}) */
  report?: string;
}

const GTIN = /^\d{8}$|^\d{12,14}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Regulators' and trading partners' formats over HTTP: GS1 EPCIS 2.0 JSON-LD and the FDA FSMA 204 sortable
 * spreadsheet (CSV, XLSX), for a lot (optionally its whole genealogy) or a time range. What a movement means in
 * each format is decided in libs/trace-exports; this controller picks the movements and the master data.
 */
@Controller()
export class ExportsController {
  constructor(
    private readonly movements: TraceMovements,
    private readonly store: GenealogyStore,
    private readonly products: ProductMasterDataRepository,
  ) {}

  /** PUT /products/:item {"gtin":"04012345000016","description":"Raw sugar 25 kg"} */
  @Put('products/:item')
  async setProduct(@Param('item') item: string, @Body() body: unknown): Promise<ProductMasterData> {
    const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const problems: string[] = [];
    const gtin = optionalText(input, 'gtin', problems);
    const description = optionalText(input, 'description', problems);
    if (gtin !== null && !GTIN.test(gtin)) problems.push(`gtin "${gtin}" is not a GTIN-8, -12, -13 or -14 (digits only)`);
    if (problems.length > 0) throw refusal(HttpStatus.BAD_REQUEST, 'TRACE.INVALID_PRODUCT', problems.join('; '));
    return this.products.save({ item, gtin, description });
  }

  @Get('products/:item')
  async product(@Param('item') item: string): Promise<ProductMasterData> {
    const found = await this.products.find(item);
    if (!found) throw refusal(HttpStatus.NOT_FOUND, 'TRACE.UNKNOWN_PRODUCT', `no master data for item ${JSON.stringify(item)}`);
    return found;
  }

  /** GET /exports/epcis?item=&batchNumber=[&genealogy=true] | ?from=&to= → EPCISDocument (application/ld+json) */
  @Get('exports/epcis')
  async epcis(@Query() query: ExportQuery, @Res({ passthrough: true }) response: Response): Promise<unknown> {
    const movements = await this.select(query);
    const exported = toEpcisDocument(movements, await this.products.forItems(movements.map((movement) => movement.item)), new Date().toISOString());
    response.setHeader('X-Export-Problems', String(exported.problems.length));
    if (query.report === 'true') return exported;
    response.type('application/ld+json');
    return exported.document;
  }

  /** GET /exports/fsma-204.csv?… and /exports/fsma-204.xlsx?…: one row per critical tracking event and lot */
  @Get('exports/fsma-204.:format')
  async fsma204(@Param('format') format: string, @Query() query: ExportQuery, @Res() response: Response): Promise<void> {
    if (format !== 'csv' && format !== 'xlsx') throw refusal(HttpStatus.NOT_FOUND, 'TRACE.UNKNOWN_FORMAT', `FSMA 204 exports are .csv or .xlsx, not .${format}`);
    const movements = await this.select(query);
    const { rows, problems } = fsma204Rows(movements, await this.products.forItems(movements.map((movement) => movement.item)));
    response.setHeader('X-Export-Problems', String(problems.length));
    response.setHeader('Content-Disposition', `attachment; filename="fsma-204.${format}"`);
    if (format === 'csv') response.type('text/csv; charset=utf-8').send(fsma204Csv(rows));
    else response.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await fsma204Xlsx(rows));
  }

  private async select(query: ExportQuery): Promise<LotMovement[]> {
    return this.movements.movements(await this.scope(query));
  }

  private async scope(query: ExportQuery): Promise<TraceMovementQuery> {
    if (query.from !== undefined || query.to !== undefined) {
      const bad = [query.from, query.to].filter((instant) => instant === undefined || !INSTANT.test(instant));
      if (bad.length > 0) throw refusal(HttpStatus.BAD_REQUEST, 'TRACE.INVALID_QUERY', 'from and to must both be ISO 8601 instants with a zone, e.g. 2026-03-01T00:00:00Z');
      return { from: query.from as string, to: query.to as string };
    }
    if (query.item === undefined || query.batchNumber === undefined) throw refusal(HttpStatus.BAD_REQUEST, 'TRACE.INVALID_QUERY', 'give item and batchNumber (a lot), or from and to (a time range)');
    const lot = { item: query.item, batchNumber: query.batchNumber };
    if (query.genealogy !== 'true') return { lots: [lot] };
    const genealogy = await this.store.ready();
    const key = lotKey(lot.item, lot.batchNumber);
    const related = [...(genealogy.backwardTrace(key)?.lots ?? []), ...(genealogy.forwardTrace(key)?.lots ?? [])];
    if (related.length === 0) throw refusal(HttpStatus.NOT_FOUND, 'TRACE.UNKNOWN_LOT', `no movement of lot ${JSON.stringify(lot)} is known`);
    const lots = new Map(related.map(({ lot: traced }) => [traced.key, { item: traced.item, batchNumber: traced.batchNumber }]));
    return { lots: [...lots.values()] };
  }
}

function optionalText(input: Record<string, unknown>, name: string, problems: string[]): string | null {
  const value = input[name];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value === '') {
    problems.push(`${name} must be a non-empty string`);
    return null;
  }
  return value;
}
