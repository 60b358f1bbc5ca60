import { Injectable } from '@nestjs/common';
import { TOPICS, deadLetterTopic } from '@lotbridge/contracts';
import { OutboxPublisher } from '@lotbridge/messaging';
import { PrismaOutboxStore } from '@lotbridge/persistence';
import { PrismaService } from './prisma.service';

export const CARRIER_ADAPTER = 'carrier-adapter';
export const ADAPTER_DEAD_LETTERS = deadLetterTopic(CARRIER_ADAPTER);

/** Publishes what the adapter wrote to its outbox: second-leg movements, exception alerts and dead letters. */
@Injectable()
export class OutboxRelayService extends OutboxPublisher {
  constructor(prisma: PrismaService) {
    super(new PrismaOutboxStore(prisma), CARRIER_ADAPTER, [TOPICS.lotMovements, TOPICS.alerts, ADAPTER_DEAD_LETTERS]);
  }
}
