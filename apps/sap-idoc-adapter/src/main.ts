import 'reflect-metadata';
import { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { raw } from 'express';
import { DEFAULT_MAX_IDOC_BYTES } from '@lotbridge/sap-idoc';
import { SapIdocAdapterModule } from './app.module';

/** Starts the SAP IDoc adapter's HTTP endpoint (POST /idocs) and its outbox relay. */
export async function startSapIdocAdapter(port = Number(process.env['SAP_IDOC_ADAPTER_PORT'] ?? 3001)) {
  const app = await NestFactory.create(SapIdocAdapterModule, { bodyParser: false, logger: logLevels() });
  app.enableShutdownHooks();
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
