import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { inTransitLineOf } from '@lotbridge/carrier-events';
import { LotMovement } from '@lotbridge/contracts';
import { fromMovementContract } from '@lotbridge/lot-contracts';
import { ConsumedMessage } from '@lotbridge/messaging';
import { recordAppliedMessage, writeOutbox } from '@lotbridge/persistence';
import { OutboxRelayService } from '../persistence/outbox-relay.service';
import { PrismaService } from '../persistence/prisma.service';
import { ShipmentRepository } from './shipment.repository';
import { ShipmentTracker, Written } from './shipment-tracker';

/** Learns which lots travel on which delivery (and SSCC) from goods issues into in-transit `<shipTo>/<deliveryNumber>`. */
@Controller()
export class GoodsIssueConsumer {
  constructor(
    private readonly prisma: PrismaService,
    private readonly relay: OutboxRelayService,
  ) {}

  @EventPattern('lot.movements.v1')
  async onMovement(@Payload() message: ConsumedMessage<LotMovement>): Promise<void> {
    const line = inTransitLineOf(fromMovementContract(message.value));
    if (!line) return;
    const written: Written = { messages: [], movements: [] };
    await this.prisma.$transaction(async (tx) => {
      if (!(await recordAppliedMessage(tx, message.messageId))) return;
      const shipments = new ShipmentRepository(tx);
      await shipments.lockShipments();
      await new ShipmentTracker(shipments).recordGoodsIssue(line, written);
      await writeOutbox(tx, written.messages);
    });
    if (written.messages.length > 0) this.relay.wake();
  }
}
