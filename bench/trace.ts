/**
 * Trace benchmark (issue 4): a synthetic lot history built once and loaded both into the in-memory genealogy
 * (libs/genealogy, fed through `apply` like the movement stream) and into PostgreSQL (COPY into a schema of its own),
 * then forward and backward traces of sampled lots and the recall impact of a hub supplier lot, each beside a naive
 * PostgreSQL recursive-CTE over the same movements measured in the same run.
 *
 * Shape of the history, per production order: two new raw lots (receipt, put-away, transfer to the plant), six
 * inputs (the two new lots, three older raw lots partially, and every other order a sub-lot of an earlier order:
 * genealogies several levels deep), one finished lot, split into two sub-lots, each put away, transferred to a
 * distribution centre and shipped to four customers in two legs (goods issue to in-transit `<shipTo>/<delivery>`,
 * proof of delivery). Every 10th order returns part of one input to the warehouse (SAP 262). One hub supplier lot
 * (salt) goes into enough orders to reach at least 10 k descendant lots in the full run.
 *
 * Sizes: BENCH_TRACE_ORDERS (default 20 000: 100 k lots, 0.8 M movements); `--full` = 255 000 orders: 1.28 M lots,
 * 10.1 M movements.
 */
import { once } from 'node:events';
import { cpus, totalmem } from 'node:os';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Genealogy, lotKey } from '@lotbridge/genealogy';
import { Location, LotMovement, MovementKind, TransformationRole, movementIdFor, warehouse } from '@lotbridge/lot';
import { percentile } from './measure';

const SYSTEM = 'SAP:BENCH';
const UNIT = 'KGM';
const CUSTOMERS = 400;
const SUPPLIERS = 200;
const INPUTS_FROM_OLDER_RAW = 3;

/** A seeded generator (mulberry32): the same history on every run and in both stores. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Lot {
  item: string;
  batchNumber: string;
}

export interface History {
  orders: number;
  hub: Lot;
  /** lots to trace forward (raw) and backward (shipped sub-lots), sampled while generating */
  rawSamples: Lot[];
  shippedSamples: Lot[];
  events: () => Generator<LotMovement>;
}

export function syntheticHistory(orders: number): History {
  const hub: Lot = { item: 'RAW-SALT', batchNumber: 'HUB-0001' };
  const hubEvery = Math.max(5, Math.floor(orders / 4000));
  const rawSamples: Lot[] = [];
  const shippedSamples: Lot[] = [];
  const sampleEvery = Math.max(1, Math.floor(orders / 500));

  function* events(): Generator<LotMovement> {
    const next = random(42);
    const pick = (n: number) => Math.floor(next() * n);
    const base = Date.UTC(2024, 0, 1);
    let line = 0;
    const move = (kind: MovementKind, lot: Lot, quantity: string, from: Location, to: Location, at: number, document: string, transformation?: [string, TransformationRole], supplierBatchNumber?: string): LotMovement => {
      const source = { system: SYSTEM, document, line: String(++line) };
      return {
        movementId: movementIdFor(source, kind),
        kind,
        item: lot.item,
        batchNumber: lot.batchNumber,
        quantity,
        unit: UNIT,
        from,
        to,
        occurredAt: new Date(at).toISOString(),
        source,
        ...(supplierBatchNumber === undefined ? {} : { supplierBatchNumber }),
        ...(transformation ? { transformation: { transformationId: transformation[0], role: transformation[1] } } : {}),
      };
    };
    const receiving = warehouse('DE01', 'GR');
    const raw = warehouse('DE01', 'RAW');
    const transit: Location = { kind: 'in-transit', code: 'DE01>DE02' };
    const plant = warehouse('DE02', 'PROD');
    const production: Location = { kind: 'production', code: 'DE02' };
    const finished = warehouse('DE02', 'FG');
    const toDc: Location = { kind: 'in-transit', code: 'DE02>DE03' };
    const dc = warehouse('DE03', 'DC');
    const recentRaw: Lot[] = [];
    const recentSubs: Lot[] = [];

    yield move('receipt', hub, '1000000', { kind: 'supplier', code: 'S-SALT' }, plant, base, 'R-HUB', undefined, 'SALT-2023-11');
    for (let order = 0; order < orders; order++) {
      const at = base + 60_000 * (order + 1);
      const orderId = `PO-${order}`;
      const inputs: [Lot, string][] = [];
      for (let r = 0; r < 2; r++) {
        const lot = { item: `RAW-${pick(500)}`, batchNumber: `R${order}-${r}` };
        const supplier: Location = { kind: 'supplier', code: `S${pick(SUPPLIERS)}` };
        yield move('receipt', lot, '100', supplier, receiving, at, `GR-${order}`, undefined, `V${order}${r}`);
        yield move('put-away', lot, '100', receiving, raw, at, `TO-${order}-${r}`);
        yield move('transfer-out', lot, '100', raw, transit, at, `ST-${order}-${r}`);
        yield move('transfer-in', lot, '100', transit, plant, at, `ST-${order}-${r}`);
        inputs.push([lot, '40']);
        recentRaw.push(lot);
        if (order % sampleEvery === 0 && r === 0) rawSamples.push(lot);
      }
      if (recentRaw.length > 2000) recentRaw.splice(0, recentRaw.length - 2000);
      for (let o = 0; o < INPUTS_FROM_OLDER_RAW && recentRaw.length > 10; o++) inputs.push([recentRaw[pick(recentRaw.length - 2)] as Lot, '15']);
      if (order % 2 === 1 && recentSubs.length > 0) inputs.push([recentSubs.splice(pick(recentSubs.length), 1)[0] as Lot, '5']);
      if (order % hubEvery === 0) inputs.push([hub, '1']);
      let total = 0;
      for (const [lot, quantity] of inputs) {
        yield move('production-consumption', lot, quantity, plant, production, at, orderId, [orderId, 'input']);
        total += Number(quantity);
      }
      if (order % 10 === 0) {
        const [lot] = inputs[0] as [Lot, string];
        yield move('production-consumption', lot, '2', production, plant, at, orderId, [orderId, 'input']);
        total -= 2;
      }
      const product = { item: `FG-${pick(300)}`, batchNumber: `F${order}` };
      yield move('production-output', product, String(total), production, finished, at + 1000, orderId, [orderId, 'output']);
      const splitId = `SPLIT-${order}`;
      const splitting: Location = { kind: 'production', code: 'DE02/SPLIT' };
      yield move('split', product, String(total), finished, splitting, at + 2000, splitId, [splitId, 'input']);
      const halves = [Math.floor(total / 2), total - Math.floor(total / 2)];
      for (let s = 0; s < 2; s++) {
        const sub = { item: product.item, batchNumber: `F${order}-${s}` };
        const quantity = halves[s] as number;
        yield move('split', sub, String(quantity), splitting, finished, at + 2000, splitId, [splitId, 'output']);
        yield move('put-away', sub, String(quantity), finished, { ...finished, bin: 'A-01' }, at + 3000, `TO-F${order}-${s}`);
        yield move('transfer-out', sub, String(quantity), { ...finished, bin: 'A-01' }, toDc, at + 4000, `ST-F${order}-${s}`);
        yield move('transfer-in', sub, String(quantity), toDc, dc, at + 5000, `ST-F${order}-${s}`);
        const consumedLater = s === 1 && order % 2 === 0;
        if (consumedLater) recentSubs.push(sub);
        for (let c = 0; c < 4; c++) {
          const shipTo = `C${pick(CUSTOMERS)}`;
          const delivery = `80${order}${s}${c}`;
          const inTransit: Location = { kind: 'in-transit', code: `${shipTo}/${delivery}` };
          yield move('delivery', sub, '1', dc, inTransit, at + 6000, delivery);
          yield move('delivery', sub, '1', inTransit, { kind: 'customer', code: shipTo }, at + 86_400_000, delivery);
        }
        if (order % sampleEvery === 0 && s === 0) shippedSamples.push(sub);
      }
    }
  }
  return { orders, hub, rawSamples, shippedSamples, events };
}

const csvField = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
const place = (location: Location) => `${location.kind}:${location.code}${location.bin ? `#${location.bin}` : ''}`;

function csvLine(m: LotMovement): string {
  return [
    m.movementId,
    m.item,
    m.batchNumber,
    m.kind,
    place(m.from),
    place(m.to),
    m.quantity,
    m.unit,
    m.occurredAt,
    m.source.document,
    m.transformation?.transformationId ?? '',
    m.transformation?.role ?? '',
  ]
    .map(csvField)
    .join(',');
}

/** Forward: lots made from the lot, and every movement of each (what a service needs to answer like the genealogy). */
const FORWARD_CTE = `
WITH RECURSIVE lots(item, batch_number) AS (
  SELECT $1::text, $2::text
  UNION
  SELECT o.item, o.batch_number FROM lots l
  JOIN movement i ON i.item = l.item AND i.batch_number = l.batch_number AND i.role = 'input'
  JOIN movement o ON o.transformation_id = i.transformation_id AND o.role = 'output'
)
SELECT m.* FROM lots l JOIN movement m ON m.item = l.item AND m.batch_number = l.batch_number`;

const BACKWARD_CTE = `
WITH RECURSIVE lots(item, batch_number) AS (
  SELECT $1::text, $2::text
  UNION
  SELECT i.item, i.batch_number FROM lots l
  JOIN movement o ON o.item = l.item AND o.batch_number = l.batch_number AND o.role = 'output'
  JOIN movement i ON i.transformation_id = o.transformation_id AND i.role = 'input'
)
SELECT m.* FROM lots l JOIN movement m ON m.item = l.item AND m.batch_number = l.batch_number`;

/**
 * Recall impact in SQL, the same answer as the genealogy's summary: the affected lots, their balances per location
 * (double entry) where not zero at warehouses, in transit and at customers, and the shipment movements that name the
 * delivery and return documents per customer.
 */
const RECALL_CTE = `
WITH RECURSIVE lots(item, batch_number) AS (
  SELECT $1::text, $2::text
  UNION
  SELECT o.item, o.batch_number FROM lots l
  JOIN movement i ON i.item = l.item AND i.batch_number = l.batch_number AND i.role = 'input'
  JOIN movement o ON o.transformation_id = i.transformation_id AND o.role = 'output'
), postings AS (
  SELECT m.item, m.batch_number, m.to_location AS location, m.unit, m.quantity AS delta FROM lots l JOIN movement m USING (item, batch_number)
  UNION ALL
  SELECT m.item, m.batch_number, m.from_location, m.unit, -m.quantity FROM lots l JOIN movement m USING (item, batch_number)
)
SELECT 'balance' AS part, item, batch_number, location, unit, sum(delta) AS quantity, NULL AS document FROM postings
WHERE location LIKE 'warehouse:%' OR location LIKE 'customer:%' OR location LIKE 'in-transit:%'
GROUP BY item, batch_number, location, unit HAVING sum(delta) <> 0
UNION ALL
SELECT 'shipment', m.item, m.batch_number, m.to_location, m.unit, m.quantity, m.document FROM lots l JOIN movement m USING (item, batch_number)
WHERE m.kind = 'delivery' OR m.from_location LIKE 'customer:%'`;

interface Timing {
  p50: number;
  p99: number;
  max: number;
}

async function timeEach<T>(items: readonly T[], run: (item: T) => unknown): Promise<Timing> {
  const samples: number[] = [];
  for (const item of items) {
    const start = performance.now();
    await run(item);
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 0.5), p99: percentile(samples, 0.99), max: samples[samples.length - 1] ?? NaN };
}

const ms = (value: number) => value.toFixed(value < 10 ? 2 : 0);

export async function traceBenchmark(options: { orders: number }): Promise<Array<Record<string, string | number>>> {
  const history = syntheticHistory(options.orders);
  const schema = `bench_trace_${process.pid}`;
  const client = new Client({ connectionString: process.env['DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres' });
  await client.connect();
  // a run killed before its `finally` leaves its schema behind (a 10 M-movement one is gigabytes): drop those first
  const leftovers = await client.query<{ nspname: string }>("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'bench\\_trace\\_%'");
  for (const { nspname } of leftovers.rows) await client.query(`DROP SCHEMA IF EXISTS "${nspname}" CASCADE`);
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}; SET search_path TO ${schema}`);
  await client.query(`CREATE UNLOGGED TABLE movement (movement_id text, item text, batch_number text, kind text, from_location text, to_location text,
    quantity numeric(38, 6), unit text, occurred_at timestamptz, document text, transformation_id text, role text)`);
  try {
    // One pass over the history: every movement applied to the genealogy and written to the COPY stream.
    const genealogy = new Genealogy();
    const copy = client.query(copyFrom(`COPY movement FROM STDIN WITH (FORMAT csv)`));
    let chunk: string[] = [];
    let applySeconds = 0;
    let movements = 0;
    const started = performance.now();
    const flush = async () => {
      if (!copy.write(`${chunk.join('\n')}\n`)) await once(copy, 'drain');
      chunk = [];
    };
    for (const event of history.events()) {
      const t = performance.now();
      const outcome = genealogy.apply(event);
      applySeconds += (performance.now() - t) / 1000;
      if (outcome.outcome !== 'applied') throw new Error(`movement ${event.movementId} not applied: ${JSON.stringify(outcome)}`);
      chunk.push(csvLine(event));
      movements++;
      if (chunk.length === 20_000) await flush();
      if (movements % 1_000_000 === 0) console.error(`trace benchmark: ${movements / 1_000_000} M movements applied and copied (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
    if (chunk.length > 0) await flush();
    copy.end();
    await once(copy, 'finish');
    const loadSeconds = (performance.now() - started) / 1000;
    const indexStart = performance.now();
    await client.query(`CREATE INDEX movement_lot ON movement (item, batch_number); CREATE INDEX movement_transformation ON movement (transformation_id, role); ANALYZE movement`);
    const indexSeconds = (performance.now() - indexStart) / 1000;
    global.gc?.();
    const heapBytes = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const stats = genealogy.stats();

    const forwardKeys = history.rawSamples.map((lot) => lotKey(lot.item, lot.batchNumber));
    const backwardKeys = history.shippedSamples.map((lot) => lotKey(lot.item, lot.batchNumber));
    const hubKey = lotKey(history.hub.item, history.hub.batchNumber);
    // warm both sides with one pass over the same samples before measuring: the genealogy's code is optimised by the
    // JIT only after a few hundred traces (a service that runs is warm), PostgreSQL reads its pages into its buffers
    for (const key of forwardKeys) genealogy.forwardTrace(key);
    for (const lot of history.rawSamples) await client.query(FORWARD_CTE, [lot.item, lot.batchNumber]);
    for (const key of backwardKeys) genealogy.backwardTrace(key);
    for (const lot of history.shippedSamples) await client.query(BACKWARD_CTE, [lot.item, lot.batchNumber]);

    const forward = await timeEach(forwardKeys, (key) => genealogy.forwardTrace(key));
    const forwardSql = await timeEach(history.rawSamples, (lot) => client.query(FORWARD_CTE, [lot.item, lot.batchNumber]));
    const backward = await timeEach(backwardKeys, (key) => genealogy.backwardTrace(key));
    const backwardSql = await timeEach(history.shippedSamples, (lot) => client.query(BACKWARD_CTE, [lot.item, lot.batchNumber]));
    const hubRuns = Array.from({ length: 20 }, () => hubKey);
    for (const key of hubRuns.slice(0, 3)) genealogy.recallImpact([key]);
    await client.query(RECALL_CTE, [history.hub.item, history.hub.batchNumber]);
    const recall = await timeEach(hubRuns, (key) => genealogy.recallImpact([key]));
    const recallSql = await timeEach(hubRuns, () => client.query(RECALL_CTE, [history.hub.item, history.hub.batchNumber]));
    const impact = genealogy.recallImpact([hubKey]);
    const sqlLots = (await client.query(FORWARD_CTE.replace('SELECT m.* FROM lots l JOIN movement m ON m.item = l.item AND m.batch_number = l.batch_number', 'SELECT count(*) AS n FROM lots'), [history.hub.item, history.hub.batchNumber])).rows[0] as { n: string };
    if (Number(sqlLots.n) !== impact.lots.length) throw new Error(`the CTE finds ${sqlLots.n} lots from the hub, the genealogy ${impact.lots.length}`);
    // both sides answer the same question: the same delivery documents
    const sqlDocuments = new Set((await client.query<{ part: string; document: string | null }>(RECALL_CTE, [history.hub.item, history.hub.batchNumber])).rows.flatMap((row) => (row.part === 'shipment' && row.document !== null ? [row.document] : [])));
    const documents = new Set(impact.shipped.flatMap((customer) => customer.shipped.flatMap((line) => line.documents)));
    if (sqlDocuments.size !== documents.size || [...documents].some((document) => !sqlDocuments.has(document))) throw new Error(`the CTE finds ${sqlDocuments.size} delivery documents, the genealogy ${documents.size}`);

    const machine = `${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB`;
    console.log(
      `trace history: ${stats.lots} lots, ${stats.movements} movements, ${stats.transformations} transformations; hub lot reaches ${impact.lots.length - 1} descendants` +
        ` (${impact.shipped.length} customers, ${impact.onHand.length} locations); apply ${(movements / applySeconds / 1000).toFixed(0)} k movements/s,` +
        ` load incl. COPY ${loadSeconds.toFixed(0)} s, PostgreSQL indexes ${indexSeconds.toFixed(0)} s; genealogy heap+buffers ${(heapBytes / 2 ** 20).toFixed(0)} MiB` +
        ` (${(heapBytes / stats.movements).toFixed(0)} B/movement); ${machine}`,
    );
    const row = (benchmark: string, ours: Timing, baseline: Timing, baselineName: string) => ({
      benchmark,
      'ours p50 ms': ms(ours.p50),
      'ours p99 ms': ms(ours.p99),
      baseline: baselineName,
      'baseline p50 ms': ms(baseline.p50),
      'baseline p99 ms': ms(baseline.p99),
      'speed-up p50': `${(baseline.p50 / ours.p50).toFixed(1)}x`,
      'speed-up p99': `${(baseline.p99 / ours.p99).toFixed(1)}x`,
    });
    return [
      row(`forward trace, ${forwardKeys.length} raw lots (${stats.lots} lots / ${stats.movements} movements)`, forward, forwardSql, 'PostgreSQL recursive CTE'),
      row(`backward trace, ${backwardKeys.length} shipped lots`, backward, backwardSql, 'PostgreSQL recursive CTE'),
      row(`recall impact, hub lot (${impact.lots.length - 1} descendants), ${hubRuns.length} runs`, recall, recallSql, 'recursive CTE + balances and shipments in SQL'),
    ];
  } finally {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  }
}
