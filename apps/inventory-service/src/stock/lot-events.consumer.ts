import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { LotMasterData, LotMovement } from '@lotbridge/contracts';
import { fromMovementContract } from '@lotbridge/lot-contracts';
import { BATCH_SUFFIX, ConsumedMessage } from '@lotbridge/messaging';
import { StockRepository } from '../persistence/stock.repository';
import { ApplyMovementHandler } from './apply-movement.handler';

@Controller()
export class LotEventsConsumer {
  constructor(
    private readonly applyMovement: ApplyMovementHandler,
    private readonly stock: StockRepository,
  ) {}

  @EventPattern('lot.movements.v1')
  async onMovement(@Payload() message: ConsumedMessage<LotMovement>): Promise<void> {
    await this.applyMovement.execute(message.messageId, fromMovementContract(message.value));
  }

  @EventPattern(`lot.movements.v1${BATCH_SUFFIX}`)
  async onMovements(@Payload() messages: ConsumedMessage<LotMovement>[]): Promise<void> {
    await this.applyMovement.executeAll(messages.map((message) => ({ messageId: message.messageId, movement: fromMovementContract(message.value) })));
  }

  @EventPattern('lot.master.v1')
  async onLotMasterData(@Payload() message: ConsumedMessage<LotMasterData>): Promise<void> {
    await this.stock.transaction(async (tx) => {
      if (await tx.recordMessage(message.messageId)) await tx.upsertLot(message.value);
    });
  }
}
