import { DynamicModule, Module } from '@nestjs/common';
import { HealthController } from '@lotbridge/messaging';
import { AllocateOrderLineHandler } from './allocation/allocate-order-line.handler';
import { OrderLinesController } from './allocation/order-lines.controller';
import { ReleaseReservationsHandler } from './allocation/release-reservations.handler';
import { ALLOCATION_CONFIG, AllocationConfig } from './allocation.config';
import { AllocationOutbox } from './persistence/allocation-outbox.service';
import { AllocationRepository } from './persistence/allocation.repository';
import { PgTransactions } from './persistence/pg-transactions';
import { PrismaService } from './persistence/prisma.service';
import { QualityStatusClient } from './quality/quality-status.client';
import { LotEventsConsumer } from './stock/lot-events.consumer';
import { StockController } from './stock/stock.controller';

@Module({
  controllers: [OrderLinesController, StockController, LotEventsConsumer, HealthController],
  providers: [PrismaService, PgTransactions, AllocationOutbox, AllocationRepository, QualityStatusClient, AllocateOrderLineHandler, ReleaseReservationsHandler],
})
export class AllocationModule {
  static withConfig(config: AllocationConfig): DynamicModule {
    return { module: AllocationModule, providers: [{ provide: ALLOCATION_CONFIG, useValue: config }] };
  }
}
