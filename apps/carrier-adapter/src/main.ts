import 'reflect-metadata';
import { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { raw } from 'express';
import { KafkaAvroServer } from '@lotbridge/messaging';
import { CarrierAdapterModule } from './app.module';
import { CARRIER_ADAPTER } from './persistence/outbox-relay.service';
import { MAX_TRACKING_DOCUMENT_BYTES } from './tracking/tracking-intake.service';

/**
 * Starts the carrier adapter: POST /carrier-events and /epcis/events, GET /shipments/:deliveryNumber, the
 * goods-issue consumer (group carrier-adapter on lot.movements.v1) and the outbox relay.
 */
export async function startCarrierAdapter(port = Number(process.env['CARRIER_ADAPTER_PORT'] ?? 3007), groupId = process.env['CARRIER_ADAPTER_GROUP'] ?? CARRIER_ADAPTER) {
  const app = await NestFactory.create(CarrierAdapterModule, { bodyParser: false, logger: logLevels() });
  app.enableShutdownHooks();
  // Raw bytes whatever the content type (the raw copy is kept byte for byte); the limit sits above the reader's
  // own, which answers JSON.TOO_LARGE and keeps the raw copy.
  app.use(['/carrier-events', '/epcis/events'], raw({ type: () => true, limit: MAX_TRACKING_DOCUMENT_BYTES + 1024 * 1024 }));
  app.connectMicroservice({ strategy: new KafkaAvroServer({ service: CARRIER_ADAPTER, groupId }) }, { inheritAppConfig: true });
  await app.startAllMicroservices();
  await app.listen(port, process.env['HOST'] ?? '127.0.0.1');
  return app;
}

if (require.main === module) {
  startCarrierAdapter().catch((error) => {
    process.stderr.write(`carrier-adapter failed to start: ${String(error)}\n`);
    process.exit(1);
  });
}

/** LOG_LEVELS=error,warn quiets the start-up lines (tests set it). */
function logLevels(): LogLevel[] {
  return (process.env['LOG_LEVELS'] ?? 'error,warn,log').split(',') as LogLevel[];
}
