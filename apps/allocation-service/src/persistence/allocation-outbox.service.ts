import { Injectable } from '@nestjs/common';
import { TOPICS } from '@lotbridge/contracts';
import { OutboxPublisher } from '@lotbridge/messaging';
import { PrismaOutboxStore } from '@lotbridge/persistence';
import { PrismaService } from './prisma.service';

/** Publishes what allocation wrote to its outbox: LotReservation states on allocation.reservations.v1. */
@Injectable()
export class AllocationOutbox extends OutboxPublisher {
  constructor(prisma: PrismaService) {
    super(new PrismaOutboxStore(prisma), 'allocation-service', [TOPICS.lotReservations]);
  }
}
