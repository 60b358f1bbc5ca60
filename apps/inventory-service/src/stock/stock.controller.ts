import { BadRequestException, Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { isUtcInstant, NegativeStockPolicy } from '@lotbridge/lot';
import { AlertRow, LedgerMovementRow, ParkedIssue, StockRepository, StockRow } from '../persistence/stock.repository';

const POLICIES: readonly NegativeStockPolicy[] = ['strict', 'allow-with-alert'];

/**
 * Stock per lot per location. Batch numbers and location keys travel URL-encoded in query parameters, so
 * any batch number (spaces, '/', non-ASCII) can be asked for exactly.
 */
@Controller()
export class StockController {
  constructor(private readonly stock: StockRepository) {}

  /** GET /stock?item=&batchNumber=&location=&plant=&includeVirtual=true&asOf=2025-03-12T08:00:00Z */
  @Get('stock')
  find(
    @Query('item') item?: string,
    @Query('batchNumber') batchNumber?: string,
    @Query('location') location?: string,
    @Query('includeVirtual') includeVirtual?: string,
    @Query('asOf') asOf?: string,
    @Query('plant') plant?: string,
  ): Promise<StockRow[]> {
    const filter = { item, batchNumber, locationKey: location, plant, includeVirtual: includeVirtual === 'true' };
    if (asOf === undefined) return this.stock.findStock(filter);
    if (!isUtcInstant(asOf)) throw new BadRequestException(`asOf "${asOf}" is not a UTC instant (e.g. 2025-03-12T08:00:00Z)`);
    return this.stock.findStockAsOf(filter, asOf);
  }

  @Get('stock/items/:item')
  byItem(@Param('item') item: string): Promise<StockRow[]> {
    return this.stock.findStock({ item });
  }

  @Get('stock/locations/:location')
  byLocation(@Param('location') location: string): Promise<StockRow[]> {
    return this.stock.findStock({ locationKey: location, includeVirtual: true });
  }

  /** GET /movements?item=&batchNumber=&transformationId=: the ledger, oldest first (at most 1000). */
  @Get('movements')
  movements(@Query('item') item?: string, @Query('batchNumber') batchNumber?: string, @Query('transformationId') transformationId?: string): Promise<LedgerMovementRow[]> {
    if (item === undefined && transformationId === undefined) throw new BadRequestException('give item (and batchNumber) or transformationId');
    return this.stock.movements({ item, batchNumber, transformationId });
  }

  /** Issues waiting for stock (negative-stock exceptions of strict plants). */
  @Get('parked-issues')
  parked(@Query('item') item?: string): Promise<ParkedIssue[]> {
    return this.stock.parkedIssues(item);
  }

  /** GET /alerts?open=true */
  @Get('alerts')
  alerts(@Query('open') open?: string, @Query('item') item?: string): Promise<AlertRow[]> {
    return this.stock.alerts({ openOnly: open === 'true', item });
  }

  /** PUT /plants/DE01/negative-stock-policy {"policy":"allow-with-alert"} */
  @Put('plants/:plant/negative-stock-policy')
  async setPolicy(@Param('plant') plant: string, @Body() body: { policy?: string }): Promise<{ plant: string; policy: NegativeStockPolicy }> {
    const policy = POLICIES.find((candidate) => candidate === body?.policy);
    if (!policy) throw new BadRequestException(`policy must be one of ${POLICIES.join(', ')}, not ${JSON.stringify(body?.policy)}`);
    await this.stock.setNegativeStockPolicy(plant, policy);
    return { plant, policy };
  }
}
