import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { LotReservation, TOPICS } from '@lotbridge/contracts';
import { TraceScenario, eventually, traceScenario } from '@lotbridge/testing';
import { startAllocationService } from '../../apps/allocation-service/src/main';
import { startQualityService } from '../../apps/quality-service/src/main';
import { startTraceabilityService } from '../../apps/traceability-service/src/main';
import { LotPipes, call, freePort, lotQuery } from './support/lot-pipes';

/**
 * Holds stop allocation, across the real services: quality, traceability and allocation in-process on the real
 * broker, registry and database. A recall of a raw-material lot locks the finished lot made from it, and from the
 * moment the lock is answered, allocation refuses that lot and releases what it had reserved of it.
 */
const run = randomUUID().slice(0, 8);
const pipes = new LotPipes();
const LONG = { timeoutMs: 90_000, intervalMs: 250 };
let quality: INestApplication;
let traceability: INestApplication;
let allocation: INestApplication;
let qualityUrl: string;
let traceUrl: string;
let allocationUrl: string;
let reservations: LotReservation[];

interface Decision {
  picks: Array<{ batchNumber: string; quantity: string }>;
  backordered: string;
  reasons: Array<{ batchNumber: string; verdict: string; code: string }>;
}

function orderLine(scenario: TraceScenario, line: string, quantity: string) {
  return { orderLineId: `SO-${scenario.run}|${line}`, item: scenario.lots.F1A.item, quantity, unit: 'KGM', warehouse: 'DE02', customer: `C-${scenario.run}`, strategy: 'FIFO' };
}

/** Publishes the scenario and waits until allocation holds F1-A's 250 kg in DE02 and quality has released it. */
async function stocked(scenario: TraceScenario): Promise<void> {
  await pipes.publish(scenario.all);
  const { F1A } = scenario.lots;
  await eventually(async () => {
    const stock = (await call<Array<{ batchNumber: string; onHand: string }>>(`${allocationUrl}/stock?item=${encodeURIComponent(F1A.item)}`)).body;
    expect(stock.map((row) => [row.batchNumber, row.onHand])).toEqual([[F1A.batchNumber, '250']]);
    const statuses = (await call<{ statuses: Array<{ status: string | null }> }>(`${qualityUrl}/lots/statuses`, { lots: [F1A] })).body.statuses;
    expect(statuses.map((status) => status.status)).toEqual(['released']);
  }, LONG);
}

beforeAll(async () => {
  await pipes.start();
  const [qualityPort, tracePort, allocationPort] = [await freePort(), await freePort(), await freePort()];
  qualityUrl = `http://127.0.0.1:${qualityPort}`;
  traceUrl = `http://127.0.0.1:${tracePort}`;
  allocationUrl = `http://127.0.0.1:${allocationPort}`;
  const databaseUrl = process.env['DATABASE_URL'] ?? '';
  traceability = await startTraceabilityService(tracePort, { qualityUrl, allocationUrl, callTimeoutMs: 5_000 });
  quality = await startQualityService(qualityPort, { traceabilityUrl: traceUrl });
  allocation = await startAllocationService(allocationPort, { databaseUrl, groupId: 'allocation-service', qualityUrl, qualityTimeoutMs: 5_000 });
  reservations = await pipes.collect(TOPICS.lotReservations, (reservation) => reservation.item.includes(run));
}, 120_000);

afterAll(async () => {
  await allocation?.close();
  await quality?.close();
  await traceability?.close();
  await pipes.stop();
});

it('a recall of the raw material locks the finished lot; allocation then refuses it and releases its reservation', async () => {
  const scenario = traceScenario(`${run}r`);
  const { R1, F1A } = scenario.lots;
  await stocked(scenario);

  const before = await call<{ decision: Decision }>(`${allocationUrl}/order-lines`, orderLine(scenario, '10', '100'));
  expect(before.status).toBe(201);
  expect(before.body.decision.picks.map((pick) => [pick.batchNumber, pick.quantity])).toEqual([[F1A.batchNumber, '100']]);

  const opened = await call<{ recallId: string; openAllocations: { available: boolean; reservations: Array<{ orderLineId?: string }> } }>(`${traceUrl}/recalls`, {
    lots: [{ item: R1.item, batchNumber: R1.batchNumber }],
    reason: 'salmonella in raw lot',
    by: 'qm.meier',
  });
  expect(opened.status).toBe(201);
  // the impact names the open allocation of the finished lot (asked of allocation-service)
  expect(opened.body.openAllocations.available).toBe(true);
  expect(opened.body.openAllocations.reservations.map((reservation) => reservation.orderLineId)).toEqual([`SO-${scenario.run}|10`]);
  const locked = await call<{ state: string }>(`${traceUrl}/recalls/${opened.body.recallId}/lock`, { by: 'qm.meier' });
  expect(locked).toMatchObject({ status: 200, body: { state: 'locked' } });

  // From the answer of the lock on, the lot is refused: quality is asked before every decision commits.
  const after = await call<{ decision: Decision }>(`${allocationUrl}/order-lines`, orderLine(scenario, '20', '50'));
  expect(after.status).toBe(201);
  expect(after.body.decision.picks).toEqual([]);
  expect(after.body.decision.backordered).toBe('50');
  expect(after.body.decision.reasons.filter((reason) => reason.batchNumber === F1A.batchNumber).map((reason) => reason.code)).toEqual(['ALLOCATION.LOT_RECALLED']);

  // The reservation made before the recall is released (allocation follows lot.status.v1) and published.
  await eventually(async () => {
    const line = (await call<{ reservations: Array<{ state: string }> }>(`${allocationUrl}/order-lines/${encodeURIComponent(`SO-${scenario.run}|10`)}`)).body;
    expect(line.reservations.map((reservation) => reservation.state)).toEqual(['RELEASED']);
    expect(reservations.filter((reservation) => reservation.orderLineId === `SO-${scenario.run}|10`).map((reservation) => reservation.state)).toContain('RELEASED');
  }, LONG);
  const audit = (await call<{ entries: Array<{ code: string }> }>(`${allocationUrl}/audit?${lotQuery(F1A)}`)).body.entries.map((entry) => entry.code);
  expect(audit).toEqual(expect.arrayContaining(['ALLOCATION.CHOSEN', 'ALLOCATION.LOT_RECALLED']));
});

it('a hold raced against allocations: no allocation asked after the hold was answered gets the lot', async () => {
  const scenario = traceScenario(`${run}h`);
  const { F1A } = scenario.lots;
  await stocked(scenario);

  // Three streams of 1 kg order lines run before, during and after the hold, until each stream has sent a few
  // after the hold was answered; every request notes when it was sent.
  let holdAnsweredAt = Number.POSITIVE_INFINITY;
  const hold = (async () => {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const placed = await call(`${qualityUrl}/holds`, { item: F1A.item, batchNumber: F1A.batchNumber, reason: 'foreign body found', by: 'qm.meier', cascade: false });
    holdAnsweredAt = performance.now();
    return placed;
  })();
  const answered: Array<{ sentAt: number; response: Awaited<ReturnType<typeof call<{ orderLineId: string; decision: Decision }>>> }> = [];
  const stream = async (name: string) => {
    for (let index = 0, sentAfterHold = 0; sentAfterHold < 3 && index < 100; index++) {
      const sentAt = performance.now();
      if (sentAt > holdAnsweredAt) sentAfterHold++;
      answered.push({ sentAt, response: await call<{ orderLineId: string; decision: Decision }>(`${allocationUrl}/order-lines`, orderLine(scenario, `${name}${index}`, '1')) });
    }
  };
  const [placed] = await Promise.all([hold, stream('A'), stream('B'), stream('C')]);
  expect(placed.status).toBe(201);

  const afterHold = answered.filter(({ sentAt }) => sentAt > holdAnsweredAt);
  expect(afterHold.length).toBeGreaterThan(0);
  for (const { response } of afterHold) {
    expect(response.status).toBe(201);
    expect(response.body.decision.picks).toEqual([]);
    expect(response.body.decision.reasons.find((reason) => reason.batchNumber === F1A.batchNumber)?.code).toBe('ALLOCATION.LOT_ON_HOLD');
  }
  // The race was live: lines decided before the hold got the lot; their reservations are released once the hold
  // reaches allocation (lot.status.v1).
  const beforeHold = answered.filter(({ response }) => response.body.decision.picks.length > 0);
  expect(beforeHold.length).toBeGreaterThan(0);
  await eventually(async () => {
    for (const { response } of beforeHold) {
      const { orderLineId } = response.body;
      const line = (await call<{ reservations: Array<{ state: string }> }>(`${allocationUrl}/order-lines/${encodeURIComponent(orderLineId)}`)).body;
      expect(line.reservations.map((reservation) => reservation.state)).toEqual(['RELEASED']);
    }
  }, LONG);
});
