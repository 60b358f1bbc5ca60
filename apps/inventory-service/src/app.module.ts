import { Controller, Get, Module } from '@nestjs/common';
import { PrismaService } from './persistence/prisma.service';
import { StockRepository } from './persistence/stock.repository';
import { ApplyMovementHandler } from './stock/apply-movement.handler';
import { LotEventsConsumer } from './stock/lot-events.consumer';
import { StockController } from './stock/stock.controller';

@Controller('health')
class HealthController {
  @Get()
  health(): { status: 'up' } {
    return { status: 'up' };
  }
}

@Module({
  controllers: [StockController, LotEventsConsumer, HealthController],
  providers: [PrismaService, StockRepository, ApplyMovementHandler],
})
export class InventoryModule {}
