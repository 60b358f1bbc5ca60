import { DynamicModule, Module } from '@nestjs/common';
import { HealthController } from '@lotbridge/messaging';
import { ERP_CONFIG, ErpConnectorConfig } from './erp.config';
import { ErpItemsController } from './items/erp-items.controller';
import { ItemCatalogueRepository } from './items/item-catalogue.repository';
import { LotStatusConsumer } from './outbound/lot-status.consumer';
import { OutboundStatusController } from './outbound/outbound-status.controller';
import { OutboundStatusService } from './outbound/outbound-status.service';
import { OutboxRelayService } from './persistence/outbox-relay.service';
import { PrismaService } from './persistence/prisma.service';
import { ErpPullService } from './pull/erp-pull.service';
import { PullCursorRepository } from './pull/pull-cursor.repository';
import { ErpIntakeService } from './push/erp-intake.service';
import { ErpPushController } from './push/erp-push.controller';

@Module({
  controllers: [ErpPushController, ErpItemsController, OutboundStatusController, LotStatusConsumer, HealthController],
  providers: [PrismaService, OutboxRelayService, ItemCatalogueRepository, ErpIntakeService, PullCursorRepository, ErpPullService, OutboundStatusService],
})
export class ErpConnectorModule {
  static withConfig(config: ErpConnectorConfig): DynamicModule {
    return { module: ErpConnectorModule, providers: [{ provide: ERP_CONFIG, useValue: config }] };
  }
}
