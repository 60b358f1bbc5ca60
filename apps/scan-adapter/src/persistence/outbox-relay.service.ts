import { Injectable } from '@nestjs/common';
import { TOPICS, deadLetterTopic } from '@lotbridge/contracts';
import { OutboxPublisher } from '@lotbridge/messaging';
import { PrismaOutboxStore } from '@lotbridge/persistence';
import { PrismaService } from './prisma.service';

export const SCAN_ADAPTER = 'scan-adapter';
export const ADAPTER_DEAD_LETTERS = deadLetterTopic(SCAN_ADAPTER);

/** Publishes what the adapter wrote to its outbox: scanned movements and dead letters. */
@Injectable()
export class OutboxRelayService extends OutboxPublisher {
  constructor(prisma: PrismaService) {
    super(new PrismaOutboxStore(prisma), SCAN_ADAPTER, [TOPICS.lotMovements, ADAPTER_DEAD_LETTERS]);
  }
}
