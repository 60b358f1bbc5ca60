import 'reflect-metadata';
import { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { KafkaAvroServer } from '@lotbridge/messaging';
import { AllocationModule } from './app.module';
import { AllocationConfig, allocationConfigFromEnv } from './allocation.config';

export const ALLOCATION_SERVICE = 'allocation-service';

/**
 * Starts the allocation service: the consumer of lot.movements.v1, lot.master.v1 and lot.status.v1 (consumer
 * group allocation-service) and the order-line HTTP API.
 */
export async function startAllocationService(port = Number(process.env['ALLOCATION_PORT'] ?? 3003), config: AllocationConfig = allocationConfigFromEnv()) {
  const app = await NestFactory.create(AllocationModule.withConfig(config), { logger: logLevels() });
  app.enableShutdownHooks();
  app.connectMicroservice({ strategy: new KafkaAvroServer({ service: ALLOCATION_SERVICE, groupId: config.groupId }) }, { inheritAppConfig: true });
  await app.startAllMicroservices();
  await app.listen(port, process.env['HOST'] ?? '127.0.0.1');
  return app;
}

if (require.main === module) {
  startAllocationService().catch((error) => {
    process.stderr.write(`allocation-service failed to start: ${String(error)}\n`);
    process.exit(1);
  });
}

/** LOG_LEVELS=error,warn quiets the start-up lines (tests set it). */
function logLevels(): LogLevel[] {
  return (process.env['LOG_LEVELS'] ?? 'error,warn,log').split(',') as LogLevel[];
}
