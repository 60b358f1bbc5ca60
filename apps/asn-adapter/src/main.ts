import 'reflect-metadata';
import { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { raw } from 'express';
import { DEFAULT_MAX_ASN_BYTES } from '@lotbridge/asn';
import { KafkaAvroServer } from '@lotbridge/messaging';
import { AsnAdapterModule } from './app.module';
import { AsnAdapterConfig, asnConfigFromEnv } from './asn.config';
import { ASN_ADAPTER } from './persistence/outbox-relay.service';

/**
 * Starts the supplier ASN adapter: POST /asns (GS1 XML / UBL despatch advice), the receipt consumer on
 * lot.movements.v1 (consumer group asn-adapter), GET /asns/:key, /discrepancies, and the outbox relay.
 */
export async function startAsnAdapter(port = Number(process.env['ASN_ADAPTER_PORT'] ?? 3006), config: AsnAdapterConfig = asnConfigFromEnv()) {
  const app = await NestFactory.create(AsnAdapterModule.withConfig(config), { bodyParser: false, logger: logLevels() });
  app.enableShutdownHooks();
  // Bodies are taken as raw bytes, whatever their content type: the raw copy is kept byte for byte. The limit
  // sits above the reader's own (which answers with a clear ASN.TOO_LARGE and keeps the raw copy).
  app.use('/asns', raw({ type: () => true, limit: DEFAULT_MAX_ASN_BYTES + 1024 * 1024 }));
  app.connectMicroservice({ strategy: new KafkaAvroServer({ service: ASN_ADAPTER, groupId: config.groupId }) }, { inheritAppConfig: true });
  await app.startAllMicroservices();
  await app.listen(port, process.env['HOST'] ?? '127.0.0.1');
  return app;
}

if (require.main === module) {
  startAsnAdapter().catch((error) => {
    process.stderr.write(`asn-adapter failed to start: ${String(error)}\n`);
    process.exit(1);
  });
}

/** LOG_LEVELS=error,warn quiets the start-up lines (tests set it). */
function logLevels(): LogLevel[] {
  return (process.env['LOG_LEVELS'] ?? 'error,warn,log').split(',') as LogLevel[];
}
