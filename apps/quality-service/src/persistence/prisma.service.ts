import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { createPrismaAdapter } from '@lotbridge/persistence';
import { PrismaClient } from '../__generated__/prisma/client';
import { QUALITY_CONFIG, QualityConfig } from '../quality.config';

export const QUALITY_SCHEMA = 'quality_service';

@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  constructor(@Inject(QUALITY_CONFIG) config: QualityConfig) {
    super({ adapter: createPrismaAdapter(QUALITY_SCHEMA, config.databaseUrl) });
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
