/**
 * Lotbridge's main job, end to end: starts the sap-idoc-adapter, the inventory-service and the allocation-service as their own
 * processes against the infrastructure of `npm run infra:up`, posts SAP delivery IDocs (the real samples of
 * test/samples/idoc and the project's fixtures that carry batches), waits until every movement they produced
 * is in stock, prints the stock per lot and location, and asks allocation for one order line. Run through `npm start` (scripts/demo.sh).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const ADAPTER = `http://127.0.0.1:${process.env['SAP_IDOC_ADAPTER_PORT'] ?? 3001}`;
const INVENTORY = `http://127.0.0.1:${process.env['INVENTORY_PORT'] ?? 3002}`;
const ALLOCATION = `http://127.0.0.1:${process.env['ALLOCATION_PORT'] ?? 3003}`;

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
  const services = [startService('sap-idoc-adapter'), startService('inventory-service'), startService('allocation-service')];
  try {
    for (const url of [ADAPTER, INVENTORY, ALLOCATION]) await waitFor(`${url}/health`, async () => ((await fetch(`${url}/health`)).ok ? true : undefined));

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
    await allocateOne(stock.find((row) => lots.has(JSON.stringify([row.item, row.batchNumber])) && row.locationKey.startsWith('warehouse:')));
  } finally {
    for (const service of services) {
      service.removeAllListeners('exit');
      service.kill('SIGTERM');
    }
  }
}

/**
 * Asks the allocation service for part of one delivered lot's item (FEFO). Allocation asks quality for lot
 * statuses before it reserves anything: without a quality service at QUALITY_URL it answers 503 (fail closed),
 * and lots quality has never released are skipped with ALLOCATION.NO_LOT_STATUS.
 */
async function allocateOne(row: StockRow | undefined): Promise<void> {
  if (!row) return;
  const plant = row.locationKey.slice('warehouse:'.length).split(/[/#]/)[0] ?? '';
  await waitFor('allocation to learn the stock', async () => {
    const stock = (await (await fetch(`${ALLOCATION}/stock?item=${encodeURIComponent(row.item)}`)).json()) as unknown[];
    return stock.length > 0 ? true : undefined;
  });
  const orderLine = { orderLineId: `DEMO-${Date.now()}|10`, item: row.item, quantity: '1', unit: row.unit, warehouse: plant, customer: 'DEMO', strategy: 'FEFO' };
  const response = await fetch(`${ALLOCATION}/order-lines`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(orderLine) });
  const body = (await response.json()) as { decision?: { picks: unknown[]; backordered: string; reasons: Array<{ batchNumber: string; code: string; detail: string }> }; error?: string; message?: string };
  console.log(`\nPOST /order-lines ${JSON.stringify(orderLine)}\n  -> ${response.status} ${body.error ?? ''}${body.message ? `: ${body.message}` : ''}`);
  if (body.decision) console.table(body.decision.reasons.map((reason) => ({ batch: JSON.stringify(reason.batchNumber), code: reason.code, detail: reason.detail })));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
