import { DynamicModule, Module } from '@nestjs/common';
import { HealthController } from '@lotbridge/messaging';
import { DropFolderService } from './drop-folder/drop-folder.service';
import { IdocController } from './idoc/idoc.controller';
import { IdocIntakeService } from './idoc/idoc-intake.service';
import { LotStatusConsumer } from './lot-status/lot-status.consumer';
import { SapOutboundSender } from './outbound/sap-outbound.sender';
import { OutboxRelayService } from './persistence/outbox-relay.service';
import { PrismaService } from './persistence/prisma.service';
import { SAP_ADAPTER_CONFIG, sapAdapterConfigFromEnv, type SapAdapterConfig } from './sap-adapter.config';

@Module({})
export class SapIdocAdapterModule {
  static withConfig(config: SapAdapterConfig = sapAdapterConfigFromEnv()): DynamicModule {
    return {
      module: SapIdocAdapterModule,
      controllers: [IdocController, LotStatusConsumer, HealthController],
      providers: [{ provide: SAP_ADAPTER_CONFIG, useValue: config }, PrismaService, OutboxRelayService, SapOutboundSender, IdocIntakeService, DropFolderService],
    };
  }
}
