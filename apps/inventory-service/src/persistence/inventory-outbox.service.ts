import { Injectable } from '@nestjs/common';
import { TOPICS } from '@lotbridge/contracts';
import { OutboxPublisher } from '@lotbridge/messaging';
import { PrismaOutboxStore } from '@lotbridge/persistence';
import { PrismaService } from './prisma.service';

/** Publishes what inventory wrote to its outbox: alerts, and the movements of splits, merges and count adjustments. */
@Injectable()
export class InventoryOutbox extends OutboxPublisher {
  constructor(prisma: PrismaService) {
    super(new PrismaOutboxStore(prisma), 'inventory-service', [TOPICS.alerts, TOPICS.lotMovements]);
  }
}
