import 'reflect-metadata';
import { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { KafkaAvroServer } from '@lotbridge/messaging';
import { InventoryModule } from './app.module';
import { InventoryConfig, inventoryConfigFromEnv } from './inventory.config';

export const INVENTORY_SERVICE = 'inventory-service';

/** Starts the inventory service: the movement consumer (consumer group inventory-service) and the stock HTTP API. */
export async function startInventoryService(port = Number(process.env['INVENTORY_PORT'] ?? 3002), config: InventoryConfig = inventoryConfigFromEnv()) {
  const app = await NestFactory.create(InventoryModule.withConfig(config), { logger: logLevels() });
  app.enableShutdownHooks();
  app.connectMicroservice({ strategy: new KafkaAvroServer({ service: INVENTORY_SERVICE, groupId: config.groupId }) }, { inheritAppConfig: true });
  await app.startAllMicroservices();
  await app.listen(port, process.env['HOST'] ?? '127.0.0.1');
  return app;
}

if (require.main === module) {
  startInventoryService().catch((error) => {
    process.stderr.write(`inventory-service failed to start: ${String(error)}\n`);
    process.exit(1);
  });
}

/** LOG_LEVELS=error,warn quiets the start-up lines (tests set it). */
function logLevels(): LogLevel[] {
  return (process.env['LOG_LEVELS'] ?? 'error,warn,log').split(',') as LogLevel[];
}
