import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { IdocIntakeService } from '../idoc/idoc-intake.service';
import { SAP_ADAPTER_CONFIG, type SapAdapterConfig } from '../sap-adapter.config';

export const PROCESSED = 'processed';
export const REJECTED = 'rejected';

/**
 * SAP_IDOC_DROP_DIR, polled: each file (an IDoc-XML written there by SAP's file port or a transfer job) goes
 * through the same intake as POST /idocs, then moves to processed/ (accepted or duplicate) or rejected/ with a
 * `<name>.error.json` beside it naming the problem. A file still being written (younger than the settle time),
 * hidden files and *.tmp / *.part are left alone; a failure of ours (database down) leaves the file in place for
 * the next poll, and the intake's duplicate check makes that retry harmless.
 */
@Injectable()
export class DropFolderService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(DropFolderService.name);
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;

  constructor(
    private readonly intake: IdocIntakeService,
    @Inject(SAP_ADAPTER_CONFIG) private readonly config: SapAdapterConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const dir = this.config.dropDir;
    if (!dir) return;
    await mkdir(join(dir, PROCESSED), { recursive: true });
    await mkdir(join(dir, REJECTED), { recursive: true });
    this.timer = setInterval(() => void this.poll(), this.config.dropIntervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.polling;
  }

  /** One pass over the folder; overlapping calls share the running pass. */
  poll(): Promise<void> {
    this.polling ??= this.pass().finally(() => (this.polling = undefined));
    return this.polling;
  }

  private async pass(): Promise<void> {
    const dir = this.config.dropDir;
    if (!dir) return;
    const entries = await readdir(dir, { withFileTypes: true });
    const names = entries.filter((entry) => entry.isFile() && !entry.name.startsWith('.') && !/\.(tmp|part)$/i.test(entry.name)).map((entry) => entry.name);
    for (const name of names.sort()) {
      try {
        await this.take(dir, name);
      } catch (error) {
        this.logger.error(`drop folder: ${name} stays for the next poll: ${String(error)}`);
      }
    }
  }

  private async take(dir: string, name: string): Promise<void> {
    const path = join(dir, name);
    const info = await stat(path);
    if (Date.now() - info.mtimeMs < this.config.dropSettleMs) return;
    const body = await readFile(path);
    const result = await this.intake.receive(body, 'application/xml');
    if (result.status === 'rejected') {
      const target = await freeName(join(dir, REJECTED), name);
      await writeFile(
        join(dir, REJECTED, `${target}.error.json`),
        `${JSON.stringify({ file: name, documentId: result.documentId, error: result.code, message: result.message, deadLetterId: result.deadLetterId, rejectedAt: new Date().toISOString() }, null, 2)}\n`,
      );
      await rename(path, join(dir, REJECTED, target));
      return;
    }
    await rename(path, join(dir, PROCESSED, await freeName(join(dir, PROCESSED), name)));
  }
}

/** The name itself, or with ".1", ".2" ... before it is taken: SAP reuses file names, nothing is overwritten. */
async function freeName(dir: string, name: string): Promise<string> {
  const taken = new Set(await readdir(dir));
  if (!taken.has(name)) return name;
  for (let n = 1; ; n++) if (!taken.has(`${name}.${n}`)) return `${name}.${n}`;
}
