/**
 * Allocation benchmarks for `npm run bench` (called from bench/run.ts):
 * - in process: decideAllocation (the service's rules: eligibility, strategy order, reasons per lot, exact
 *   decimals) over realistic candidate sets, beside a naive allocator measured in the same run: filter released
 *   and unexpired, sort everything by the strategy key, take greedily with floating-point numbers, no reasons;
 * - end to end: POST /order-lines against a running allocation-service (real PostgreSQL, Kafka-fed stock, a
 *   quality stand-in over real HTTP), beside GET /health round trips to the same service in the same run.
 */
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { Server } from 'node:http';
import { AllocationStrategy, CandidateStock, decideAllocation, OrderLine } from '@lotbridge/allocation';
import { TOPICS, lotKey } from '@lotbridge/contracts';
import { LotMovement, warehouse } from '@lotbridge/lot';
import { toMovementContract } from '@lotbridge/lot-contracts';
import { ContractProducer, ContractRegistry, createKafka, ensureTopics } from '@lotbridge/messaging';
import { allocationConfigFromEnv } from '../apps/allocation-service/src/allocation.config';
import { startAllocationService } from '../apps/allocation-service/src/main';
import { measureRate, percentile, ratio } from './measure';

type Row = Record<string, string | number>;

/** An item's stock in one plant: `lots` lots, each at one or two locations, a few on hold, expiries spread over a year. */
function candidateSet(lots: number): CandidateStock[] {
  const stock: CandidateStock[] = [];
  for (let n = 0; n < lots; n++) {
    const lot = {
      item: 'MAT-1',
      batchNumber: `B${String(n).padStart(5, '0')}`,
      unit: 'KGM',
      receivedAt: new Date(Date.UTC(2025, 0, 1) + n * 3_600_000).toISOString(),
      expiryDate: new Date(Date.UTC(2026, 0, 1) + ((n * 37) % 365) * 86_400_000).toISOString().slice(0, 10),
      status: n % 11 === 0 ? ('on-hold' as const) : ('released' as const),
    };
    stock.push({ ...lot, location: warehouse('DE01', 'MAIN', `A-${n % 40}`), available: String(5 + (n % 7)) });
    if (n % 3 === 0) stock.push({ ...lot, location: warehouse('DE01', 'COLD'), available: '2.5' });
  }
  return stock;
}

/** The baseline: what a first attempt at FEFO/FIFO/LIFO looks like (no reasons, no exact decimals, no shelf-life detail). */
function naiveAllocate(line: OrderLine, candidates: readonly CandidateStock[]): Array<{ batchNumber: string; quantity: number }> {
  const eligible = candidates.filter((c) => c.status === 'released' && (c.expiryDate ?? '9999-12-31') >= (line.referenceDate ?? '2026-01-01'));
  const key = (c: CandidateStock) => (line.strategy === 'FEFO' ? (c.expiryDate ?? '9999-12-31') : c.receivedAt);
  eligible.sort((a, b) => (line.strategy === 'LIFO' ? key(b).localeCompare(key(a)) : key(a).localeCompare(key(b))));
  let remaining = Number(line.quantity);
  const picks: Array<{ batchNumber: string; quantity: number }> = [];
  for (const c of eligible) {
    if (remaining <= 0) break;
    const take = Math.min(remaining, Number(c.available));
    picks.push({ batchNumber: c.batchNumber, quantity: take });
    remaining -= take;
  }
  return picks;
}

export function allocationInProcess(): Row[] {
  const rows: Row[] = [];
  for (const [strategy, lots] of [['FEFO', 20], ['FEFO', 200], ['FIFO', 200], ['LIFO', 200]] as Array<[AllocationStrategy, number]>) {
    const candidates = candidateSet(lots);
    let id = 0;
    const line = (): OrderLine => ({ orderLineId: `L${id++}`, item: 'MAT-1', quantity: '60', unit: 'KGM', warehouse: 'DE01', customer: 'C1', strategy, minRemainingShelfLifeDays: 30, requestedAt: '2026-01-01T08:00:00Z', referenceDate: '2026-01-01' });
    const ours = measureRate(() => decideAllocation(line(), candidates));
    const baseline = measureRate(() => naiveAllocate(line(), candidates));
    rows.push({
      benchmark: `allocation decision in process, ${strategy}, ${candidates.length} lot-locations`,
      'ours /s': Math.round(ours.perSecond),
      'p50 µs': ours.p50Micros.toFixed(1),
      'p99 µs': ours.p99Micros.toFixed(1),
      baseline: 'naive sort-everything allocator (floats, no reasons)',
      'baseline /s': Math.round(baseline.perSecond),
      'ours/baseline': ratio(ours.perSecond, baseline.perSecond),
    });
  }
  return rows;
}

interface Latencies {
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/** Runs `request` back to back on `concurrency` connections for about `seconds`, timing each. */
async function measureHttp(request: () => Promise<void>, seconds: number, concurrency: number): Promise<Latencies> {
  for (let warm = 0; warm < 20; warm++) await request();
  const samples: number[] = [];
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const start = performance.now();
        await request();
        samples.push(performance.now() - start);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  samples.sort((a, b) => a - b);
  return { perSecond: samples.length / elapsed, p50Ms: percentile(samples, 0.5), p99Ms: percentile(samples, 0.99) };
}

/**
 * End to end: stock for `items` items (20 lots each, plenty on hand) reaches the service over lot.movements.v1;
 * then order lines of 1 KGM (FEFO, shelf life 30 days) are posted, spread over the items.
 */
export async function allocationEndToEnd(seconds = Number(process.env['BENCH_SECONDS'] ?? 5)): Promise<Row[]> {
  const run = randomUUID().slice(0, 8);
  const items = Array.from({ length: 8 }, (_, n) => `BENCH-ALLOC-${run}-${n}`);
  const quality = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const { lots } = JSON.parse(body) as { lots: Array<{ item: string; batchNumber: string }> };
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ statuses: lots.map((lot) => ({ ...lot, status: 'released', onHold: false })) }));
    });
  });
  await new Promise<void>((resolve) => quality.listen(0, '127.0.0.1', resolve));
  const qualityUrl = `http://127.0.0.1:${(quality.address() as AddressInfo).port}`;

  const kafka = createKafka(`bench-allocation-${run}`);
  const producer = new ContractProducer(kafka, new ContractRegistry());
  await producer.connect();
  await ensureTopics(kafka, [TOPICS.lotMovements]);
  const movements: LotMovement[] = items.flatMap((item, i) =>
    Array.from({ length: 20 }, (_, n) => ({
      movementId: `BENCH:${run}|${i}|${n}`,
      kind: 'receipt' as const,
      item,
      batchNumber: `B${n}`,
      quantity: '100000',
      unit: 'KGM',
      from: { kind: 'supplier' as const, code: 'S1' },
      to: warehouse('DE01', n % 2 ? 'MAIN' : 'COLD'),
      occurredAt: new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString(),
      expiryDate: new Date(Date.UTC(2026, 2, 1) + ((n * 37) % 365) * 86_400_000).toISOString().slice(0, 10),
      source: { system: `BENCH:${run}`, document: String(i), line: String(n) },
    })),
  );
  await producer.send(TOPICS.lotMovements, movements.map((m) => ({ key: lotKey(m.item, m.batchNumber), messageId: m.movementId, value: toMovementContract(m) })));
  await producer.disconnect();

  const app = await startAllocationService(0, { ...allocationConfigFromEnv(), qualityUrl });
  const base = `http://127.0.0.1:${((app.getHttpServer() as Server).address() as AddressInfo).port}`;
  const rows: Row[] = [];
  try {
    for (const item of items) {
      for (;;) {
        const stock = (await (await fetch(`${base}/stock?item=${encodeURIComponent(item)}`)).json()) as unknown[];
        if (stock.length === 20) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    let sequence = 0;
    const order = async () => {
      const n = sequence++;
      const response = await fetch(`${base}/order-lines`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ orderLineId: `BENCH-${run}-${n}`, item: items[n % items.length], quantity: '1', unit: 'KGM', warehouse: 'DE01', customer: 'C1', strategy: 'FEFO', minRemainingShelfLifeDays: 30, referenceDate: '2026-01-01' }),
      });
      if (response.status !== 201) throw new Error(`POST /order-lines answered ${response.status}: ${await response.text()}`);
    };
    const health = async () => {
      const response = await fetch(`${base}/health`);
      if (!response.ok) throw new Error(`GET /health answered ${response.status}`);
      await response.arrayBuffer();
    };
    for (const concurrency of [1, 4]) {
      const ours = await measureHttp(order, seconds, concurrency);
      const baseline = await measureHttp(health, seconds, concurrency);
      rows.push({
        benchmark: `allocation end to end: POST /order-lines (FEFO, 20 lots), ${concurrency} client${concurrency > 1 ? 's' : ''}`,
        'ours /s': Math.round(ours.perSecond),
        'p50 µs': (ours.p50Ms * 1000).toFixed(0),
        'p99 µs': (ours.p99Ms * 1000).toFixed(0),
        baseline: `GET /health round trip, same service, ${concurrency} client${concurrency > 1 ? 's' : ''}`,
        'baseline /s': Math.round(baseline.perSecond),
        'ours/baseline': ratio(ours.perSecond, baseline.perSecond),
      });
    }
  } finally {
    await app.close();
    await new Promise((resolve) => quality.close(resolve));
  }
  return rows;
}
