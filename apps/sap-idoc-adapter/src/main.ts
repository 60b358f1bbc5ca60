import 'reflect-metadata';
import { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { raw } from 'express';
import { KafkaAvroServer } from '@lotbridge/messaging';
import { DEFAULT_MAX_IDOC_BYTES } from '@lotbridge/sap-idoc';
import { SapIdocAdapterModule } from './app.module';
import { sapAdapterConfigFromEnv, type SapAdapterConfig } from './sap-adapter.config';

export const SAP_IDOC_ADAPTER_SERVICE = 'sap-idoc-adapter';

/**
 * Starts the SAP IDoc adapter: POST /idocs, the drop folder (SAP_IDOC_DROP_DIR), its outbox relay, the lot.status.v1
 * consumer (consumer group sap-idoc-adapter) and the outbound sender to SAP. Settings come from the environment
 * (sap-adapter.config.ts); `overrides` replace single ones (tests).
 */
export async function startSapIdocAdapter(port = Number(process.env['SAP_IDOC_ADAPTER_PORT'] ?? 3001), overrides: Partial<SapAdapterConfig> = {}) {
  const config: SapAdapterConfig = { ...sapAdapterConfigFromEnv(), ...overrides };
  const app = await NestFactory.create(SapIdocAdapterModule.withConfig(config), { bodyParser: false, logger: logLevels() });
  app.enableShutdownHooks();
  app.connectMicroservice({ strategy: new KafkaAvroServer({ service: SAP_IDOC_ADAPTER_SERVICE }) }, { inheritAppConfig: true });
  await app.startAllMicroservices();
  // Bodies are taken as raw bytes, whatever their content type: the raw copy is kept byte for byte. The limit
  // sits above the parser's own (which answers with a clear IDOC.TOO_LARGE and keeps the raw copy).
  app.use('/idocs', raw({ type: () => true, limit: DEFAULT_MAX_IDOC_BYTES + 1024 * 1024 }));
  await app.listen(port, process.env['HOST'] ?? '127.0.0.1');
  return app;
}

if (require.main === module) {
  startSapIdocAdapter().catch((error) => {
    process.stderr.write(`sap-idoc-adapter failed to start: ${String(error)}\n`);
    process.exit(1);
  });
}

/** LOG_LEVELS=error,warn quiets the start-up lines (tests set it). */
function logLevels(): LogLevel[] {
  return (process.env['LOG_LEVELS'] ?? 'error,warn,log').split(',') as LogLevel[];
}
