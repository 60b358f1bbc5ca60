import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { createPrismaAdapter } from '@lotbridge/persistence';
import { PrismaClient } from '../__generated__/prisma/client';

export const ADAPTER_SCHEMA = 'scan_adapter';

@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  constructor() {
    super({ adapter: createPrismaAdapter(ADAPTER_SCHEMA) });
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
