import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { LotStatusChanged, lotKey } from '@lotbridge/contracts';
import { ConsumedMessage } from '@lotbridge/messaging';
import { isRestrictingStatus } from '@lotbridge/sap-idoc';
import { enqueueOutbound } from '../outbound/sap-outbound.queue';
import { SapOutboundSender } from '../outbound/sap-outbound.sender';
import { PrismaService } from '../persistence/prisma.service';

/**
 * Holds, releases and recalls decided in Lotbridge (quality service, lot.status.v1) become BATMAS03 batch status
 * updates for SAP, so that SAP blocks (restricted-use) or frees the batch too. Queued per lot in order; the
 * change id makes a redelivered record a no-op.
 */
@Controller()
export class LotStatusConsumer {
  constructor(
    private readonly prisma: PrismaService,
    private readonly sender: SapOutboundSender,
  ) {}

  @EventPattern('lot.status.v1')
  async onStatusChanged(@Payload() message: ConsumedMessage<LotStatusChanged>): Promise<void> {
    const change = message.value;
    await enqueueOutbound(this.prisma, `status|${change.changeId}`, `lot|${lotKey(change.item, change.batchNumber)}`, {
      kind: 'BATMAS',
      material: change.item,
      batchNumber: change.batchNumber,
      restricted: isRestrictingStatus(change.status),
      status: change.status,
      changeId: change.changeId,
    });
    this.sender.wake();
  }
}
