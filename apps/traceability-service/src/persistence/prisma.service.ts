import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { createPrismaAdapter } from '@lotbridge/persistence';
import { PrismaClient } from '../__generated__/prisma/client';
import { TRACEABILITY_CONFIG, TraceabilityConfig } from '../traceability.config';

export const TRACEABILITY_SCHEMA = 'traceability_service';

@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  constructor(@Inject(TRACEABILITY_CONFIG) config: TraceabilityConfig) {
    super({ adapter: createPrismaAdapter(TRACEABILITY_SCHEMA, config.databaseUrl) });
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
