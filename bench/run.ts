/**
 * `npm run bench`: Lotbridge's benchmark. Every figure stands beside a baseline measured in the same run on the
 * same machine, and the ratio is what to compare between runs (these machines are shared and noisy):
 *
 * 1. IDoc parsing and mapping (in process, one core): readDeliveryIdoc on a real-shaped DELVRY07 vs the
 *    baseline fast-xml-parser parse of the same bytes (the XML parse alone, no safety checks, no mapping).
 *    bench/sap.ts adds every SAP IDoc type the adapter reads (DELVRY07, MBGMCR03, WMMBID02, BATMAS03) and the
 *    outbound ALEAUD01 / BATMAS03 rendering, each beside its own baseline.
 *    ASN parsing and mapping likewise, GS1 XML and UBL despatch advices (bench/asn.ts).
 * 2. Allocation decisions (in process): decideAllocation FEFO over 200 candidate lot-locations vs the baseline
 *    of only sorting those candidates by expiry (the irreducible core of FEFO).
 * 2b. Allocation decisions per strategy in process vs a naive sort-everything allocator, and POST /order-lines
 *    end to end against the allocation-service vs GET /health round trips to it (bench/allocation.ts).
 * 3. Inventory movements applied end to end (real Kafka, registry, PostgreSQL): a fresh inventory-service
 *    consumer group with its own empty database applies the movement topic, vs the baseline of Kafka's own
 *    ConsumerPerformance reading the same topic.
 * 4. Trace and recall impact (bench/trace.ts): the in-memory genealogy vs a PostgreSQL recursive CTE over the same
 *    synthetic history. `npm run bench -- trace` runs only this one, `npm run bench -- trace --full` at 1.28 M lots
 *    and 10 M movements (the default history is 100 k lots).
 * 5. Inventory movements applied through the service's own path (ApplyMovementHandler in the Nest module, real
 *    PostgreSQL, no Kafka in between): batches of 200 consecutive movements in one transaction (what the consumer
 *    does) vs the baseline of one transaction per movement, on the same mix of receipts and put-aways.
 *
 * 4. Scans parsed and mapped to movements, and carrier events mapped (bench/carrier-scan.ts), each vs JSON.parse
 *    of the same bytes.
 *
 * 4. Kingdee and Yonyou document read+map (in process, one core) vs JSON.parse of the same bytes (bench/erp-documents.ts).
 *
 * Needs `npm run infra:up` (bench.sh does it).
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { Client } from 'pg';
import { CandidateStock, decideAllocation, OrderLine } from '@lotbridge/allocation';
import { TOPICS, lotKey } from '@lotbridge/contracts';
import { LotMovement, warehouse } from '@lotbridge/lot';
import { toMovementContract } from '@lotbridge/lot-contracts';
import { ContractProducer, ContractRegistry, createKafka, ensureTopics } from '@lotbridge/messaging';
import { readDeliveryIdoc } from '@lotbridge/sap-idoc';
import { NestFactory } from '@nestjs/core';
import { AlertEvaluator } from '../apps/inventory-service/src/alerts/alert-evaluator.service';
import { InventoryModule } from '../apps/inventory-service/src/app.module';
import { startInventoryService } from '../apps/inventory-service/src/main';
import { allocationEndToEnd, allocationInProcess } from './allocation';
import { ApplyMovementHandler } from '../apps/inventory-service/src/stock/apply-movement.handler';
import { asnParsing } from './asn';
import { carrierBenchmark, scanBenchmark } from './carrier-scan';
import { erpDocumentMapping } from './erp-documents';
import { measureRate, ratio } from './measure';
import { traceBenchmark } from './trace';
import { sapIdocBenchmarks } from './sap';

const ROOT = join(__dirname, '..');
const results: Array<Record<string, string | number>> = [];

function idocParsing(): void {
  const xml = readFileSync(join(ROOT, 'libs/sap-idoc/fixtures/inbound-delvry07-batches.xml'));
  const ours = measureRate(() => readDeliveryIdoc(xml));
  const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: false });
  const baseline = measureRate(() => parser.parse(xml));
  results.push(
    { benchmark: 'IDoc parse+map (DELVRY07, 8 items)', 'ours /s': Math.round(ours.perSecond), 'p50 µs': ours.p50Micros.toFixed(1), 'p99 µs': ours.p99Micros.toFixed(1), baseline: 'fast-xml-parser parse only', 'baseline /s': Math.round(baseline.perSecond), 'ours/baseline': ratio(ours.perSecond, baseline.perSecond) },
  );
}

function allocation(): void {
  const candidates: CandidateStock[] = Array.from({ length: 200 }, (_, n) => ({
    item: 'MAT-1',
    batchNumber: `B${String(n).padStart(4, '0')}`,
    location: warehouse('DE01', n % 2 ? 'MAIN' : 'COLD'),
    available: String(5 + (n % 7)),
    unit: 'KGM',
    receivedAt: new Date(Date.UTC(2025, 0, 1) + n * 3_600_000).toISOString(),
    expiryDate: new Date(Date.UTC(2026, 0, 1) + ((n * 37) % 400) * 86_400_000).toISOString().slice(0, 10),
    status: n % 11 === 0 ? 'on-hold' : 'released',
  }));
  let id = 0;
  const line = (): OrderLine => ({ orderLineId: `L${id++}`, item: 'MAT-1', quantity: '120', unit: 'KGM', warehouse: 'DE01', customer: 'C1', strategy: 'FEFO', minRemainingShelfLifeDays: 30, requestedAt: '2025-12-01T08:00:00Z' });
  const ours = measureRate(() => decideAllocation(line(), candidates));
  const baseline = measureRate(() => [...candidates].sort((a, b) => (a.expiryDate ?? '9999').localeCompare(b.expiryDate ?? '9999')));
  results.push(
    { benchmark: 'allocation decision FEFO (200 lot-locations)', 'ours /s': Math.round(ours.perSecond), 'p50 µs': ours.p50Micros.toFixed(1), 'p99 µs': ours.p99Micros.toFixed(1), baseline: 'sort by expiry only', 'baseline /s': Math.round(baseline.perSecond), 'ours/baseline': ratio(ours.perSecond, baseline.perSecond) },
  );
}

async function inventoryEndToEnd(movementCount: number): Promise<void> {
  const run = randomUUID().slice(0, 8);
  const kafka = createKafka(`bench-${run}`);
  const producer = new ContractProducer(kafka, new ContractRegistry());
  await producer.connect();
  await ensureTopics(kafka, [TOPICS.lotMovements, TOPICS.alerts]);
  const movements: LotMovement[] = Array.from({ length: movementCount }, (_, n) => ({
    movementId: `BENCH:${run}|${n}`,
    kind: 'receipt',
    item: `BENCH-${run}-${n % 50}`,
    batchNumber: `B${n % 500}`,
    quantity: '1.5',
    unit: 'KGM',
    from: { kind: 'supplier', code: 'S1' },
    to: warehouse('DE01', 'MAIN'),
    occurredAt: '2025-03-01T08:00:00Z',
    source: { system: `BENCH:${run}`, document: String(n), line: '1' },
  }));
  for (let i = 0; i < movements.length; i += 1000) {
    await producer.send(TOPICS.lotMovements, movements.slice(i, i + 1000).map((m) => ({ key: lotKey(m.item, m.batchNumber), messageId: m.movementId, value: toMovementContract(m) })));
  }
  await producer.disconnect();
  const admin = kafka.admin();
  await admin.connect();
  const topicMessages = (await admin.fetchTopicOffsets(TOPICS.lotMovements.name)).reduce((sum, partition) => sum + Number(partition.high) - Number(partition.low), 0);

  // Ours: a new consumer group with its own empty database applies the whole topic.
  const live = process.env['DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/lotbridge';
  const database = `lotbridge_bench_${run}`;
  const url = new URL(live);
  url.pathname = `/${database}`;
  execFileSync(process.execPath, [join(ROOT, 'scripts/db.js'), 'setup'], { env: { ...process.env, DATABASE_URL: url.toString() }, stdio: 'ignore' });
  const groupId = `inventory-bench-${run}`;
  const started = performance.now();
  const app = await startInventoryService(0, { databaseUrl: url.toString(), groupId });
  for (;;) {
    const [committed] = await admin.fetchOffsets({ groupId, topics: [TOPICS.lotMovements.name] });
    const done = (committed?.partitions ?? []).reduce((sum, partition) => sum + Math.max(0, Number(partition.offset)), 0);
    if (done >= topicMessages) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const seconds = (performance.now() - started) / 1000;
  await app.close();
  await admin.disconnect();
  const adminDb = new Client({ connectionString: new URL('/postgres', live).toString() });
  await adminDb.connect();
  await adminDb.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await adminDb.end();

  // Baseline: Kafka's own consumer reading the same topic from the same broker.
  const libs = join(process.env['LOTBRIDGE_CACHE'] ?? join(homedir(), '.cache/lotbridge'), 'kafka-4.1.1/libs/*');
  const output = execFileSync('java', ['-Xmx256m', '-cp', libs, 'org.apache.kafka.tools.ConsumerPerformance', '--bootstrap-server', process.env['KAFKA_BROKERS'] ?? '127.0.0.1:19092', '--topic', TOPICS.lotMovements.name, '--messages', String(topicMessages), '--group', `perf-${run}`, '--hide-header'], { encoding: 'utf8' });
  // columns: start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, ...
  const baselinePerSecond = Number(output.trim().split('\n').at(-1)?.split(',')[5]);
  const ours = topicMessages / seconds;
  results.push({
    benchmark: `inventory: movements applied end to end (${topicMessages} on the topic)`,
    'ours /s': Math.round(ours),
    'p50 µs': '-',
    'p99 µs': '-',
    baseline: 'Kafka ConsumerPerformance, same topic',
    'baseline /s': Math.round(baselinePerSecond),
    'ours/baseline': ratio(ours, baselinePerSecond),
  });
}

async function inventoryApplyPaths(movementCount: number): Promise<void> {
  const run = randomUUID().slice(0, 8);
  const live = process.env['DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/lotbridge';
  const database = `lotbridge_bench_apply_${run}`;
  const url = new URL(live);
  url.pathname = `/${database}`;
  execFileSync(process.execPath, [join(ROOT, 'scripts/db.js'), 'setup'], { env: { ...process.env, DATABASE_URL: url.toString() }, stdio: 'ignore' });
  const app = await NestFactory.createApplicationContext(InventoryModule.withConfig({ databaseUrl: url.toString(), groupId: `bench-${run}`, alertEvaluationIntervalMs: 0 }), { logger: ['error'] });
  await app.init();
  const handler = app.get(ApplyMovementHandler);
  const alerts = app.get(AlertEvaluator);
  // Per lot: a receipt into the warehouse, then a put-away of part of it to a bin (an issue: locked, checked, posted).
  const mix = (path: string): LotMovement[] =>
    Array.from({ length: movementCount }, (_, n) => {
      const lot = Math.floor(n / 2);
      const receipt = n % 2 === 0;
      return {
        movementId: `BENCH:${run}|${path}|${n}`,
        kind: receipt ? 'receipt' : 'put-away',
        item: `BENCH-${run}-${path}-${lot % 50}`,
        batchNumber: `B${lot}`,
        quantity: receipt ? '10' : '4',
        unit: 'KGM',
        from: receipt ? { kind: 'supplier', code: 'S1' } : warehouse('DE01', 'MAIN'),
        to: receipt ? warehouse('DE01', 'MAIN') : warehouse('DE01', 'MAIN', 'A-01'),
        occurredAt: '2025-03-01T08:00:00Z',
        source: { system: `BENCH:${run}`, document: `${path}-${n}`, line: '1' },
      } satisfies LotMovement;
    });
  const timed = async (work: () => Promise<void>): Promise<number> => {
    const started = performance.now();
    await work();
    await alerts.settled();
    return movementCount / ((performance.now() - started) / 1000);
  };
  const single = mix('single');
  const baseline = await timed(async () => {
    for (const movement of single) await handler.execute(movement.movementId, movement);
  });
  const batched = mix('batch');
  const ours = await timed(async () => {
    for (let i = 0; i < batched.length; i += 200) await handler.executeAll(batched.slice(i, i + 200).map((movement) => ({ messageId: movement.movementId, movement })));
  });
  await app.close();
  const adminDb = new Client({ connectionString: new URL('/postgres', live).toString() });
  await adminDb.connect();
  await adminDb.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await adminDb.end();
  results.push({
    benchmark: `inventory: movements applied in process (${movementCount}, receipts + put-aways)`,
    'ours /s': Math.round(ours),
    'p50 µs': '-',
    'p99 µs': '-',
    baseline: 'one transaction per movement',
    'baseline /s': Math.round(baseline),
    'ours/baseline': ratio(ours, baseline),
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const traceOrders = args.includes('--full') ? 255_000 : Number(process.env['BENCH_TRACE_ORDERS'] ?? 20_000);
  if (args.includes('trace')) {
    console.table(await traceBenchmark({ orders: traceOrders }));
    return;
  }
  idocParsing();
  results.push(...sapIdocBenchmarks());
  results.push(...asnParsing());
  allocation();
  results.push(...allocationInProcess());
  results.push(...(await allocationEndToEnd()));
  // BENCH_MOVEMENTS=0 skips the end-to-end run (it reads the whole movement topic, which grows with every test run)
  const endToEnd = Number(process.env['BENCH_MOVEMENTS'] ?? 5000);
  if (endToEnd > 0) await inventoryEndToEnd(endToEnd);
  await inventoryApplyPaths(Number(process.env['BENCH_APPLIED_MOVEMENTS'] ?? 4000));
  results.push(scanBenchmark(), ...carrierBenchmark(ROOT));
  erpDocumentMapping(results);
  console.table(results);
  console.table(await traceBenchmark({ orders: traceOrders }));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
