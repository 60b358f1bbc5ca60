import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { LotMovement } from '@lotbridge/contracts';
import { fromMovementContract } from '@lotbridge/lot-contracts';
import { ConsumedMessage } from '@lotbridge/messaging';
import { ReceiptMatchingService } from './receipt-matching.service';

/** Receipts from every adapter (SAP goods receipts, scans ...) arrive as lot movements. */
@Controller()
export class ReceiptsConsumer {
  constructor(private readonly matching: ReceiptMatchingService) {}

  @EventPattern('lot.movements.v1')
  async onMovement(@Payload() message: ConsumedMessage<LotMovement>): Promise<void> {
    await this.matching.applyMovement(message.messageId, fromMovementContract(message.value));
  }
}
