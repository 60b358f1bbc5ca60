import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { createPrismaAdapter } from '@lotbridge/persistence';
import { PrismaClient } from '../__generated__/prisma/client';

export const CONNECTOR_SCHEMA = 'erp_connector';

@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  constructor() {
    super({ adapter: createPrismaAdapter(CONNECTOR_SCHEMA) });
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
