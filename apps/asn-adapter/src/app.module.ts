import { DynamicModule, Module } from '@nestjs/common';
import { HealthController } from '@lotbridge/messaging';
import { ASN_CONFIG, AsnAdapterConfig } from './asn.config';
import { AsnController } from './asn/asn.controller';
import { AsnIntakeService } from './asn/asn-intake.service';
import { NoticeCloserService } from './asn/notice-closer.service';
import { ReceiptMatchingService } from './asn/receipt-matching.service';
import { ReceiptsConsumer } from './asn/receipts.consumer';
import { OutboxRelayService } from './persistence/outbox-relay.service';
import { PrismaService } from './persistence/prisma.service';

@Module({
  controllers: [AsnController, ReceiptsConsumer, HealthController],
  providers: [PrismaService, OutboxRelayService, AsnIntakeService, ReceiptMatchingService, NoticeCloserService],
})
export class AsnAdapterModule {
  static withConfig(config: AsnAdapterConfig): DynamicModule {
    return { module: AsnAdapterModule, providers: [{ provide: ASN_CONFIG, useValue: config }] };
  }
}
