import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { canonicalQuantity, subtractQuantities } from '@lotbridge/lot';
import { PrismaService } from '../persistence/prisma.service';

export interface ProjectedStock {
  batchNumber: string;
  location: string;
  onHand: string;
  reserved: string;
  available: string;
  unit: string;
}

/** GET /stock?item=…: allocation's own projection of one item's warehouse stock and what it holds reserved. */
@Controller()
export class StockController {
  constructor(private readonly prisma: PrismaService) {}

  @Get('stock')
  async find(@Query('item') item?: string): Promise<ProjectedStock[]> {
    if (!item) throw new BadRequestException({ error: 'ALLOCATION.ITEM_MISSING', message: 'give item' });
    const rows = await this.prisma.$queryRawUnsafe<Array<{ batch_number: string; location_key: string; on_hand: string; reserved: string; unit: string }>>(
      `SELECT batch_number, location_key, on_hand::text AS on_hand, reserved::text AS reserved, unit FROM lot_stock
       WHERE item = $1 AND (on_hand <> 0 OR reserved <> 0) ORDER BY batch_number, location_key`,
      item,
    );
    return rows.map((row) => ({
      batchNumber: row.batch_number,
      location: row.location_key,
      onHand: canonicalQuantity(row.on_hand),
      reserved: canonicalQuantity(row.reserved),
      available: subtractQuantities(row.on_hand, row.reserved),
      unit: row.unit,
    }));
  }
}
