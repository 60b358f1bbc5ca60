import { Module } from '@nestjs/common';
import { HealthController } from '@lotbridge/messaging';
import { OutboxRelayService } from './persistence/outbox-relay.service';
import { PrismaService } from './persistence/prisma.service';
import { GoodsIssueConsumer } from './shipments/goods-issue.consumer';
import { ShipmentController } from './shipments/shipment.controller';
import { TrackingController } from './tracking/tracking.controller';
import { TrackingIntakeService } from './tracking/tracking-intake.service';

@Module({
  controllers: [TrackingController, ShipmentController, GoodsIssueConsumer, HealthController],
  providers: [PrismaService, OutboxRelayService, TrackingIntakeService],
})
export class CarrierAdapterModule {}
