import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { LotMovement as LotMovementContract } from '@lotbridge/contracts';
import { LotMovement, movementProblems } from '@lotbridge/lot';
import { fromMovementContract } from '@lotbridge/lot-contracts';
import { BATCH_SUFFIX, ConsumedMessage, PermanentMessageError } from '@lotbridge/messaging';
import { GenealogyStore } from '../genealogy/genealogy.store';
import { MovementRepository } from '../persistence/movement.repository';

/** Stores each movement once, then adds it to the genealogy in memory. A batch of a partition is stored in one transaction. */
@Controller()
export class LotMovementsConsumer {
  constructor(
    private readonly repository: MovementRepository,
    private readonly genealogy: GenealogyStore,
  ) {}

  @EventPattern('lot.movements.v1')
  async onMovement(@Payload() message: ConsumedMessage<LotMovementContract>): Promise<void> {
    await this.onMovements([message]);
  }

  @EventPattern(`lot.movements.v1${BATCH_SUFFIX}`)
  async onMovements(@Payload() messages: ConsumedMessage<LotMovementContract>[]): Promise<void> {
    const read = messages.map((message) => ({ messageId: message.messageId, movement: valid(fromMovementContract(message.value)) }));
    await this.genealogy.ready();
    await this.genealogy.apply(await this.repository.store(read));
  }
}

function valid(movement: LotMovement): LotMovement {
  const problems = movementProblems(movement);
  if (problems.length > 0) throw new PermanentMessageError('TRACE.INVALID_MOVEMENT', `movement ${movement.movementId} is invalid: ${problems.join('; ')}`);
  return movement;
}
