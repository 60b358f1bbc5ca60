import { Injectable } from '@nestjs/common';
import { TOPICS, deadLetterTopic } from '@lotbridge/contracts';
import { OutboxPublisher } from '@lotbridge/messaging';
import { PrismaOutboxStore } from '@lotbridge/persistence';
import { PrismaService } from './prisma.service';

export const SAP_IDOC_ADAPTER = 'sap-idoc-adapter';
export const ADAPTER_DEAD_LETTERS = deadLetterTopic(SAP_IDOC_ADAPTER);

/** Publishes what the adapter wrote to its outbox: movements, lot master data and dead letters. */
@Injectable()
export class OutboxRelayService extends OutboxPublisher {
  constructor(prisma: PrismaService) {
    super(new PrismaOutboxStore(prisma), SAP_IDOC_ADAPTER, [TOPICS.lotMovements, TOPICS.lotMaster, ADAPTER_DEAD_LETTERS]);
  }
}
