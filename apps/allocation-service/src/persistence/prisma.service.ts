import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { createPrismaAdapter } from '@lotbridge/persistence';
import { PrismaClient } from '../__generated__/prisma/client';
import { ALLOCATION_CONFIG, AllocationConfig } from '../allocation.config';

export const ALLOCATION_SCHEMA = 'allocation_service';

@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  constructor(@Inject(ALLOCATION_CONFIG) config: AllocationConfig) {
    super({ adapter: createPrismaAdapter(ALLOCATION_SCHEMA, config.databaseUrl) });
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
