import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { Client } from 'pg';
import { Alert, LotReservation, TOPICS, lotKey } from '@lotbridge/contracts';
import { addQuantities, Location, LotMovement, MovementKind, warehouse } from '@lotbridge/lot';
import { toMovementContract } from '@lotbridge/lot-contracts';
import { ContractProducer, ContractRegistry, createKafka, ensureTopics } from '@lotbridge/messaging';
import { eventually } from '@lotbridge/testing';
import { startInventoryService } from '../../apps/inventory-service/src/main';

/**
 * The inventory service on the real pipes, fed as the adapters feed it: lot movements on lot.movements.v1.
 * Each run uses its own items, so runs never see each other's stock.
 */
const run = randomUUID().slice(0, 8);
const item = (name: string) => `${name}-${run}`;
let sequence = 0;

function movement(kind: MovementKind, itemName: string, batchNumber: string, quantity: string, from: Location, to: Location, occurredAt: string): LotMovement {
  sequence += 1;
  return {
    movementId: `TEST:${run}|${sequence}|${kind}`,
    kind,
    item: item(itemName),
    batchNumber,
    quantity,
    unit: 'KGM',
    from,
    to,
    occurredAt,
    source: { system: `TEST:${run}`, document: `DOC-${sequence}`, line: '1' },
  };
}

const supplier: Location = { kind: 'supplier', code: 'S1' };
const customer: Location = { kind: 'customer', code: 'C1' };
const production: Location = { kind: 'production', code: 'PO-4711' };
const inTransit: Location = { kind: 'in-transit', code: 'TR-1' };
const scrap: Location = { kind: 'scrap', code: 'SCRAP' };
const loss: Location = { kind: 'inventory-loss', code: 'COUNT' };
const mainDE01 = warehouse('DE01', 'MAIN');
const binDE01 = warehouse('DE01', 'MAIN', 'A-01-03');
const mainDE02 = warehouse('DE02', 'MAIN');

interface StockRow { item: string; batchNumber: string; locationKey: string; onHand: string }

let kafka: Kafka;
let producer: ContractProducer;
let inventory: INestApplication;
const urlOf = (app: INestApplication) => `http://127.0.0.1:${((app.getHttpServer() as Server).address() as AddressInfo).port}`;

async function publish(...movements: LotMovement[]): Promise<void> {
  await producer.send(
    TOPICS.lotMovements,
    movements.map((m) => ({ key: lotKey(m.item, m.batchNumber), messageId: m.movementId, value: toMovementContract(m) })),
  );
}

async function stock(query: string, app = inventory): Promise<Array<[string, string, string]>> {
  const rows = (await (await fetch(`${urlOf(app)}/stock?${query}`)).json()) as StockRow[];
  return rows.map((row) => [row.batchNumber, row.locationKey, row.onHand]);
}

beforeAll(async () => {
  kafka = createKafka(`inventory-e2e-${run}`);
  producer = new ContractProducer(kafka, new ContractRegistry());
  await producer.connect();
  await ensureTopics(kafka, [TOPICS.lotMovements, TOPICS.alerts, TOPICS.lotReservations]);
  inventory = await startInventoryService(0);
});

afterAll(async () => {
  await inventory?.close();
  await producer?.disconnect();
});

describe('every kind of lot movement, double entry', () => {
  it('receipt, put-away, transfer through in-transit, production, split, merge, delivery, return, scrap and count adjustment', async () => {
    await publish(
      movement('receipt', 'RAW', 'R1', '500', supplier, mainDE01, '2025-03-01T08:00:00Z'),
      movement('put-away', 'RAW', 'R1', '100', mainDE01, binDE01, '2025-03-01T09:00:00Z'),
      movement('transfer-out', 'RAW', 'R1', '50', mainDE01, inTransit, '2025-03-02T08:00:00Z'),
      movement('transfer-in', 'RAW', 'R1', '50', inTransit, mainDE02, '2025-03-03T08:00:00Z'),
      movement('production-consumption', 'RAW', 'R1', '300', mainDE01, production, '2025-03-04T08:00:00Z'),
      movement('production-output', 'FIN', 'F1', '290', production, mainDE01, '2025-03-04T12:00:00Z'),
      movement('split', 'FIN', 'F1', '290', mainDE01, production, '2025-03-05T08:00:00Z'),
      movement('split', 'FIN', 'F1-A', '190', production, mainDE01, '2025-03-05T08:00:00Z'),
      movement('split', 'FIN', 'F1-B', '100', production, mainDE01, '2025-03-05T08:00:00Z'),
      movement('merge', 'FIN', 'F1-B', '100', mainDE01, production, '2025-03-06T08:00:00Z'),
      movement('merge', 'FIN', 'M1', '100', production, mainDE01, '2025-03-06T08:00:00Z'),
      movement('delivery', 'FIN', 'F1-A', '150', mainDE01, customer, '2025-03-07T08:00:00Z'),
      movement('customer-return', 'FIN', 'F1-A', '10', customer, mainDE01, '2025-03-08T08:00:00Z'),
      movement('scrap', 'FIN', 'F1-A', '5', mainDE01, scrap, '2025-03-09T08:00:00Z'),
      movement('count-adjustment', 'RAW', 'R1', '2.5', binDE01, loss, '2025-03-10T08:00:00Z'),
    );

    await eventually(async () =>
      expect(await stock(`item=${item('RAW')}`)).toEqual([
        ['R1', 'warehouse:DE01/MAIN', '50'],
        ['R1', 'warehouse:DE01/MAIN#A-01-03', '97.5'],
        ['R1', 'warehouse:DE02/MAIN', '50'],
      ]),
    );
    await eventually(async () =>
      expect(await stock(`item=${item('FIN')}`)).toEqual([
        ['F1-A', 'warehouse:DE01/MAIN', '45'],
        ['M1', 'warehouse:DE01/MAIN', '100'],
      ]),
    );
    // Double entry: over all locations, virtual ones included, every lot sums to zero.
    // (Balances of zero are not listed, so lots used up entirely, F1 and F1-B, may not appear.)
    const all = (await (await fetch(`${urlOf(inventory)}/stock?includeVirtual=true&item=${item('FIN')}`)).json()) as StockRow[];
    const byLot = new Map<string, string>();
    for (const row of all) byLot.set(row.batchNumber, addQuantities(byLot.get(row.batchNumber) ?? '0', row.onHand));
    expect(Object.fromEntries(byLot)).toMatchObject({ 'F1-A': '0', M1: '0' });
    expect([...byLot.values()].filter((sum) => sum !== '0')).toEqual([]);
  });

  it('answers stock as of any past instant, replayed from the ledger', async () => {
    const query = (at: string) => stock(`item=${item('RAW')}&asOf=${encodeURIComponent(at)}`);
    expect(await query('2025-03-01T08:30:00Z')).toEqual([['R1', 'warehouse:DE01/MAIN', '500']]);
    expect(await query('2025-03-02T12:00:00Z')).toEqual([
      ['R1', 'warehouse:DE01/MAIN', '350'],
      ['R1', 'warehouse:DE01/MAIN#A-01-03', '100'],
    ]);
    const inTransitOnly = await stock(`item=${item('RAW')}&asOf=2025-03-02T12:00:00Z&includeVirtual=true&location=${encodeURIComponent('in-transit:TR-1')}`);
    expect(inTransitOnly).toEqual([['R1', 'in-transit:TR-1', '50']]);
    expect((await fetch(`${urlOf(inventory)}/stock?asOf=yesterday`)).status).toBe(400);
  });
});

describe('an issue that arrives before its receipt (documents from different ERPs)', () => {
  it('strict plant: the issue is parked with an alert, posted when the receipt arrives, and the alert cleared', async () => {
    await publish(movement('delivery', 'OOO', 'L1', '30', mainDE01, customer, '2025-04-02T08:00:00Z'));
    await eventually(async () => expect((await getJson<Array<{ batchNumber: string }>>(`/parked-issues?item=${item('OOO')}`)).map((p) => p.batchNumber)).toEqual(['L1']));
    expect(await stock(`item=${item('OOO')}`)).toEqual([]);
    await eventually(async () => expect(await openAlerts(item('OOO'))).toEqual([['INVENTORY.ISSUE_PARKED', 'warehouse:DE01/MAIN']]));

    await publish(movement('receipt', 'OOO', 'L1', '100', supplier, mainDE01, '2025-04-01T08:00:00Z'));
    await eventually(async () => expect(await stock(`item=${item('OOO')}`)).toEqual([['L1', 'warehouse:DE01/MAIN', '70']]));
    expect(await getJson(`/parked-issues?item=${item('OOO')}`)).toEqual([]);
    await eventually(async () => expect(await openAlerts(item('OOO'))).toEqual([]));
  });

  it('allow-with-alert plant: stock goes negative with one alert (not one per issue), cleared when receipts cover it', async () => {
    const plant = `N${run}`;
    const negativeWarehouse = warehouse(plant, 'MAIN');
    const put = await fetch(`${urlOf(inventory)}/plants/${plant}/negative-stock-policy`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ policy: 'allow-with-alert' }) });
    expect(put.status).toBe(200);
    await publish(
      movement('delivery', 'NEG', 'L2', '10', negativeWarehouse, customer, '2025-05-01T08:00:00Z'),
      movement('delivery', 'NEG', 'L2', '5', negativeWarehouse, customer, '2025-05-01T09:00:00Z'),
    );
    await eventually(async () => expect(await stock(`item=${item('NEG')}`)).toEqual([['L2', `warehouse:${plant}/MAIN`, '-15']]));
    expect(await openAlerts(item('NEG'))).toEqual([['INVENTORY.NEGATIVE_STOCK', `warehouse:${plant}/MAIN`]]);

    await publish(movement('receipt', 'NEG', 'L2', '20', supplier, negativeWarehouse, '2025-05-01T07:00:00Z'));
    await eventually(async () => expect(await stock(`item=${item('NEG')}`)).toEqual([['L2', `warehouse:${plant}/MAIN`, '5']]));
    await eventually(async () => expect(await openAlerts(item('NEG'))).toEqual([]));

    const onKafka = await alertsOnKafka(item('NEG'), 2);
    expect(onKafka.map((alert) => [alert.kind, alert.state])).toEqual([
      ['INVENTORY.NEGATIVE_STOCK', 'RAISED'],
      ['INVENTORY.NEGATIVE_STOCK', 'CLEARED'],
    ]);
    expect(onKafka[0]!.alertId).toBe(onKafka[1]!.alertId);
  });

  it('refuses a plant policy it does not know, naming the allowed ones', async () => {
    const put = await fetch(`${urlOf(inventory)}/plants/DE01/negative-stock-policy`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ policy: 'lenient' }) });
    expect(put.status).toBe(400);
    expect(JSON.stringify(await put.json())).toContain('strict, allow-with-alert');
  });
});

// The replay reads the whole topic, which grows with every run on one checkout's broker, and these machines are shared.
const REPLAY_TIMEOUT_MS = 240_000;

describe('replay', () => {
  it('consuming the whole movement and reservation topics into an empty database gives exactly the stock and reservations of the live service', async () => {
    const live = process.env['DATABASE_URL']!;
    // a reservation and a later version of it, so that the replay has reservations to rebuild too
    const reservation = (version: number, quantity: string): LotReservation => ({
      reservationId: `${run}|replay`, version, orderLineId: `OL-${run}`, item: item('FIN'), batchNumber: 'M1',
      location: { kind: 'WAREHOUSE', code: 'DE01/MAIN', bin: null }, quantity, unit: 'KGM', state: 'RESERVED', reason: null,
      changedAt: `2025-03-20T0${version}:00:00.000Z`,
    });
    await producer.send(TOPICS.lotReservations, [1, 2].map((version) => ({ key: lotKey(item('FIN'), 'M1'), messageId: `${run}|replay|${version}`, value: reservation(version, `${version * 10}`) })));
    await eventually(async () => expect((await (await fetch(`${urlOf(inventory)}/stock?item=${item('FIN')}&batchNumber=M1`)).json())).toMatchObject([{ reserved: '20', available: '80' }]));
    const replayDatabase = `lotbridge_replay_${run}`;
    const replayUrl = withDatabase(live, replayDatabase);
    execFileSync(process.execPath, [join(__dirname, '../../scripts/db.js'), 'setup'], { env: { ...process.env, DATABASE_URL: replayUrl }, stdio: 'ignore' });
    const replay = await startInventoryService(0, { databaseUrl: replayUrl, groupId: `inventory-replay-${run}` });
    try {
      // Other suites keep producing movements meanwhile (jest runs the e2e files in parallel): compare once both
      // groups have caught up with the same end offsets, and again if new movements slipped in between.
      await eventually(async () => {
        for (const topic of [TOPICS.lotMovements.name, TOPICS.lotReservations.name]) {
          await caughtUp('inventory-service', topic);
          await caughtUp(`inventory-replay-${run}`, topic);
        }
        const [liveStock, replayedStock] = await Promise.all([balances(live), balances(replayUrl)]);
        expect(liveStock.length).toBeGreaterThan(0);
        expect(replayedStock).toEqual(liveStock);
        const [liveReserved, replayedReserved] = await Promise.all([reservations(live), reservations(replayUrl)]);
        expect(liveReserved.length).toBeGreaterThan(0);
        expect(replayedReserved).toEqual(liveReserved);
      }, { timeoutMs: REPLAY_TIMEOUT_MS });
    } finally {
      await replay.close();
      const admin = new Client({ connectionString: withDatabase(live, 'postgres') });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${replayDatabase}" WITH (FORCE)`);
      await admin.end();
    }
  }, REPLAY_TIMEOUT_MS + 30_000);
});

async function getJson<T>(path: string): Promise<T> {
  return (await (await fetch(`${urlOf(inventory)}${path}`)).json()) as T;
}

async function openAlerts(forItem: string): Promise<Array<[string, string | null]>> {
  const alerts = await getJson<Array<{ kind: string; location: string | null }>>(`/alerts?open=true&item=${encodeURIComponent(forItem)}`);
  return alerts.map((alert) => [alert.kind, alert.location]);
}

async function alertsOnKafka(forItem: string, count: number): Promise<Alert[]> {
  const registry = new ContractRegistry();
  const consumer = kafka.consumer({ groupId: `alerts-reader-${randomUUID()}` });
  const alerts: Alert[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic: TOPICS.alerts.name, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const alert = await registry.decode(TOPICS.alerts, message.value).catch(() => undefined);
      if (alert?.item === forItem) alerts.push(alert);
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

/** Waits until a consumer group has committed the end offset of every partition of a topic. */
async function caughtUp(groupId: string, topic: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await eventually(async () => {
      const ends = await admin.fetchTopicOffsets(topic);
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      for (const end of ends) {
        // -1: the group never committed there, which is caught up only for a partition with nothing to read
        const offset = committed!.partitions.find((p) => p.partition === end.partition)?.offset;
        expect({ partition: end.partition, offset: offset === '-1' ? end.low : offset }).toEqual({ partition: end.partition, offset: end.high });
      }
    }, { timeoutMs: REPLAY_TIMEOUT_MS });
  } finally {
    await admin.disconnect();
  }
}

async function balances(databaseUrl: string): Promise<unknown[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ item: string; batch_number: string; location_key: string; on_hand: string }>(
      'SELECT item, batch_number, location_key, on_hand::text FROM inventory_service.stock_balance WHERE on_hand <> 0 ORDER BY item, batch_number, location_key',
    );
    return result.rows;
  } finally {
    await client.end();
  }
}

/** Every reservation's current state: what it holds of which lot location. */
async function reservations(databaseUrl: string): Promise<unknown[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<Record<string, string>>(
      'SELECT reservation_id, version::text, item, batch_number, location_key, held::text, state FROM inventory_service.stock_reservation ORDER BY reservation_id',
    );
    return result.rows;
  } finally {
    await client.end();
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
