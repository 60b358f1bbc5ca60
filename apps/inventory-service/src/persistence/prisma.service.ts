import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { createPrismaAdapter } from '@lotbridge/persistence';
import { PrismaClient } from '../__generated__/prisma/client';
import { INVENTORY_CONFIG, InventoryConfig } from '../inventory.config';

export const INVENTORY_SCHEMA = 'inventory_service';

@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  constructor(@Inject(INVENTORY_CONFIG) config: InventoryConfig) {
    super({ adapter: createPrismaAdapter(INVENTORY_SCHEMA, config.databaseUrl) });
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
