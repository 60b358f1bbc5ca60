import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createPrismaAdapter } from '@lotbridge/persistence';
import { PrismaClient } from '../__generated__/prisma/client';
import { INVENTORY_CONFIG, InventoryConfig } from '../inventory.config';

export const INVENTORY_SCHEMA = 'inventory_service';

@Injectable()
export class PrismaService extends PrismaClient implements OnApplicationShutdown {
  constructor(@Inject(INVENTORY_CONFIG) config: InventoryConfig) {
    super({ adapter: createPrismaAdapter(INVENTORY_SCHEMA, config.databaseUrl) });
  }

  /** Last: the consumer and the alert evaluator stop before (Nest runs onModuleDestroy hooks all at once). */
  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
  }
}
