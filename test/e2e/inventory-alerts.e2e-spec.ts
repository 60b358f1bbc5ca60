import { randomUUID } from 'node:crypto';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { INestApplication } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { Alert, TOPICS, lotKey } from '@lotbridge/contracts';
import { Location, LotMovement, MovementKind, warehouse } from '@lotbridge/lot';
import { toMovementContract } from '@lotbridge/lot-contracts';
import { ContractProducer, ContractRegistry, createKafka, ensureTopics } from '@lotbridge/messaging';
import { eventually } from '@lotbridge/testing';
import { startInventoryService } from '../../apps/inventory-service/src/main';

/**
 * Alerts on the real pipes, with the service's clock moved by the test: near expiry (the item's horizon), expired,
 * slow-moving (no issue for N days) and below safety stock per item and plant, each raised once when its condition
 * starts and cleared once when it ends, on alerts.v1 and at GET /alerts. (Negative stock and parked issues:
 * inventory-ledger.e2e-spec.ts; count variances: inventory-counts.e2e-spec.ts.)
 */
const run = randomUUID().slice(0, 8);
const item = `ALR-${run}`;
const plant = `A${run}`;
const shelf = warehouse(plant, 'MAIN');
const supplier: Location = { kind: 'supplier', code: 'S1' };
const customer: Location = { kind: 'customer', code: 'C1' };
let now = new Date('2025-08-01T09:00:00Z');
let sequence = 0;

function movement(kind: MovementKind, batchNumber: string, quantity: string, from: Location, to: Location, occurredAt: string, extra: Partial<LotMovement> = {}): LotMovement {
  sequence += 1;
  return {
    movementId: `TEST:${run}|${sequence}|${kind}`,
    kind,
    item,
    batchNumber,
    quantity,
    unit: 'KGM',
    from,
    to,
    occurredAt,
    source: { system: `TEST:${run}`, document: `DOC-${sequence}`, line: '1' },
    ...extra,
  };
}

let kafka: Kafka;
let producer: ContractProducer;
let inventory: INestApplication;
const url = () => `http://127.0.0.1:${((inventory.getHttpServer() as Server).address() as AddressInfo).port}`;

async function publish(...movements: LotMovement[]): Promise<void> {
  await producer.send(TOPICS.lotMovements, movements.map((m) => ({ key: lotKey(m.item, m.batchNumber), messageId: m.movementId, value: toMovementContract(m) })));
}

async function put(path: string, body: unknown): Promise<number> {
  return (await fetch(`${url()}${path}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).status;
}

async function evaluateAt(instant: string): Promise<void> {
  now = new Date(instant);
  expect((await fetch(`${url()}/alerts/evaluate`, { method: 'POST' })).status).toBe(200);
}

type Row = { kind: string; batchNumber: string | null; location: string | null; clearedAt: string | null };
async function openAlerts(): Promise<Array<[string, string | null, string | null]>> {
  const rows = (await (await fetch(`${url()}/alerts?open=true&item=${encodeURIComponent(item)}`)).json()) as Row[];
  return rows.map((row) => [row.kind, row.batchNumber, row.location] as [string, string | null, string | null]).sort();
}

beforeAll(async () => {
  kafka = createKafka(`inventory-alerts-e2e-${run}`);
  producer = new ContractProducer(kafka, new ContractRegistry());
  await producer.connect();
  await ensureTopics(kafka, [TOPICS.lotMovements, TOPICS.alerts]);
  inventory = await startInventoryService(0, { databaseUrl: process.env['DATABASE_URL'] ?? '', groupId: 'inventory-service', clock: () => now, alertEvaluationIntervalMs: 0 });
  expect(await put(`/items/${item}/alert-settings`, { nearExpiryDays: 10, slowMovingDays: 30 })).toBe(200);
  expect(await put(`/items/${item}/safety-stock/${plant}`, { quantity: '50', unit: 'KGM' })).toBe(200);
});

afterAll(async () => {
  await inventory?.close();
  await producer?.disconnect();
});

describe('inventory alerts, raised once and cleared once', () => {
  it('raises below safety stock when the plant holds less than the level, and clears it when receipts bring it up', async () => {
    await evaluateAt('2025-08-01T09:00:00Z');
    await eventually(async () => expect(await openAlerts()).toEqual([['INVENTORY.BELOW_SAFETY_STOCK', null, `plant:${plant}`]]));
    await publish(movement('receipt', 'L1', '40', supplier, shelf, '2025-08-01T08:00:00Z', { expiryDate: '2025-08-20' }));
    await eventually(async () => expect(await openAlerts()).toEqual([['INVENTORY.BELOW_SAFETY_STOCK', null, `plant:${plant}`]]));
    await publish(movement('receipt', 'L2', '20', supplier, shelf, '2025-08-01T08:30:00Z', { expiryDate: '2026-12-31' }));
    await eventually(async () => expect(await openAlerts()).toEqual([]));
  });

  it('raises near expiry within the item\'s horizon, once however often it is evaluated, then expired instead', async () => {
    await evaluateAt('2025-08-09T09:00:00Z');
    expect(await openAlerts()).toEqual([]);
    await evaluateAt('2025-08-10T09:00:00Z');
    expect(await openAlerts()).toEqual([['INVENTORY.NEAR_EXPIRY', 'L1', null]]);
    await evaluateAt('2025-08-12T09:00:00Z');
    await evaluateAt('2025-08-20T23:00:00Z');
    expect(await openAlerts()).toEqual([['INVENTORY.NEAR_EXPIRY', 'L1', null]]);
    await evaluateAt('2025-08-21T00:00:01Z');
    expect(await openAlerts()).toEqual([['INVENTORY.EXPIRED', 'L1', null]]);
  });

  it('raises slow-moving after N days without an issue from the location, and clears it with the next issue', async () => {
    await evaluateAt('2025-08-30T09:00:00Z');
    expect(await openAlerts()).toEqual([['INVENTORY.EXPIRED', 'L1', null]]);
    await evaluateAt('2025-08-31T09:00:00Z');
    expect(await openAlerts()).toEqual([
      ['INVENTORY.EXPIRED', 'L1', null],
      ['INVENTORY.SLOW_MOVING', 'L1', `warehouse:${plant}/MAIN`],
      ['INVENTORY.SLOW_MOVING', 'L2', `warehouse:${plant}/MAIN`],
    ]);
    // the expired lot is scrapped and some of L2 delivered: expired and both slow-moving alerts end; the plant is
    // below its safety stock again (a new occurrence, a new alert)
    await publish(
      movement('scrap', 'L1', '40', shelf, { kind: 'scrap', code: plant }, '2025-08-31T10:00:00Z'),
      movement('delivery', 'L2', '5', shelf, customer, '2025-08-31T11:00:00Z'),
    );
    await eventually(async () => expect(await openAlerts()).toEqual([['INVENTORY.BELOW_SAFETY_STOCK', null, `plant:${plant}`]]));
  });

  it('publishes each raise and its clear on alerts.v1 under one alert id', async () => {
    const published = await alertsOnKafka(11);
    const byId = new Map<string, string[]>();
    for (const alert of published) byId.set(alert.alertId, [...(byId.get(alert.alertId) ?? []), `${alert.kind} ${alert.state}`]);
    expect([...byId.values()].map((states) => states.join(' / ')).sort()).toEqual([
      'INVENTORY.BELOW_SAFETY_STOCK RAISED',
      'INVENTORY.BELOW_SAFETY_STOCK RAISED / INVENTORY.BELOW_SAFETY_STOCK CLEARED',
      'INVENTORY.EXPIRED RAISED / INVENTORY.EXPIRED CLEARED',
      'INVENTORY.NEAR_EXPIRY RAISED / INVENTORY.NEAR_EXPIRY CLEARED',
      'INVENTORY.SLOW_MOVING RAISED / INVENTORY.SLOW_MOVING CLEARED',
      'INVENTORY.SLOW_MOVING RAISED / INVENTORY.SLOW_MOVING CLEARED',
    ]);
    expect(published.find((alert) => alert.kind === 'INVENTORY.NEAR_EXPIRY')?.at).toBe('2025-08-10T09:00:00.000Z');
  });
});

async function alertsOnKafka(count: number): Promise<Alert[]> {
  const registry = new ContractRegistry();
  const consumer = kafka.consumer({ groupId: `alerts-reader-${randomUUID()}` });
  const alerts: Alert[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic: TOPICS.alerts.name, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const alert = await registry.decode(TOPICS.alerts, message.value).catch(() => undefined);
      if (alert?.item === item) alerts.push(alert);
    },
  });
  try {
    return await eventually(() => {
      expect(alerts).toHaveLength(count);
      return alerts;
    });
  } finally {
    await consumer.disconnect();
  }
}
