import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { HealthController } from '@lotbridge/messaging';
import { ExportsController } from './exports/exports.controller';
import { ProductMasterDataRepository } from './exports/product-master-data.repository';
import { GenealogyStore } from './genealogy/genealogy.store';
import { TraceMovements } from './genealogy/trace-movements';
import { RecallErrorFilter } from './http-errors';
import { LotMovementsConsumer } from './messaging/lot-movements.consumer';
import { MovementRepository } from './persistence/movement.repository';
import { PrismaService } from './persistence/prisma.service';
import { TraceabilityOutbox } from './persistence/traceability-outbox.service';
import { PartnerClients } from './recalls/partner.clients';
import { RecallsController } from './recalls/recalls.controller';
import { RecallsService } from './recalls/recalls.service';
import { TRACEABILITY_CONFIG, TraceabilityConfig } from './traceability.config';
import { TraceController } from './trace/trace.controller';

@Module({
  controllers: [TraceController, RecallsController, ExportsController, LotMovementsConsumer, HealthController],
  providers: [PrismaService, TraceabilityOutbox, MovementRepository, ProductMasterDataRepository, GenealogyStore, TraceMovements, PartnerClients, RecallsService, { provide: APP_FILTER, useClass: RecallErrorFilter }],
})
export class TraceabilityModule {
  static withConfig(config: TraceabilityConfig): DynamicModule {
    return { module: TraceabilityModule, providers: [{ provide: TRACEABILITY_CONFIG, useValue: config }] };
  }
}
