import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { LotStatusChanged } from '@lotbridge/contracts';
import { ConsumedMessage } from '@lotbridge/messaging';
import { recordAppliedMessage } from '@lotbridge/persistence';
import { ERP_CONFIG, ErpConnectorConfig } from '../erp.config';
import { ItemCatalogueRepository } from '../items/item-catalogue.repository';
import { PrismaService } from '../persistence/prisma.service';
import { OutboundStatusService } from './outbound-status.service';

/** The statuses an ERP is told about: holds, recalls and rejections block the lot there, a release unblocks it. */
const DELIVERED_STATUSES: ReadonlySet<string> = new Set(['ON_HOLD', 'RECALLED', 'REJECTED', 'RELEASED']);

/**
 * Consumes lot.status.v1 and queues each relevant change once per ERP that knows the item (outbound_status, in the
 * transaction that records the message as applied); OutboundStatusService delivers the queue.
 */
@Controller()
export class LotStatusConsumer {
  constructor(
    private readonly prisma: PrismaService,
    private readonly items: ItemCatalogueRepository,
    private readonly outbound: OutboundStatusService,
    @Inject(ERP_CONFIG) private readonly config: ErpConnectorConfig,
  ) {}

  @EventPattern('lot.status.v1')
  async onStatusChanged(@Payload() message: ConsumedMessage<LotStatusChanged>): Promise<void> {
    const change = message.value;
    if (!DELIVERED_STATUSES.has(change.status)) return;
    const targets = (await this.items.erpCodesOf(change.item)).filter((target) => this.config[target.erp].baseUrl);
    const payload = { changeId: change.changeId, item: change.item, status: change.status, previousStatus: change.previousStatus, reason: change.reason, changedBy: change.changedBy, changedAt: change.changedAt, holdId: change.holdId };
    await this.prisma.$transaction(async (tx) => {
      if (!(await recordAppliedMessage(tx, message.messageId))) return;
      for (const target of targets) {
        await tx.$executeRawUnsafe(
          "INSERT INTO outbound_status (erp, change_id, erp_item, batch_number, status, payload, state) VALUES ($1, $2, $3, $4, $5, $6::jsonb, 'pending') ON CONFLICT (erp, change_id) DO NOTHING",
          target.erp,
          change.changeId,
          target.erpItem,
          change.batchNumber,
          change.status,
          JSON.stringify(payload),
        );
      }
    });
    this.outbound.wake();
  }
}
