import { Module } from '@nestjs/common';
import { HealthController } from '@lotbridge/messaging';
import { GtinItemController } from './items/gtin-item.controller';
import { OutboxRelayService } from './persistence/outbox-relay.service';
import { PrismaService } from './persistence/prisma.service';
import { ScanController } from './scans/scan.controller';
import { ScanIntakeService } from './scans/scan-intake.service';

@Module({
  controllers: [ScanController, GtinItemController, HealthController],
  providers: [PrismaService, OutboxRelayService, ScanIntakeService],
})
export class ScanAdapterModule {}
