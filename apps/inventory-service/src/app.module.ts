import { DynamicModule, Module } from '@nestjs/common';
import { HealthController } from '@lotbridge/messaging';
import { INVENTORY_CONFIG, InventoryConfig } from './inventory.config';
import { InventoryOutbox } from './persistence/inventory-outbox.service';
import { PrismaService } from './persistence/prisma.service';
import { StockRepository } from './persistence/stock.repository';
import { ApplyMovementHandler } from './stock/apply-movement.handler';
import { LotEventsConsumer } from './stock/lot-events.consumer';
import { StockController } from './stock/stock.controller';

@Module({
  controllers: [StockController, LotEventsConsumer, HealthController],
  providers: [PrismaService, InventoryOutbox, StockRepository, ApplyMovementHandler],
})
export class InventoryModule {
  static withConfig(config: InventoryConfig): DynamicModule {
    return { module: InventoryModule, providers: [{ provide: INVENTORY_CONFIG, useValue: config }] };
  }
}
