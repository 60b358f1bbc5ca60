import 'reflect-metadata';
import { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { json, raw } from 'express';
import { KafkaAvroServer } from '@lotbridge/messaging';
import { ErpConnectorModule } from './app.module';
import { ErpConnectorConfig, erpConfigFromEnv } from './erp.config';
import { ERP_CONNECTOR } from './persistence/outbox-relay.service';

/** Starts the ERP connector: push endpoints, the pollers, the lot status consumer and its outbound delivery. */
export async function startErpConnector(port = Number(process.env['ERP_CONNECTOR_PORT'] ?? 3009), config: ErpConnectorConfig = erpConfigFromEnv()) {
  const app = await NestFactory.create(ErpConnectorModule.withConfig(config), { bodyParser: false, logger: logLevels() });
  app.enableShutdownHooks();
  // Documents are taken as raw bytes whatever their content type: the raw copy is kept byte for byte. The limit
  // sits above the reader's own (which answers JSON.TOO_LARGE and keeps the raw copy).
  const rawBody = raw({ type: () => true, limit: config.maxDocumentBytes + 1024 * 1024 });
  app.use('/kingdee', rawBody);
  app.use('/yonyou', rawBody);
  app.use('/erp-items', json());
  app.connectMicroservice({ strategy: new KafkaAvroServer({ service: ERP_CONNECTOR, groupId: config.groupId }) }, { inheritAppConfig: true });
  await app.startAllMicroservices();
  await app.listen(port, process.env['HOST'] ?? '127.0.0.1');
  return app;
}

if (require.main === module) {
  startErpConnector().catch((error) => {
    process.stderr.write(`erp-connector failed to start: ${String(error)}\n`);
    process.exit(1);
  });
}

/** LOG_LEVELS=error,warn quiets the start-up lines (tests set it). */
function logLevels(): LogLevel[] {
  return (process.env['LOG_LEVELS'] ?? 'error,warn,log').split(',') as LogLevel[];
}
