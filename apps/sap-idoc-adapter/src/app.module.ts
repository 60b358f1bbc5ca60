import { Controller, Get, Module } from '@nestjs/common';
import { IdocController } from './idoc/idoc.controller';
import { IdocIntakeService } from './idoc/idoc-intake.service';
import { OutboxRelayService } from './persistence/outbox-relay.service';
import { PrismaService } from './persistence/prisma.service';

@Controller('health')
class HealthController {
  @Get()
  health(): { status: 'up' } {
    return { status: 'up' };
  }
}

@Module({
  controllers: [IdocController, HealthController],
  providers: [PrismaService, OutboxRelayService, IdocIntakeService],
})
export class SapIdocAdapterModule {}
