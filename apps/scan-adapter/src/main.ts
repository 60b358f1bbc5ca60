import 'reflect-metadata';
import { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { json, raw } from 'express';
import { ScanAdapterModule } from './app.module';
import { MAX_SCAN_REQUEST_BYTES } from './scans/scan-intake.service';

/** Starts the scan adapter: POST /scans/in, /scans/out, /scans/move, PUT/GET /items/gtin/:gtin, and its outbox relay. */
export async function startScanAdapter(port = Number(process.env['SCAN_ADAPTER_PORT'] ?? 3008)) {
  const app = await NestFactory.create(ScanAdapterModule, { bodyParser: false, logger: logLevels() });
  app.enableShutdownHooks();
  // Scans are taken as raw bytes (kept byte for byte); the limit sits above the reader's own (JSON.TOO_LARGE, kept).
  app.use('/scans', raw({ type: () => true, limit: MAX_SCAN_REQUEST_BYTES + 1024 * 1024 }));
  app.use('/items', json({ limit: '16kb' }));
  await app.listen(port, process.env['HOST'] ?? '127.0.0.1');
  return app;
}

if (require.main === module) {
  startScanAdapter().catch((error) => {
    process.stderr.write(`scan-adapter failed to start: ${String(error)}\n`);
    process.exit(1);
  });
}

/** LOG_LEVELS=error,warn quiets the start-up lines (tests set it). */
function logLevels(): LogLevel[] {
  return (process.env['LOG_LEVELS'] ?? 'error,warn,log').split(',') as LogLevel[];
}
