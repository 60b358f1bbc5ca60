import 'reflect-metadata';
import { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { KafkaAvroServer } from '@lotbridge/messaging';
import { QualityModule } from './app.module';
import { QualityConfig, qualityConfigFromEnv } from './quality.config';

export const QUALITY_SERVICE = 'quality-service';

/** Starts the quality service: lot status, holds and inspections over HTTP, the receipt consumer, the status outbox. */
export async function startQualityService(port = Number(process.env['QUALITY_PORT'] ?? 3004), overrides: Partial<QualityConfig> = {}) {
  const config = { ...qualityConfigFromEnv(), ...overrides };
  const app = await NestFactory.create(QualityModule.withConfig(config), { logger: logLevels() });
  app.enableShutdownHooks();
  app.connectMicroservice({ strategy: new KafkaAvroServer({ service: QUALITY_SERVICE, groupId: config.groupId }) }, { inheritAppConfig: true });
  await app.startAllMicroservices();
  await app.listen(port, process.env['HOST'] ?? '127.0.0.1');
  return app;
}

if (require.main === module) {
  startQualityService().catch((error) => {
    process.stderr.write(`quality-service failed to start: ${String(error)}\n`);
    process.exit(1);
  });
}

/** LOG_LEVELS=error,warn quiets the start-up lines (tests set it). */
function logLevels(): LogLevel[] {
  return (process.env['LOG_LEVELS'] ?? 'error,warn,log').split(',') as LogLevel[];
}
