import 'reflect-metadata';
import { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { KafkaAvroServer } from '@lotbridge/messaging';
import { TraceabilityModule } from './app.module';
import { TraceabilityConfig, traceabilityConfigFromEnv } from './traceability.config';

export const TRACEABILITY_SERVICE = 'traceability-service';

/** Starts the traceability service: the movement consumer, the genealogy in memory (rebuilt from its table), trace and recall endpoints. */
export async function startTraceabilityService(port = Number(process.env['TRACEABILITY_PORT'] ?? 3005), overrides: Partial<TraceabilityConfig> = {}) {
  const config = { ...traceabilityConfigFromEnv(), ...overrides };
  const app = await NestFactory.create(TraceabilityModule.withConfig(config), { logger: logLevels() });
  app.enableShutdownHooks();
  app.connectMicroservice({ strategy: new KafkaAvroServer({ service: TRACEABILITY_SERVICE, groupId: config.groupId }) }, { inheritAppConfig: true });
  await app.startAllMicroservices();
  await app.listen(port, process.env['HOST'] ?? '127.0.0.1');
  return app;
}

if (require.main === module) {
  startTraceabilityService().catch((error) => {
    process.stderr.write(`traceability-service failed to start: ${String(error)}\n`);
    process.exit(1);
  });
}

/** LOG_LEVELS=error,warn quiets the start-up lines (tests set it). */
function logLevels(): LogLevel[] {
  return (process.env['LOG_LEVELS'] ?? 'error,warn,log').split(',') as LogLevel[];
}
