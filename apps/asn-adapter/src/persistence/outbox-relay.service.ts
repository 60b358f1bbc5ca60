import { Injectable } from '@nestjs/common';
import { TOPICS, deadLetterTopic } from '@lotbridge/contracts';
import { OutboxPublisher } from '@lotbridge/messaging';
import { PrismaOutboxStore } from '@lotbridge/persistence';
import { PrismaService } from './prisma.service';

export const ASN_ADAPTER = 'asn-adapter';
export const ADAPTER_DEAD_LETTERS = deadLetterTopic(ASN_ADAPTER);

/** Publishes what the adapter wrote to its outbox: lot master data, discrepancy alerts and dead letters. */
@Injectable()
export class OutboxRelayService extends OutboxPublisher {
  constructor(prisma: PrismaService) {
    super(new PrismaOutboxStore(prisma), ASN_ADAPTER, [TOPICS.lotMaster, TOPICS.alerts, ADAPTER_DEAD_LETTERS]);
  }
}
