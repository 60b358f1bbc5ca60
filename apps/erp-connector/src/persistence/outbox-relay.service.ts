import { Injectable } from '@nestjs/common';
import { TOPICS, deadLetterTopic } from '@lotbridge/contracts';
import { OutboxPublisher } from '@lotbridge/messaging';
import { PrismaOutboxStore } from '@lotbridge/persistence';
import { PrismaService } from './prisma.service';

export const ERP_CONNECTOR = 'erp-connector';
export const CONNECTOR_DEAD_LETTERS = deadLetterTopic(ERP_CONNECTOR);

/** Publishes what the connector wrote to its outbox: movements, lot master data and dead letters. */
@Injectable()
export class OutboxRelayService extends OutboxPublisher {
  constructor(prisma: PrismaService) {
    super(new PrismaOutboxStore(prisma), ERP_CONNECTOR, [TOPICS.lotMovements, TOPICS.lotMaster, CONNECTOR_DEAD_LETTERS]);
  }
}
