import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ASN_CONFIG, AsnAdapterConfig } from '../asn.config';
import { overdueNotices } from '../persistence/asn.repository';
import { PrismaService } from '../persistence/prisma.service';
import { ReceiptMatchingService } from './receipt-matching.service';

/** Closes notices whose grace period (ASN_SHORT_AFTER_HOURS) has passed, so their short lines are reported. */
@Injectable()
export class NoticeCloserService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(NoticeCloserService.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly prisma: PrismaService,
    private readonly matching: ReceiptMatchingService,
    @Inject(ASN_CONFIG) private readonly config: AsnAdapterConfig,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => {
      this.running = this.running.then(async () => void (await this.closeOverdue())).catch((error: unknown) => this.logger.error(`closing overdue notices failed: ${String(error)}`));
    }, this.config.closeSweepMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Closes every overdue notice; returns how many it closed. */
  async closeOverdue(): Promise<number> {
    let closed = 0;
    for (const asnKey of await overdueNotices(this.prisma)) if (await this.matching.close(asnKey, 'grace-period')) closed += 1;
    return closed;
  }
}
