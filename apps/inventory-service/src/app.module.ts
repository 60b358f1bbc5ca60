import { DynamicModule, Module } from '@nestjs/common';
import { HealthController } from '@lotbridge/messaging';
import { INVENTORY_CONFIG, InventoryConfig } from './inventory.config';
import { InventoryOutbox } from './persistence/inventory-outbox.service';
import { PrismaService } from './persistence/prisma.service';
import { StockRepository } from './persistence/stock.repository';
import { ApplyReservationHandler } from './reservations/apply-reservation.handler';
import { ReservationsConsumer } from './reservations/reservations.consumer';
import { BatchNumberService } from './batch-numbers/batch-number.service';
import { BatchNumbersController } from './batch-numbers/batch-numbers.controller';
import { LotTransformationService } from './transformations/lot-transformation.service';
import { LotTransformationsController } from './transformations/lot-transformations.controller';
import { StockCountController } from './counts/stock-count.controller';
import { StockCountService } from './counts/stock-count.service';
import { AlertEvaluator } from './alerts/alert-evaluator.service';
import { AlertSettingsController } from './alerts/alert-settings.controller';
import { ApplyMovementHandler } from './stock/apply-movement.handler';
import { LotEventsConsumer } from './stock/lot-events.consumer';
import { StockController } from './stock/stock.controller';

@Module({
  controllers: [StockController, AlertSettingsController, StockCountController, BatchNumbersController, LotTransformationsController, LotEventsConsumer, ReservationsConsumer, HealthController],
  providers: [PrismaService, InventoryOutbox, StockRepository, ApplyMovementHandler, ApplyReservationHandler, BatchNumberService, LotTransformationService, StockCountService, AlertEvaluator],
})
export class InventoryModule {
  static withConfig(config: InventoryConfig): DynamicModule {
    return { module: InventoryModule, providers: [{ provide: INVENTORY_CONFIG, useValue: config }] };
  }
}
