import { Injectable } from '@nestjs/common';
import { TOPICS } from '@lotbridge/contracts';
import { OutboxPublisher } from '@lotbridge/messaging';
import { PrismaOutboxStore } from '@lotbridge/persistence';
import { PrismaService } from './prisma.service';

/** Publishes what traceability wrote to its outbox: RecallCase on trace.recalls.v1. */
@Injectable()
export class TraceabilityOutbox extends OutboxPublisher {
  constructor(prisma: PrismaService) {
    super(new PrismaOutboxStore(prisma), 'traceability-service', [TOPICS.traceRecalls]);
  }
}
