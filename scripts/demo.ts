/**
 * Lotbridge's main job, end to end: starts the sap-idoc-adapter and the inventory-service as their own
 * processes against the infrastructure of `npm run infra:up`, posts SAP delivery IDocs (the real samples of
 * test/samples/idoc and the project's fixtures that carry batches), waits until every movement they produced
 * is in stock, and prints the stock per lot and location. Run through `npm start` (scripts/demo.sh).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const ADAPTER = `http://127.0.0.1:${process.env['SAP_IDOC_ADAPTER_PORT'] ?? 3001}`;
const INVENTORY = `http://127.0.0.1:${process.env['INVENTORY_PORT'] ?? 3002}`;

const DOCUMENTS = [
  ...readdirSync(join(ROOT, 'test/samples/idoc'))
    .filter((name) => name.includes('DESADV'))
    .map((name) => join('test/samples/idoc', name)),
  'libs/sap-idoc/fixtures/inbound-delvry07-batches.xml',
  'libs/sap-idoc/fixtures/inbound-delvry05-batches.xml',
  'libs/sap-idoc/fixtures/return-delvry07-batch.xml',
];

interface Movement { item: string; batchNumber: string; quantity: string; unit: string }
interface StockRow { item: string; batchNumber: string; locationKey: string; onHand: string; unit: string }

function startService(app: string): ChildProcess {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', `apps/${app}/src/main.ts`], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVELS: 'error,warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('exit', (code) => {
    if (code !== null && code !== 0) {
      process.stderr.write(`${app} exited with ${code}\n`);
      process.exit(1);
    }
  });
  return child;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function main(): Promise<void> {
  const services = [startService('sap-idoc-adapter'), startService('inventory-service')];
  try {
    for (const url of [ADAPTER, INVENTORY]) await waitFor(`${url}/health`, async () => ((await fetch(`${url}/health`)).ok ? true : undefined));

    const posted: Movement[] = [];
    for (const document of DOCUMENTS) {
      const response = await fetch(`${ADAPTER}/idocs`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: readFileSync(join(ROOT, document)) });
      const body = (await response.json()) as { status: string; movements?: Movement[]; skippedItems?: unknown[]; message?: string };
      console.log(`POST /idocs ${document}\n  -> ${response.status} ${body.status}: ${body.movements?.length ?? 0} movements, ${body.skippedItems?.length ?? 0} items skipped${body.message ? ` (${body.message})` : ''}`);
      posted.push(...(body.movements ?? []));
    }

    // Each lot posted must show up in stock; a repeated run posts duplicates, which change nothing.
    const stock = await waitFor('the movements to reach stock', async () => {
      const rows = (await (await fetch(`${INVENTORY}/stock`)).json()) as StockRow[];
      return posted.every((movement) => rows.some((row) => row.item === movement.item && row.batchNumber === movement.batchNumber)) ? rows : undefined;
    });
    // The installation may hold other stock (earlier runs, tests): print the lots these documents name.
    const lots = new Set(posted.map((movement) => JSON.stringify([movement.item, movement.batchNumber])));
    console.log('\nStock of the lots these IDocs delivered, per location (GET /stock):');
    console.table(stock.filter((row) => lots.has(JSON.stringify([row.item, row.batchNumber]))).map((row) => ({ item: row.item, batch: JSON.stringify(row.batchNumber), location: row.locationKey, 'on hand': row.onHand, unit: row.unit })));
  } finally {
    for (const service of services) {
      service.removeAllListeners('exit');
      service.kill('SIGTERM');
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
