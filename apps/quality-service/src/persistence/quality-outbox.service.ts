import { Injectable } from '@nestjs/common';
import { TOPICS } from '@lotbridge/contracts';
import { OutboxPublisher } from '@lotbridge/messaging';
import { PrismaOutboxStore } from '@lotbridge/persistence';
import { PrismaService } from './prisma.service';

/** Publishes what quality wrote to its outbox: LotStatusChanged on lot.status.v1. */
@Injectable()
export class QualityOutbox extends OutboxPublisher {
  constructor(prisma: PrismaService) {
    super(new PrismaOutboxStore(prisma), 'quality-service', [TOPICS.lotStatus]);
  }
}
