/**
 * Lotbridge's main job, end to end: starts the sap-idoc-adapter, inventory, allocation, quality and traceability
 * services as their own processes against the infrastructure of `npm run infra:up`, posts SAP delivery IDocs (the
 * real samples of test/samples/idoc, the project's fixtures that carry batches, and one delivery with a lot of this
 * run's own), waits until every movement they produced is in stock and prints it; then allocates part of this run's
 * lot, recalls it (impact, lock through quality), shows allocation refusing it, and exports its EPCIS events and
 * the mock-recall balance. Run through `npm start` (scripts/demo.sh).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const ADAPTER = `http://127.0.0.1:${process.env['SAP_IDOC_ADAPTER_PORT'] ?? 3001}`;
const INVENTORY = `http://127.0.0.1:${process.env['INVENTORY_PORT'] ?? 3002}`;
const ALLOCATION = `http://127.0.0.1:${process.env['ALLOCATION_PORT'] ?? 3003}`;
const QUALITY = `http://127.0.0.1:${process.env['QUALITY_PORT'] ?? 3004}`;
const TRACEABILITY = `http://127.0.0.1:${process.env['TRACEABILITY_PORT'] ?? 3005}`;
const RUN = Date.now().toString(36).toUpperCase();
/** This run's own lot: the inbound fixture's first item under a fresh batch number, so every run can recall its own. */
const RUN_LOT = { item: '000000000000471100', batchNumber: `DEMO-${RUN}` };

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
  const apps = ['sap-idoc-adapter', 'inventory-service', 'allocation-service', 'quality-service', 'traceability-service'];
  const services = apps.map(startService);
  try {
    for (const url of [ADAPTER, INVENTORY, ALLOCATION, QUALITY, TRACEABILITY]) await waitFor(`${url}/health`, async () => ((await fetch(`${url}/health`)).ok ? true : undefined));

    const posted: Movement[] = [];
    for (const document of [...DOCUMENTS, 'this run\'s delivery']) {
      const idoc = document === 'this run\'s delivery' ? runDelivery() : readFileSync(join(ROOT, document));
      const response = await fetch(`${ADAPTER}/idocs`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: idoc });
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
    await recallDemo();
  } finally {
    for (const service of services) {
      service.removeAllListeners('exit');
      service.kill('SIGTERM');
    }
  }
}

/** The inbound delivery fixture under this run's own IDoc number, delivery number and batch of its first item. */
function runDelivery(): Buffer {
  const xml = readFileSync(join(ROOT, 'libs/sap-idoc/fixtures/inbound-delvry07-batches.xml'), 'utf8');
  const number = String(Date.now()).slice(-10);
  return Buffer.from(
    xml
      .replace('<DOCNUM>0000000233500001</DOCNUM>', `<DOCNUM>000000${number}</DOCNUM>`)
      .replaceAll('<VBELN>0180004711</VBELN>', `<VBELN>${number}</VBELN>`)
      .replace('<CHARG>0000012345</CHARG>', `<CHARG>${RUN_LOT.batchNumber}</CHARG>`),
  );
}

async function call<T>(url: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(url, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as T };
}

interface Decision { picks: Array<{ batchNumber: string; quantity: string }>; backordered: string; reasons: Array<{ batchNumber: string; verdict: string; code: string; detail?: string }> }

async function allocate(line: string): Promise<void> {
  const orderLine = { orderLineId: `DEMO-${RUN}|${line}`, item: RUN_LOT.item, quantity: '10', unit: 'KGM', warehouse: 'DE01', customer: 'DEMO', strategy: 'SPECIFIED_LOT', batchNumber: RUN_LOT.batchNumber };
  const { status, body } = await call<{ decision?: Decision; error?: string; message?: string }>(`${ALLOCATION}/order-lines`, orderLine);
  console.log(`\nPOST /order-lines (10 KGM of lot ${JSON.stringify(RUN_LOT.batchNumber)}) -> ${status} ${body.error ?? ''}${body.message ? `: ${body.message}` : ''}`);
  if (body.decision) console.table(body.decision.reasons.filter((reason) => reason.batchNumber === RUN_LOT.batchNumber).map((reason) => ({ batch: JSON.stringify(reason.batchNumber), verdict: reason.verdict, code: reason.code, backordered: body.decision?.backordered })));
}

/**
 * The reason Lotbridge exists, on this run's lot: allocate part of it, recall it (impact, open allocations, lock of
 * every affected lot through quality in one action), allocate again (refused), then the evidence: EPCIS events and
 * the mock-recall mass balance.
 */
async function recallDemo(): Promise<void> {
  await waitFor('quality to give this run\'s lot a status and allocation to learn its stock', async () => {
    const statuses = (await call<{ statuses: Array<{ status: string | null }> }>(`${QUALITY}/lots/statuses`, { lots: [RUN_LOT] })).body.statuses;
    const stock = (await call<unknown[]>(`${ALLOCATION}/stock?item=${encodeURIComponent(RUN_LOT.item)}`)).body;
    return statuses[0]?.status === 'released' && JSON.stringify(stock).includes(RUN_LOT.batchNumber) ? true : undefined;
  });
  await allocate('10');

  const opened = await call<{ recallId: string; impact: { lots: unknown[]; onHand: Array<{ locationKey: string; quantity: string; unit: string }> }; openAllocations: { available: boolean; reservations?: unknown[] } }>(`${TRACEABILITY}/recalls`, {
    lots: [RUN_LOT],
    reason: 'demo: the supplier reports a contaminated raw material',
    by: 'demo',
  });
  console.log(`\nPOST /recalls -> ${opened.status}: recall ${opened.body.recallId}, ${opened.body.impact.lots.length} affected lot(s), open allocations: ${opened.body.openAllocations.reservations?.length ?? 'unknown'}`);
  console.table(opened.body.impact.onHand.map((stock) => ({ location: stock.locationKey, 'on hand': stock.quantity, unit: stock.unit })));
  const locked = await call<{ state: string }>(`${TRACEABILITY}/recalls/${opened.body.recallId}/lock`, { by: 'demo' });
  console.log(`POST /recalls/${opened.body.recallId}/lock -> ${locked.status} ${locked.body.state}`);
  await allocate('20');

  // EPCIS names products by GTIN: the demo item's master data (what an ERP or PIM would set).
  await fetch(`${TRACEABILITY}/products/${RUN_LOT.item}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ gtin: '04012345000016', description: 'Demo raw material' }) });
  const epcis = await call<{ epcisBody: { eventList: Array<{ type: string; bizStep?: string }> } }>(`${TRACEABILITY}/exports/epcis?item=${encodeURIComponent(RUN_LOT.item)}&batchNumber=${encodeURIComponent(RUN_LOT.batchNumber)}`);
  console.log(`\nGET /exports/epcis -> ${epcis.status}: ${epcis.body.epcisBody.eventList.map((event) => `${event.type} ${event.bizStep ?? ''}`.trim()).join(', ')}`);
  const drill = await call<{ balanced: boolean; totals: Array<{ unit: string; percentAccounted: string; gap: string }> }>(`${TRACEABILITY}/recalls/${opened.body.recallId}/mock-recall`);
  console.log(`GET /recalls/${opened.body.recallId}/mock-recall -> ${drill.status}: ${drill.body.totals.map((total) => `${total.percentAccounted} % accounted (gap ${total.gap} ${total.unit})`).join('; ')}, balanced: ${drill.body.balanced}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
