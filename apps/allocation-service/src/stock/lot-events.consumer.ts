import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { LotMasterData, LotMovement, LotStatusChanged } from '@lotbridge/contracts';
import { fromMovementContract } from '@lotbridge/lot-contracts';
import { movementProblems } from '@lotbridge/lot';
import { BATCH_SUFFIX, ConsumedMessage, PermanentMessageError } from '@lotbridge/messaging';
import { recordAppliedMessage } from '@lotbridge/persistence';
import { ReleaseReservationsHandler } from '../allocation/release-reservations.handler';
import { PrismaService } from '../persistence/prisma.service';
import { applyLotMasterToProjection, applyMovementToProjection } from './lot-projection';

/**
 * What allocation hears: movements and lot master data build its own stock projection (lot-projection.ts);
 * status changes are recorded and take reservations away from lots that are no longer released. Each message
 * is applied once (applied_message, in the same transaction).
 */
@Controller()
export class LotEventsConsumer {
  constructor(
    private readonly prisma: PrismaService,
    private readonly release: ReleaseReservationsHandler,
  ) {}

  @EventPattern('lot.movements.v1')
  async onMovement(@Payload() message: ConsumedMessage<LotMovement>): Promise<void> {
    await this.onMovements([message]);
  }

  /** Consecutive movements of a partition in one transaction; on failure the consumer retries them one by one. */
  @EventPattern(`lot.movements.v1${BATCH_SUFFIX}`)
  async onMovements(@Payload() messages: ConsumedMessage<LotMovement>[]): Promise<void> {
    const movements = messages.map((message) => {
      const movement = fromMovementContract(message.value);
      const problems = movementProblems(movement);
      if (problems.length > 0) throw new PermanentMessageError('ALLOCATION.INVALID_MOVEMENT', `movement ${movement.movementId} is invalid: ${problems.join('; ')}`);
      return { messageId: message.messageId, movement };
    });
    await this.prisma.$transaction(
      async (tx) => {
        for (const { messageId, movement } of movements) {
          if (await recordAppliedMessage(tx, messageId)) await applyMovementToProjection(tx, movement);
        }
      },
      { maxWait: 10_000, timeout: 30_000 },
    );
  }

  @EventPattern('lot.master.v1')
  async onLotMasterData(@Payload() message: ConsumedMessage<LotMasterData>): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      if (await recordAppliedMessage(tx, message.messageId)) await applyLotMasterToProjection(tx, message.value);
    });
  }

  @EventPattern('lot.status.v1')
  async onLotStatus(@Payload() message: ConsumedMessage<LotStatusChanged>): Promise<void> {
    const change = message.value;
    // Avro symbols (ON_HOLD) to the domain's statuses (on-hold)
    await this.release.onLotStatus(message.messageId, { ...change, status: change.status.toLowerCase().replace(/_/g, '-') });
  }
}
