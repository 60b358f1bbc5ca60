import { Controller, Get, Query } from '@nestjs/common';
import { PrismaService } from '../persistence/prisma.service';

/** GET /outbound-statuses[?state=pending|delivered|failed]: the lot status changes queued for the ERPs. */
@Controller('outbound-statuses')
export class OutboundStatusController {
  constructor(private readonly prisma: PrismaService) {}

  @Get()
  async list(@Query('state') state?: string): Promise<Array<Record<string, unknown>>> {
    const rows = await this.prisma.outboundStatus.findMany({ where: state ? { state } : {}, orderBy: { id: 'desc' }, take: 200 });
    return rows.map(({ id, erp, changeId, erpItem, batchNumber, status, state: rowState, attempts, lastError, deliveredAt }) => ({
      id: id.toString(),
      erp,
      changeId,
      erpItem,
      batchNumber,
      status,
      state: rowState,
      attempts,
      lastError,
      deliveredAt: deliveredAt?.toISOString() ?? null,
    }));
  }
}
