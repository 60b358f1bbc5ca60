import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { HealthController } from '@lotbridge/messaging';
import { HoldsController } from './holds/holds.controller';
import { HoldsService } from './holds/holds.service';
import { TraceabilityClient } from './holds/traceability.client';
import { InspectionsController } from './inspections/inspections.controller';
import { InspectionsService } from './inspections/inspections.service';
import { LotEventsConsumer } from './messaging/lot-events.consumer';
import { LotStatusRepository } from './persistence/lot-status.repository';
import { PrismaService } from './persistence/prisma.service';
import { QualityOutbox } from './persistence/quality-outbox.service';
import { QUALITY_CONFIG, QualityConfig } from './quality.config';
import { QualityErrorFilter } from './quality-error.filter';
import { LotStatusController } from './status/lot-status.controller';

@Module({
  controllers: [LotStatusController, HoldsController, InspectionsController, LotEventsConsumer, HealthController],
  providers: [PrismaService, QualityOutbox, LotStatusRepository, HoldsService, InspectionsService, TraceabilityClient, { provide: APP_FILTER, useClass: QualityErrorFilter }],
})
export class QualityModule {
  static withConfig(config: QualityConfig): DynamicModule {
    return { module: QualityModule, providers: [{ provide: QUALITY_CONFIG, useValue: config }] };
  }
}
