import { Module } from '@nestjs/common';
import { HealthController } from '@lotbridge/messaging';
import { IdocController } from './idoc/idoc.controller';
import { IdocIntakeService } from './idoc/idoc-intake.service';
import { OutboxRelayService } from './persistence/outbox-relay.service';
import { PrismaService } from './persistence/prisma.service';

@Module({
  controllers: [IdocController, HealthController],
  providers: [PrismaService, OutboxRelayService, IdocIntakeService],
})
export class SapIdocAdapterModule {}
