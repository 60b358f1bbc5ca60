import { Controller, Get, Param, Query } from '@nestjs/common';
import { StockRepository, StockRow } from '../persistence/stock.repository';

/**
 * Stock per lot per location. Batch numbers and location keys travel URL-encoded in query parameters, so
 * any batch number (spaces, '/', non-ASCII) can be asked for exactly.
 */
@Controller('stock')
export class StockController {
  constructor(private readonly stock: StockRepository) {}

  /** GET /stock?item=&batchNumber=&location=&includeVirtual=true */
  @Get()
  find(
    @Query('item') item?: string,
    @Query('batchNumber') batchNumber?: string,
    @Query('location') location?: string,
    @Query('includeVirtual') includeVirtual?: string,
  ): Promise<StockRow[]> {
    return this.stock.findStock({ item, batchNumber, locationKey: location, includeVirtual: includeVirtual === 'true' });
  }

  @Get('items/:item')
  byItem(@Param('item') item: string): Promise<StockRow[]> {
    return this.stock.findStock({ item });
  }

  @Get('locations/:location')
  byLocation(@Param('location') location: string): Promise<StockRow[]> {
    return this.stock.findStock({ locationKey: location, includeVirtual: true });
  }
}
