import { randomUUID } from 'node:crypto';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { INestApplication } from '@nestjs/common';
import { LotStatusChanged, RecallCase, TOPICS } from '@lotbridge/contracts';
import { Client } from 'pg';
import { TraceScenario, eventually, traceScenario, withheld } from '@lotbridge/testing';
import { startQualityService } from '../../apps/quality-service/src/main';
import { startTraceabilityService } from '../../apps/traceability-service/src/main';
import { LotPipes, call, freePort, lotQuery } from './support/lot-pipes';

/**
 * Quality and traceability on the real pipes, both services in-process: the issue-4 scenario (supplier receipts →
 * production with two inputs → split → transfer → two two-legged customer deliveries) published on lot.movements.v1,
 * traced, held, recalled and drilled over HTTP; what the services publish is read back from Kafka.
 * Every scenario has its own items, documents and customers (a run id in each name).
 */
const run = randomUUID().slice(0, 8);
const pipes = new LotPipes();
let quality: INestApplication;
let traceability: INestApplication;
let qualityUrl: string;
let traceUrl: string;
let statusChanges: LotStatusChanged[];
let recallMessages: RecallCase[];
let database: Client;

type Lot = { item: string; batchNumber: string };
type TracedLot = { lot: Lot & { key: string }; depth: number; onHand: { locationKey: string; quantity: string; unit: string }[]; deliveries: { document: string; customer: string; quantity: string }[] };

const LONG = { timeoutMs: 90_000, intervalMs: 250 };
const ref = (lot: Lot) => ({ item: lot.item, batchNumber: lot.batchNumber });
const statusesOf = async (lots: Lot[]) => (await call<{ statuses: { item: string; batchNumber: string; status: string | null; onHold: boolean }[] }>(`${qualityUrl}/lots/statuses`, { lots: lots.map(ref) })).body.statuses;
const deliveriesOf = (traced: TracedLot) => traced.deliveries.map((delivery) => [delivery.document, delivery.customer, delivery.quantity]);

/** Publishes the movements and waits until both services have applied every one of them. */
async function published(scenario: TraceScenario, movements = scenario.all): Promise<void> {
  await pipes.publish(movements);
  const moved = (lot: Lot, into?: 'warehouse') => movements.some((movement) => movement.item === lot.item && movement.batchNumber === lot.batchNumber && (into === undefined || movement.to.kind === into));
  // quality gives a status to lots that arrived in a warehouse; traceability knows every lot that moved
  const arrived = Object.values(scenario.lots).filter((lot) => moved(lot, 'warehouse'));
  await eventually(async () => expect((await statusesOf(arrived)).filter((status) => status.status === null)).toEqual([]), LONG);
  // every movement stored by traceability (it joins the genealogy right after that commit) and applied by quality
  const ids = movements.map((movement) => movement.movementId);
  await eventually(async () => {
    const stored = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM traceability_service.trace_movement WHERE movement_id = ANY($1)', [ids]);
    const applied = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM quality_service.applied_message WHERE message_id = ANY($1)', [ids]);
    expect([stored.rows[0]?.n, applied.rows[0]?.n]).toEqual([ids.length, ids.length]);
  }, LONG);
}

beforeAll(async () => {
  await pipes.start();
  database = new Client({ connectionString: process.env['DATABASE_URL'] });
  await database.connect();
  const [qualityPort, tracePort, allocationPort] = [await freePort(), await freePort(), await freePort()];
  qualityUrl = `http://127.0.0.1:${qualityPort}`;
  traceUrl = `http://127.0.0.1:${tracePort}`;
  // nothing listens on allocationPort: the recall must report open allocations as unavailable, not fail
  traceability = await startTraceabilityService(tracePort, { qualityUrl, allocationUrl: `http://127.0.0.1:${allocationPort}`, callTimeoutMs: 2_000 });
  quality = await startQualityService(qualityPort, { traceabilityUrl: traceUrl });
  const ours = (item: string) => item.endsWith(run) || item.includes(`-${run}`);
  statusChanges = await pipes.collect(TOPICS.lotStatus, (change) => ours(change.item));
  recallMessages = await pipes.collect(TOPICS.traceRecalls, (recall) => recall.requestedLots.some((lot) => ours(lot.item)));
}, 120_000);

afterAll(async () => {
  await quality?.close();
  await traceability?.close();
  await pipes.stop();
  await database?.end();
});

describe('the complete scenario: trace, inspect, recall, drill', () => {
  const scenario = traceScenario(`${run}a`);
  const { R1, R2, F1, F1A, F1B } = scenario.lots;

  beforeAll(async () => {
    const plan = await call(`${qualityUrl}/items/${encodeURIComponent(R1.item)}/inspection-plan`, { required: true, characteristics: [{ name: 'moisture', unit: '%', upperLimit: '12.5' }] }, 'PUT');
    expect(plan.status).toBe(200);
    await published(scenario);
  }, 120_000);

  it('a receipt of an inspected item is quarantined with an inspection lot; the usage decision releases it', async () => {
    expect(await statusesOf([R1, R2, F1, F1A, F1B])).toEqual([
      { ...R1, status: 'quarantine', onHold: false },
      { ...R2, status: 'released', onHold: false },
      { ...F1, status: 'released', onHold: false },
      { ...F1A, status: 'released', onHold: false },
      { ...F1B, status: 'released', onHold: false },
    ]);
    const [inspection] = (await call<{ inspectionId: string; origin: string; movementId: string }[]>(`${qualityUrl}/inspections?${lotQuery(R1)}`)).body;
    expect(inspection).toMatchObject({ origin: 'receipt', movementId: scenario.movements.receiptR1.movementId });
    const refused = await call(`${qualityUrl}/inspections/${inspection!.inspectionId}/usage-decision`, { decision: 'accept', by: 'qm.meier', reason: 'looks fine' });
    expect(refused).toMatchObject({ status: 409, body: { code: 'QUALITY.INSPECTION_INCOMPLETE' } });
    expect((await call(`${qualityUrl}/inspections/${inspection!.inspectionId}/results`, { by: 'lab.li', results: [{ characteristic: 'moisture', value: '11.8' }] })).status).toBe(200);
    const decided = await call(`${qualityUrl}/inspections/${inspection!.inspectionId}/usage-decision`, { decision: 'accept', by: 'qm.meier', reason: 'within spec', certificateOfAnalysis: { reference: 'CoA-000815', issuedBy: scenario.suppliers.S1 } });
    expect(decided).toMatchObject({ status: 200, body: { decision: 'accept', status: 'released', certificateOfAnalysis: { reference: 'CoA-000815' } } });
    const status = await call<{ status: string; history: { status: string; changedBy: string; reason: string }[] }>(`${qualityUrl}/lots/status?${lotQuery(R1)}`);
    expect(status.body.status).toBe('released');
    expect(status.body.history.map((change) => [change.status, change.changedBy])).toEqual([['quarantine', `system:SAP:${scenario.run}`], ['released', 'qm.meier']]);
  });

  it('forward trace of a supplier lot: exactly the lots made from it, their stock and deliveries with documents', async () => {
    const { status, body } = await call<{ lots: TracedLot[] }>(`${traceUrl}/trace/forward?${lotQuery(R1)}`);
    expect(status).toBe(200);
    expect(body.lots.map((traced) => [traced.lot.item, traced.lot.batchNumber, traced.depth])).toEqual([
      [R1.item, R1.batchNumber, 0],
      [F1.item, F1.batchNumber, 1],
      [F1A.item, F1A.batchNumber, 2],
      [F1B.item, F1B.batchNumber, 2],
    ]);
    const [r1, f1, f1a, f1b] = body.lots;
    expect(r1!.onHand).toEqual([]);
    expect(f1!.onHand).toEqual([]);
    expect(f1a!.onHand).toEqual([expect.objectContaining({ locationKey: 'warehouse:DE02/MAIN', quantity: '250', unit: 'KGM' })]);
    expect(f1b!.onHand).toEqual([]);
    expect(deliveriesOf(f1a!)).toEqual([[scenario.documents.deliveryC1, scenario.customers.C1, '150']]);
    expect(deliveriesOf(f1b!)).toEqual([[scenario.documents.deliveryC2, scenario.customers.C2, '300']]);
  });

  it('backward trace of a delivered lot, by lot, by delivery document and by customer, reaches both supplier receipts', async () => {
    const expectedLots = [[F1B.item, F1B.batchNumber], [F1.item, F1.batchNumber], [R1.item, R1.batchNumber], [R2.item, R2.batchNumber]].sort();
    const receipts = [
      [scenario.documents.receiptR1, R1.batchNumber, '500', scenario.suppliers.S1, scenario.supplierBatchNumbers.R1],
      [scenario.documents.receiptR2, R2.batchNumber, '200', scenario.suppliers.S2, scenario.supplierBatchNumbers.R2],
    ];
    type Backward = { lots: { lot: Lot }[]; receipts: { document: string; lot: Lot; quantity: string; supplier: string; supplierBatchNumber?: string }[]; unreceivedOrigins: string[] };
    const check = (trace: Backward) => {
      expect(trace.lots.map((traced) => [traced.lot.item, traced.lot.batchNumber]).sort()).toEqual(expectedLots);
      expect(trace.receipts.map((receipt) => [receipt.document, receipt.lot.batchNumber, receipt.quantity, receipt.supplier, receipt.supplierBatchNumber]).sort()).toEqual(receipts);
      expect(trace.unreceivedOrigins).toEqual([]);
    };
    check((await call<Backward>(`${traceUrl}/trace/backward?${lotQuery(F1B)}`)).body);
    const byDocument = await call<{ document: string; deliveries: { lot: Lot; quantity: string }[]; trace: Backward }>(`${traceUrl}/trace/backward?document=${encodeURIComponent(scenario.documents.deliveryC2)}`);
    expect(byDocument.status).toBe(200);
    expect([...new Set(byDocument.body.deliveries.map((delivery) => `${delivery.lot.batchNumber}:${delivery.quantity}`))]).toEqual(['F1-B:300']);
    check(byDocument.body.trace);
    check((await call<Backward>(`${traceUrl}/trace/backward?customer=${encodeURIComponent(scenario.customers.C2)}`)).body);
  });

  it('forward by delivery document and by customer name the lots the customer got', async () => {
    const byDocument = await call<{ starts: Lot[]; lots: TracedLot[] }>(`${traceUrl}/trace/forward?document=${encodeURIComponent(scenario.documents.deliveryC1)}`);
    expect(byDocument.body.starts.map(ref)).toEqual([ref(F1A)]);
    const byCustomer = await call<{ lots: { lot: Lot }[] }>(`${traceUrl}/trace/forward?customer=${encodeURIComponent(scenario.customers.C1)}`);
    expect(byCustomer.body.lots.map((entry) => ref(entry.lot))).toEqual([ref(F1A)]);
    expect((await call(`${traceUrl}/trace/forward?item=x`)).body).toMatchObject({ code: 'TRACE.INVALID_QUERY' });
    expect((await call(`${traceUrl}/trace/forward?${lotQuery({ item: R1.item, batchNumber: '批次-001' })}`)).status).toBe(404);
  });

  it('a recall computes the impact, locks every affected lot in one action (recalled on lot.status.v1), tracks recoveries and balances to 100 %', async () => {
    const opened = await call<{ recallId: string; state: string; impact: { lots: TracedLot[]; onHand: { locationKey: string; quantity: string }[]; shipped: { customer: string; shipped: { quantity: string; documents: string[] }[] }[] }; openAllocations: { available: boolean } }>(
      `${traceUrl}/recalls`,
      { lots: [ref(R1)], reason: 'salmonella in raw lot', by: 'qm.meier' },
    );
    expect(opened.status).toBe(201);
    const { recallId, impact } = opened.body;
    expect(opened.body.state).toBe('open');
    expect(impact.lots.map((traced) => traced.lot.batchNumber)).toEqual([R1.batchNumber, 'F1', 'F1-A', 'F1-B']);
    expect(impact.onHand.map((stock) => [stock.locationKey, stock.quantity])).toEqual([['warehouse:DE02/MAIN', '250']]);
    expect(impact.shipped.map((shipment) => [shipment.customer, shipment.shipped.map((entry) => [entry.quantity, entry.documents])])).toEqual([
      [scenario.customers.C1, [['150', [scenario.documents.deliveryC1]]]],
      [scenario.customers.C2, [['300', [scenario.documents.deliveryC2]]]],
    ]);
    expect(opened.body.openAllocations).toMatchObject({ available: false });

    const locked = await call<{ state: string }>(`${traceUrl}/recalls/${recallId}/lock`, { by: 'qm.meier' });
    expect(locked).toMatchObject({ status: 200, body: { state: 'locked' } });
    // the lock is committed in quality before the answer: the statuses say so at once
    expect(await statusesOf([R1, F1, F1A, F1B, R2])).toEqual([
      { ...R1, status: 'recalled', onHold: true },
      { ...F1, status: 'recalled', onHold: true },
      { ...F1A, status: 'recalled', onHold: true },
      { ...F1B, status: 'recalled', onHold: true },
      { ...R2, status: 'released', onHold: false },
    ]);
    await eventually(() => {
      const recalled = statusChanges.filter((change) => change.status === 'RECALLED' && change.holdId !== null && change.reason.includes(recallId));
      expect(recalled.map((change) => `${change.item}|${change.batchNumber}`).sort()).toEqual([R1, F1, F1A, F1B].map((lot) => `${lot.item}|${lot.batchNumber}`).sort());
    });
    expect((await call(`${traceUrl}/recalls/${recallId}/lock`, { by: 'qm.meier' })).body).toMatchObject({ code: 'RECALL.INVALID_TRANSITION' });

    const notifications = await call<{ customers: { customer: string; deliveries: { document: string; batchNumber: string; quantity: string }[] }[] }>(`${traceUrl}/recalls/${recallId}/notifications`);
    expect(notifications.body.customers.map((customer) => [customer.customer, [...new Set(customer.deliveries.map((delivery) => delivery.document))]])).toEqual([
      [scenario.customers.C1, [scenario.documents.deliveryC1]],
      [scenario.customers.C2, [scenario.documents.deliveryC2]],
    ]);

    const recovered = await call<{ recovered: unknown[] }>(`${traceUrl}/recalls/${recallId}/recoveries`, { by: 'logistics', recoveries: [{ ...ref(F1A), quantity: '100', unit: 'KGM', recoveredFrom: scenario.customers.C1 }, { ...ref(F1A), quantity: '50', unit: 'KGM', recoveredFrom: scenario.customers.C1 }] });
    expect(recovered.body.recovered).toEqual([{ ...ref(F1A), quantity: '150', unit: 'KGM' }]);

    const drill = await call<{ balanced: boolean; totals: { unit: string; source: string; accounted: string; percentAccounted: string }[]; gaps: unknown[]; timeTaken: { impactMs: number; reportMs: number; openToLockMs: number } }>(`${traceUrl}/recalls/${recallId}/mock-recall`);
    expect(drill.body).toMatchObject({ balanced: true, gaps: [], totals: [{ unit: 'KGM', source: '1900', accounted: '1900', percentAccounted: '100' }] });
    expect(drill.body.timeTaken.impactMs).toBeGreaterThanOrEqual(0);
    expect(drill.body.timeTaken.openToLockMs).toBeGreaterThanOrEqual(0);

    expect((await call(`${traceUrl}/recalls/${recallId}/close`, { by: 'qm.meier', reason: 'all stock recovered or destroyed' })).body).toMatchObject({ state: 'closed' });
    await eventually(() => expect(recallMessages.filter((message) => message.recallId === recallId).map((message) => message.event)).toEqual(['OPENED', 'LOCKED', 'RECOVERY_RECORDED', 'CLOSED']));
    const closed = recallMessages.find((message) => message.recallId === recallId && message.event === 'CLOSED');
    expect(closed).toMatchObject({ state: 'CLOSED', recovered: [{ ...ref(F1A), quantity: '150', unit: 'KGM' }] });
    expect(closed!.affectedLots).toHaveLength(4);
  });
});

describe('a movement that never reached Lotbridge', () => {
  it('the mock-recall report shows the gap when the transfer into DE02 is withheld', async () => {
    const scenario = traceScenario(`${run}w`);
    await published(scenario, withheld(scenario, 'transferInF1A'));
    const opened = await call<{ recallId: string }>(`${traceUrl}/recalls`, { lots: [ref(scenario.lots.R1)], reason: 'mock recall drill', by: 'auditor' });
    const drill = await call<{ balanced: boolean; totals: { percentAccounted: string; gap: string }[]; gaps: { lot: Lot; gap: string }[] }>(`${traceUrl}/recalls/${opened.body.recallId}/mock-recall`);
    expect(drill.body.balanced).toBe(false);
    expect(drill.body.gaps.map((gap) => gap.lot.batchNumber)).toEqual(['F1-A']);
    expect(drill.body.totals[0]!.percentAccounted).not.toBe('100');
    expect(drill.body.totals[0]!.gap).not.toBe('0');
  });

  it('trace completeness names the shipped lots whose chain misses a supplier receipt', async () => {
    const scenario = traceScenario(`${run}c`);
    await published(scenario, withheld(scenario, 'receiptR2'));
    const { body } = await call<{ shippedWithoutReceipt: { lot: Lot; unreceivedOrigins: string[] }[] }>(`${traceUrl}/trace/completeness`);
    const ours = body.shippedWithoutReceipt.filter((finding) => finding.lot.item === scenario.lots.F1.item);
    expect(ours.map((finding) => [finding.lot.batchNumber, finding.unreceivedOrigins])).toEqual([
      ['F1-A', [JSON.stringify([scenario.lots.R2.item, scenario.lots.R2.batchNumber])]],
      ['F1-B', [JSON.stringify([scenario.lots.R2.item, scenario.lots.R2.batchNumber])]],
    ]);
  });
});

describe('one-click lock with cascade', () => {
  const scenario = traceScenario(`${run}h`);
  const { R1, R2, F1, F1A, F1B } = scenario.lots;

  beforeAll(async () => published(scenario), 120_000);

  it('holds the lot and every descendant in one action, publishes on-hold, and a release lifts all of it with its audit trail', async () => {
    const placed = await call<{ groupId: string; holds: { item: string; batchNumber: string; status: string }[]; cascade: { complete: boolean; descendants: number } }>(`${qualityUrl}/holds`, { ...ref(R2), reason: 'supplier S2 complaint', by: 'qm.meier', cascade: true });
    expect(placed.status).toBe(201);
    expect(placed.body.cascade).toMatchObject({ complete: true, descendants: 3 });
    expect(placed.body.holds.map((hold) => [hold.batchNumber, hold.status])).toEqual([[R2.batchNumber, 'on-hold'], ['F1', 'on-hold'], ['F1-A', 'on-hold'], ['F1-B', 'on-hold']]);
    expect((await statusesOf([R1, R2, F1, F1A, F1B])).map((status) => [status.status, status.onHold])).toEqual([['released', false], ['on-hold', true], ['on-hold', true], ['on-hold', true], ['on-hold', true]]);
    await eventually(() => {
      const held = statusChanges.filter((change) => change.holdId !== null && change.status === 'ON_HOLD' && change.item.includes(scenario.run));
      expect(held.map((change) => change.batchNumber).sort()).toEqual([R2.batchNumber, 'F1', 'F1-A', 'F1-B'].sort());
      expect(held.every((change) => change.changedBy === 'qm.meier' && change.previousStatus === 'RELEASED')).toBe(true);
    });

    const released = await call<{ released: { batchNumber: string; status: string }[] }>(`${qualityUrl}/holds/${placed.body.groupId}/release`, { by: 'qm.schulz', reason: 'complaint unfounded' });
    expect(released.status).toBe(200);
    expect(released.body.released.map((hold) => hold.status)).toEqual(['released', 'released', 'released', 'released']);
    expect((await statusesOf([R2, F1, F1A, F1B])).every((status) => status.status === 'released' && !status.onHold)).toBe(true);
    const history = await call<{ history: { status: string; changedBy: string; reason: string }[] }>(`${qualityUrl}/lots/status?${lotQuery(F1A)}`);
    expect(history.body.history.map((change) => [change.status, change.changedBy])).toEqual([['released', `system:SAP:${scenario.run}`], ['on-hold', 'qm.meier'], ['released', 'qm.schulz']]);
    expect(history.body.history[2]!.reason).toBe('complaint unfounded');
    expect((await call(`${qualityUrl}/holds/${placed.body.groupId}/release`, { by: 'qm.schulz', reason: 'again' })).body).toMatchObject({ code: 'QUALITY.ALREADY_RELEASED' });
  });

  it('when traceability cannot answer, the requested lot is held at once and the answer says the cascade is incomplete', async () => {
    // a second quality instance (own consumer group, same database) whose traceability is unreachable
    const deadTraceability = `http://127.0.0.1:${await freePort()}`;
    const isolated = await startQualityService(0, { traceabilityUrl: deadTraceability, traceTimeoutMs: 1_000, groupId: `quality-e2e-${run}` });
    try {
      const url = `http://127.0.0.1:${((isolated.getHttpServer() as Server).address() as AddressInfo).port}`;
      const placed = await call<{ holds: Lot[]; cascade: { complete: boolean; error?: { code: string } } }>(`${url}/holds`, { ...ref(R1), reason: 'smell', by: 'qm.meier', cascade: true });
      expect(placed.status).toBe(201);
      expect(placed.body.holds.map(ref)).toEqual([ref(R1)]);
      expect(placed.body.cascade).toMatchObject({ complete: false, error: { code: 'QUALITY.TRACE_UNAVAILABLE' } });
      expect((await statusesOf([R1, F1])).map((status) => status.status)).toEqual(['on-hold', 'released']);
    } finally {
      await isolated.close();
    }
  });

  it('refuses a hold without reason, naming the field', async () => {
    expect(await call(`${qualityUrl}/holds`, { ...ref(R2), by: 'qm.meier' })).toMatchObject({ status: 400, body: { code: 'QUALITY.INVALID_REQUEST', message: 'reason must be a non-empty string' } });
  });
});

describe('a split of a held lot', () => {
  const scenario = traceScenario(`${run}s`);
  const { R1, R2, F1, F1A, F1B } = scenario.lots;
  // as inventory's POST /splits writes them: every movement of the split names its input lot
  const named = (movement: (typeof scenario.all)[number]) => ({ ...movement, transformation: { ...movement.transformation!, inputs: [{ ...ref(F1), quantity: '700', unit: 'KGM' }] } });
  const beforeSplit = [scenario.movements.receiptR1, scenario.movements.receiptR2, scenario.movements.consumeR1, scenario.movements.consumeR2, scenario.movements.produceF1];
  const split = [named(scenario.movements.splitF1), named(scenario.movements.splitF1A), named(scenario.movements.splitF1B)];

  it('gives the sub-lots its hold (not a fresh released status), and releasing the hold releases them', async () => {
    await pipes.publish(beforeSplit);
    await eventually(async () => expect((await statusesOf([R1, R2, F1])).map((status) => status.status)).toEqual(['released', 'released', 'released']), LONG);
    // held without cascade before the split: the sub-lots do not exist yet for a cascade to reach
    const placed = await call<{ groupId: string }>(`${qualityUrl}/holds`, { ...ref(F1), reason: 'metal detector alarm', by: 'qm.meier' });
    expect(placed.status).toBe(201);

    await pipes.publish(split);
    await eventually(async () => expect((await statusesOf([F1A, F1B])).map((status) => [status.status, status.onHold])).toEqual([['on-hold', true], ['on-hold', true]]), LONG);
    const history = await call<{ history: { status: string; reason: string }[] }>(`${qualityUrl}/lots/status?${lotQuery(F1A)}`);
    expect(history.body.history.map((change) => change.status)).toEqual(['released', 'on-hold']);
    expect(history.body.history[1]!.reason).toContain(`metal detector alarm (inherited from ${F1.item}`);

    const released = await call<{ released: { batchNumber: string; status: string }[] }>(`${qualityUrl}/holds/${placed.body.groupId}/release`, { by: 'qm.schulz', reason: 'false alarm' });
    expect(released.body.released.map((hold) => [hold.batchNumber, hold.status]).sort()).toEqual([['F1', 'released'], ['F1-A', 'released'], ['F1-B', 'released']]);
    expect((await statusesOf([F1, F1A, F1B])).every((status) => status.status === 'released' && !status.onHold)).toBe(true);
  });
});

describe('a hold races status checks', () => {
  it('every status call that starts after the hold has committed sees on-hold', async () => {
    const scenario = traceScenario(`${run}r`);
    const lot = scenario.lots.R2;
    await published(scenario, [scenario.movements.receiptR2]);
    expect((await statusesOf([lot]))[0]).toMatchObject({ status: 'released', onHold: false });

    const observations: { startedAt: number; endedAt: number; status: string | null; onHold: boolean }[] = [];
    let holdCommittedAt = Number.POSITIVE_INFINITY;
    let stop = false;
    const checker = async () => {
      while (!stop) {
        const startedAt = performance.now();
        const [status] = await statusesOf([lot]);
        observations.push({ startedAt, endedAt: performance.now(), status: status!.status, onHold: status!.onHold });
        if (performance.now() > holdCommittedAt + 300) stop = true;
      }
    };
    const checkers = Array.from({ length: 4 }, checker);
    // let the checkers run a little before the hold, so that the race covers before, during and after
    await eventually(() => expect(observations.length).toBeGreaterThan(10));
    const hold = await call(`${qualityUrl}/holds`, { ...ref(lot), reason: 'race', by: 'qm.race' });
    holdCommittedAt = performance.now();
    expect(hold.status).toBe(201);
    await Promise.all(checkers);

    const after = observations.filter((observation) => observation.startedAt > holdCommittedAt);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((observation) => observation.status === 'on-hold' && observation.onHold)).toBe(true);
    // and never back: once a call has seen the hold, every call started after it sees it too
    const firstSeen = Math.min(...observations.filter((observation) => observation.onHold).map((observation) => observation.endedAt));
    expect(observations.filter((observation) => observation.startedAt > firstSeen).every((observation) => observation.onHold)).toBe(true);
    expect(observations.some((observation) => !observation.onHold)).toBe(true);
  });
});
