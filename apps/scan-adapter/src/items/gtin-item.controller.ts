import { BadRequestException, Body, Controller, Get, NotFoundException, Param, Put } from '@nestjs/common';
import { hasValidCheckDigit } from '@lotbridge/gs1';
import { PrismaService } from '../persistence/prisma.service';

/**
 * Items are keyed by GTIN for scans unless mapped here: a plant whose ERP has its own material numbers says which
 * item a GTIN stands for. A mapping applies to scans received after it.
 */
@Controller('items/gtin')
export class GtinItemController {
  constructor(private readonly prisma: PrismaService) {}

  /** PUT /items/gtin/:gtin {"item":"000000000000471100"} */
  @Put(':gtin')
  async map(@Param('gtin') gtin: string, @Body() body: unknown): Promise<{ gtin: string; item: string }> {
    if (!/^\d{14}$/.test(gtin) || !hasValidCheckDigit(gtin)) throw new BadRequestException({ error: 'SCAN.INVALID_FIELD', message: `gtin "${gtin}" is not a GTIN-14 with a valid check digit` });
    const item = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['item'] : undefined;
    if (typeof item !== 'string' || item === '') throw new BadRequestException({ error: 'SCAN.MISSING_FIELD', message: 'item is missing: send {"item":"<our item number>"}' });
    await this.prisma.$executeRawUnsafe('INSERT INTO gtin_item (gtin, item) VALUES ($1, $2) ON CONFLICT (gtin) DO UPDATE SET item = $2, updated_at = now()', gtin, item);
    return { gtin, item };
  }

  @Get(':gtin')
  async find(@Param('gtin') gtin: string): Promise<{ gtin: string; item: string }> {
    const [row] = await this.prisma.$queryRawUnsafe<Array<{ item: string }>>('SELECT item FROM gtin_item WHERE gtin = $1', gtin);
    if (!row) throw new NotFoundException({ error: 'SCAN.UNMAPPED_GTIN', message: `GTIN ${gtin} is not mapped: scans of it use the GTIN as the item` });
    return { gtin, item: row.item };
  }
}
