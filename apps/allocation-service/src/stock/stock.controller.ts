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
  /** the lot's first receipt into a warehouse (FIFO/LIFO key) */
  receivedAt: string | null;
  expiryDate: string | null;
  /** the last status heard on lot.status.v1 (decisions ask quality itself) */
  status: string | null;
}

/** GET /stock?item=…: allocation's own projection of one item's warehouse stock and what it holds reserved. */
@Controller()
export class StockController {
  constructor(private readonly prisma: PrismaService) {}

  @Get('stock')
  async find(@Query('item') item?: string): Promise<ProjectedStock[]> {
    if (!item) throw new BadRequestException({ error: 'ALLOCATION.ITEM_MISSING', message: 'give item' });
    const rows = await this.prisma.$queryRawUnsafe<Array<{ batch_number: string; location_key: string; on_hand: string; reserved: string; unit: string; received_at: string | null; expiry_date: string | null; status: string | null }>>(
      `SELECT s.batch_number, s.location_key, s.on_hand::text AS on_hand, s.reserved::text AS reserved, s.unit,
              to_char(l.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS received_at, to_char(l.expiry_date, 'YYYY-MM-DD') AS expiry_date, l.status
       FROM lot_stock s LEFT JOIN lot l ON l.item = s.item AND l.batch_number = s.batch_number
       WHERE s.item = $1 AND (s.on_hand <> 0 OR s.reserved <> 0) ORDER BY s.batch_number, s.location_key`,
      item,
    );
    return rows.map((row) => ({
      batchNumber: row.batch_number,
      location: row.location_key,
      onHand: canonicalQuantity(row.on_hand),
      reserved: canonicalQuantity(row.reserved),
      available: subtractQuantities(row.on_hand, row.reserved),
      unit: row.unit,
      receivedAt: row.received_at,
      expiryDate: row.expiry_date,
      status: row.status,
    }));
  }
}
