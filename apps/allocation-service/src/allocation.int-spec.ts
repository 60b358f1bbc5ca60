import { randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { INestApplication } from '@nestjs/common';
import { Consumer, Kafka } from 'kafkajs';
import { AllocationDecision } from '@lotbridge/allocation';
import { LotReservation, TOPICS, lotKey } from '@lotbridge/contracts';
import { addQuantities, compareQuantities, Location, LotMovement, warehouse } from '@lotbridge/lot';
import { toLotMasterContract, toMovementContract } from '@lotbridge/lot-contracts';
import { ContractProducer, ContractRegistry, createKafka, ensureTopics } from '@lotbridge/messaging';
import { eventually } from '@lotbridge/testing';
import { OrderLineView } from './allocation/order-lines.controller';
import { allocationConfigFromEnv } from './allocation.config';
import { startAllocationService } from './main';

/**
 * The allocation service on the real pipes: stock learnt from lot.movements.v1, statuses from a quality stand-in
 * that speaks the shared contract (POST /lots/statuses) over real HTTP, decisions over HTTP into PostgreSQL,
 * reservations read back from allocation.reservations.v1. Every test uses its own items (run id), so suites
 * producing on the same topics meanwhile do not matter.
 */
const run = randomUUID().slice(0, 8);
const item = (name: string) => `${name}-${run}`;
const MAIN = warehouse('DE01', 'MAIN');
const COLD = warehouse('DE01', 'COLD');
const supplier: Location = { kind: 'supplier', code: 'S1' };

type QualityStatus = 'quarantine' | 'released' | 'rejected' | 'on-hold' | 'recalled' | 'expired' | null;

/** The quality stand-in: statuses per lot, and a switch that makes it fail like a service that is down. */
const quality = { statuses: new Map<string, QualityStatus>(), down: false, calls: 0 };
let qualityServer: Server;
let kafka: Kafka;
let producer: ContractProducer;
let registry: ContractRegistry;
let reader: Consumer;
const published: LotReservation[] = [];
let app: INestApplication;
let base: string;
let sequence = 0;

function receipt(itemName: string, batchNumber: string, quantity: string, occurredAt: string, expiryDate?: string, to: Location = MAIN): LotMovement {
  sequence += 1;
  return {
    movementId: `TEST:${run}|${sequence}|receipt`,
    kind: 'receipt',
    item: item(itemName),
    batchNumber,
    quantity,
    unit: 'KGM',
    from: supplier,
    to,
    occurredAt,
    source: { system: `TEST:${run}`, document: `GR-${sequence}`, line: '1' },
    ...(expiryDate !== undefined && { expiryDate }),
  };
}

/** Publishes receipts, gives their lots a status at quality (released unless told otherwise) and waits until allocation has the stock. */
async function stockUp(movements: LotMovement[], statusOf: Record<string, QualityStatus> = {}): Promise<void> {
  for (const m of movements) quality.statuses.set(lotKey(m.item, m.batchNumber), m.batchNumber in statusOf ? (statusOf[m.batchNumber] ?? null) : 'released');
  await producer.send(TOPICS.lotMovements, movements.map((m) => ({ key: lotKey(m.item, m.batchNumber), messageId: m.movementId, value: toMovementContract(m) })));
  const items = [...new Set(movements.map((m) => m.item))];
  await eventually(async () => {
    for (const forItem of items) {
      const expected = movements.filter((m) => m.item === forItem).reduce((sum, m) => addQuantities(sum, m.quantity), '0');
      const rows = await getJson<Array<{ onHand: string }>>(`/stock?item=${encodeURIComponent(forItem)}`);
      expect(rows.reduce((sum, row) => addQuantities(sum, row.onHand), '0')).toBe(expected);
    }
  }, { timeoutMs: 60_000 });
}

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${base}${path}`);
  return (await response.json()) as T;
}

/** What the service answers: an order line view, a cancellation, or an error. */
type Answer = OrderLineView & { error?: string; message?: string; problems?: string[]; outcome?: string; released?: OrderLineView['reservations'] };

async function post(path: string, body?: unknown): Promise<{ status: number; body: Answer }> {
  const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Answer };
}

const decisionOf = (body: Answer): AllocationDecision => {
  if (!body.decision) throw new Error(`no decision in ${JSON.stringify(body)}`);
  return body.decision;
};

function orderLine(overrides: Record<string, unknown>) {
  return { orderLineId: `SO-${run}-${++sequence}|10`, unit: 'KGM', warehouse: 'DE01', customer: 'C1', referenceDate: '2026-01-01', requestedAt: '2026-01-01T08:00:00Z', ...overrides };
}

const picks = (body: Answer): Array<[string, string, string]> => decisionOf(body).picks.map((p) => [p.batchNumber, p.location.code, p.quantity]);
const reasons = (body: Answer): Array<[string, string]> => decisionOf(body).reasons.map((r) => [r.batchNumber, r.code]);

beforeAll(async () => {
  qualityServer = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    request.on('end', () => {
      quality.calls += 1;
      if (quality.down || request.url !== '/lots/statuses' || request.method !== 'POST') {
        response.writeHead(quality.down ? 500 : 404).end('{}');
        return;
      }
      const { lots } = JSON.parse(text) as { lots: Array<{ item: string; batchNumber: string }> };
      const statuses = lots.map((lot) => {
        const status = quality.statuses.get(lotKey(lot.item, lot.batchNumber)) ?? null;
        return { item: lot.item, batchNumber: lot.batchNumber, status, onHold: status === 'on-hold' };
      });
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ statuses }));
    });
  });
  await new Promise<void>((resolve) => qualityServer.listen(0, '127.0.0.1', resolve));
  const qualityUrl = `http://127.0.0.1:${(qualityServer.address() as AddressInfo).port}`;

  kafka = createKafka(`allocation-int-${run}`);
  registry = new ContractRegistry();
  producer = new ContractProducer(kafka, registry);
  await producer.connect();
  await ensureTopics(kafka, [TOPICS.lotMovements, TOPICS.lotMaster, TOPICS.lotStatus, TOPICS.lotReservations]);
  reader = kafka.consumer({ groupId: `reservations-reader-${run}` });
  await reader.connect();
  await reader.subscribe({ topic: TOPICS.lotReservations.name, fromBeginning: false });
  await reader.run({
    eachMessage: async ({ message }) => {
      const reservation = await registry.decode(TOPICS.lotReservations, message.value).catch(() => undefined);
      if (reservation?.item.endsWith(run)) published.push(reservation);
    },
  });

  app = await startAllocationService(0, { ...allocationConfigFromEnv(), qualityUrl, qualityTimeoutMs: 1_000 });
  base = `http://127.0.0.1:${((app.getHttpServer() as Server).address() as AddressInfo).port}`;
});

afterAll(async () => {
  await app?.close();
  await reader?.disconnect();
  await producer?.disconnect();
  await new Promise((resolve) => qualityServer?.close(resolve));
});

describe('strategies', () => {
  it('FEFO takes the earliest expiry first and skips a lot with too little shelf life left', async () => {
    await stockUp([
      receipt('FEFO', 'LATE', '50', '2025-01-01T08:00:00Z', '2026-09-30'),
      receipt('FEFO', 'SHORT', '50', '2025-02-01T08:00:00Z', '2026-01-20'),
      receipt('FEFO', 'EARLY', '30', '2025-03-01T08:00:00Z', '2026-04-30'),
    ]);
    const { status, body } = await post('/order-lines', orderLine({ item: item('FEFO'), quantity: '40', strategy: 'FEFO', minRemainingShelfLifeDays: 30 }));
    expect(status).toBe(201);
    expect(picks(body)).toEqual([['EARLY', 'DE01/MAIN', '30'], ['LATE', 'DE01/MAIN', '10']]);
    expect(reasons(body)).toEqual([['SHORT', 'ALLOCATION.SHORT_SHELF_LIFE'], ['EARLY', 'ALLOCATION.CHOSEN'], ['LATE', 'ALLOCATION.CHOSEN']]);
    expect(decisionOf(body).reasons[0]!.detail).toBe('expires 2026-01-20: 19 days left on 2026-01-01, order line needs 30');
    expect(decisionOf(body)).toMatchObject({ allocated: '40', backordered: '0', fullyAllocated: true });
    expect(body.reservations.map((r) => [r.batchNumber, r.quantity, r.state, r.version])).toEqual([['EARLY', '30', 'RESERVED', 1], ['LATE', '10', 'RESERVED', 1]]);
  });

  it('FIFO takes the oldest receipt first, LIFO the newest, and both backorder what eligible stock cannot cover', async () => {
    await stockUp([
      receipt('FIFO', 'OLD', '10', '2025-01-01T08:00:00Z'),
      receipt('FIFO', 'MID', '10', '2025-02-01T08:00:00Z', undefined, COLD),
      receipt('FIFO', 'NEW', '10', '2025-03-01T08:00:00Z'),
    ]);
    const fifo = await post('/order-lines', orderLine({ item: item('FIFO'), quantity: '15', strategy: 'FIFO' }));
    expect(picks(fifo.body)).toEqual([['OLD', 'DE01/MAIN', '10'], ['MID', 'DE01/COLD', '5']]);
    const lifo = await post('/order-lines', orderLine({ item: item('FIFO'), quantity: '20', strategy: 'LIFO' }));
    // NEW 10, then what FIFO left of MID (5); OLD is fully reserved
    expect(picks(lifo.body)).toEqual([['NEW', 'DE01/MAIN', '10'], ['MID', 'DE01/COLD', '5']]);
    expect(decisionOf(lifo.body)).toMatchObject({ allocated: '15', backordered: '5', fullyAllocated: false, backorderReason: { code: 'ALLOCATION.INSUFFICIENT_STOCK' } });
    expect(reasons(lifo.body)).toContainEqual(['OLD', 'ALLOCATION.NO_AVAILABLE_STOCK']);
  });

  it('SPECIFIED_LOT takes only the named batch number, byte for byte', async () => {
    await stockUp([receipt('SPEC', '批次-001 ', '8', '2025-01-01T08:00:00Z'), receipt('SPEC', '批次-001', '100', '2024-01-01T08:00:00Z')]);
    const { status, body } = await post('/order-lines', orderLine({ item: item('SPEC'), quantity: '10', strategy: 'SPECIFIED_LOT', batchNumber: '批次-001 ' }));
    expect(status).toBe(201);
    expect(picks(body)).toEqual([['批次-001 ', 'DE01/MAIN', '8']]);
    expect(reasons(body)).toContainEqual(['批次-001', 'ALLOCATION.NOT_SPECIFIED_LOT']);
    expect(decisionOf(body).backordered).toBe('2');
  });

  it('never allocates a lot that quality has no status for, or holds', async () => {
    await stockUp(
      [receipt('NOSTATUS', 'UNKNOWN', '10', '2025-01-01T08:00:00Z'), receipt('NOSTATUS', 'HELD', '10', '2025-01-02T08:00:00Z'), receipt('NOSTATUS', 'GOOD', '10', '2025-01-03T08:00:00Z')],
      { UNKNOWN: null, HELD: 'on-hold' },
    );
    const { body } = await post('/order-lines', orderLine({ item: item('NOSTATUS'), quantity: '20', strategy: 'FIFO' }));
    expect(reasons(body)).toEqual([['UNKNOWN', 'ALLOCATION.NO_LOT_STATUS'], ['HELD', 'ALLOCATION.LOT_ON_HOLD'], ['GOOD', 'ALLOCATION.CHOSEN']]);
    expect(decisionOf(body).backordered).toBe('10');
  });
});

describe('lot master data and customer constraints', () => {
  it('judges shelf life by the expiry date heard on lot.master.v1', async () => {
    await stockUp([receipt('MASTER', 'M1', '10', '2025-01-01T08:00:00Z'), receipt('MASTER', 'M2', '10', '2025-02-01T08:00:00Z')]);
    const lot = { item: item('MASTER'), batchNumber: 'M1', expiryDate: '2026-01-10', source: { system: `TEST:${run}`, document: 'LOT-1', line: '1' } };
    await producer.send(TOPICS.lotMaster, [{ key: lotKey(lot.item, lot.batchNumber), messageId: `TEST:${run}|master-M1`, value: toLotMasterContract(lot, '2025-01-01T09:00:00Z') }]);
    await eventually(async () => {
      const stock = await getJson<Array<{ batchNumber: string; expiryDate: string | null }>>(`/stock?item=${encodeURIComponent(item('MASTER'))}`);
      expect(stock.map((row) => [row.batchNumber, row.expiryDate])).toEqual([['M1', '2026-01-10'], ['M2', null]]);
    });
    const decision = decisionOf((await post('/order-lines', orderLine({ item: item('MASTER'), quantity: '5', strategy: 'FIFO', minRemainingShelfLifeDays: 30 }))).body);
    expect(decision.reasons.map((r) => [r.batchNumber, r.code])).toEqual([['M1', 'ALLOCATION.SHORT_SHELF_LIFE'], ['M2', 'ALLOCATION.CHOSEN']]);
    expect(decision.reasons[0]!.detail).toBe('expires 2026-01-10: 9 days left on 2026-01-01, order line needs 30');
  });

  it('applies the customer constraints: excluded lots, at most N lots per line', async () => {
    const customer = `C-${run}`;
    const put = await fetch(`${base}/customers/${encodeURIComponent(customer)}/constraints`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ excludedBatchNumbers: ['X1'], maxLotsPerLine: 1 }),
    });
    expect(put.status).toBe(200);
    await stockUp([receipt('CUST', 'X1', '10', '2025-01-01T08:00:00Z'), receipt('CUST', 'X2', '10', '2025-01-02T08:00:00Z'), receipt('CUST', 'X3', '10', '2025-01-03T08:00:00Z')]);
    const { body } = await post('/order-lines', orderLine({ item: item('CUST'), quantity: '15', strategy: 'FIFO', customer }));
    expect(reasons(body)).toEqual([['X1', 'ALLOCATION.EXCLUDED_FOR_CUSTOMER'], ['X2', 'ALLOCATION.CHOSEN'], ['X3', 'ALLOCATION.MAX_LOTS_REACHED']]);
    expect(decisionOf(body)).toMatchObject({ allocated: '10', backordered: '5', backorderReason: { code: 'ALLOCATION.MAX_LOTS_REACHED' } });
  });

  it('gives a single-lot-only line the first lot that covers it alone', async () => {
    await stockUp([receipt('SINGLE', 'S1', '5', '2025-01-01T08:00:00Z'), receipt('SINGLE', 'S2', '12', '2025-01-02T08:00:00Z')]);
    const { body } = await post('/order-lines', orderLine({ item: item('SINGLE'), quantity: '10', strategy: 'FIFO', singleLotOnly: true }));
    expect(reasons(body)).toEqual([['S1', 'ALLOCATION.SINGLE_LOT_TOO_SMALL'], ['S2', 'ALLOCATION.CHOSEN']]);
    expect(picks(body)).toEqual([['S2', 'DE01/MAIN', '10']]);
  });
});

describe('order lines', () => {
  it('is idempotent by order line id: the same request gets the first decision, a different one 409', async () => {
    await stockUp([receipt('IDEM', 'A', '10', '2025-01-01T08:00:00Z')]);
    const line = orderLine({ item: item('IDEM'), quantity: '4', strategy: 'FIFO' });
    const first = await post('/order-lines', line);
    const again = await post('/order-lines', { ...line, requestedAt: '2026-01-01T09:30:00Z' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const changed = await post('/order-lines', { ...line, quantity: '5' });
    expect(changed.status).toBe(409);
    expect(changed.body).toMatchObject({ error: 'ALLOCATION.ORDER_LINE_CONFLICT' });
    expect(changed.body.message).toContain('quantity "4", now "5"');
    const stock = await getJson<Array<{ reserved: string }>>(`/stock?item=${encodeURIComponent(item('IDEM'))}`);
    expect(stock.map((row) => row.reserved)).toEqual(['4']);
    expect(await getJson(`/order-lines/${encodeURIComponent(line.orderLineId)}`)).toEqual({ ...first.body });
  });

  it('decides an order line once when the same request arrives several times at once', async () => {
    await stockUp([receipt('SAMEID', 'A', '10', '2025-01-01T08:00:00Z')]);
    const line = orderLine({ item: item('SAMEID'), quantity: '3', strategy: 'FIFO' });
    const answers = await Promise.all(Array.from({ length: 6 }, () => post('/order-lines', line)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    for (const answer of answers) expect(answer.body).toEqual(answers[0]!.body);
    const stock = await getJson<Array<{ reserved: string }>>(`/stock?item=${encodeURIComponent(item('SAMEID'))}`);
    expect(stock.map((row) => row.reserved)).toEqual(['3']);
  });

  it('refuses an invalid order line with 400 naming each problem', async () => {
    const { status, body } = await post('/order-lines', { orderLineId: 'X', item: item('BAD'), quantity: 12.5, unit: 'KGM', warehouse: 'DE01/MAIN', customer: 'C1', strategy: 'FIFO' });
    expect(status).toBe(400);
    expect(body.error).toBe('ALLOCATION.INVALID_ORDER_LINE');
    expect(body.problems).toEqual(['quantity must be a string (exact decimal text, e.g. "12.5"), not 12.5']);
  });

  it('cancelling releases the reservations once, publishes the releases, and the stock is free again', async () => {
    await stockUp([receipt('CANCEL', 'A', '10', '2025-01-01T08:00:00Z')]);
    const line = orderLine({ item: item('CANCEL'), quantity: '10', strategy: 'FIFO' });
    expect(decisionOf((await post('/order-lines', line)).body).allocated).toBe('10');
    const blocked = await post('/order-lines', orderLine({ item: item('CANCEL'), quantity: '10', strategy: 'FIFO' }));
    expect(decisionOf(blocked.body).allocated).toBe('0');

    const cancelled = await post(`/order-lines/${encodeURIComponent(line.orderLineId)}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ outcome: 'cancelled', released: [{ batchNumber: 'A', quantity: '10', state: 'RELEASED', version: 2 }] });
    expect((await post(`/order-lines/${encodeURIComponent(line.orderLineId)}/cancel`)).body).toMatchObject({ outcome: 'already-cancelled', released: [] });
    expect((await post('/order-lines', line)).status).toBe(409);

    const after = await post('/order-lines', orderLine({ item: item('CANCEL'), quantity: '10', strategy: 'FIFO' }));
    expect(decisionOf(after.body).allocated).toBe('10');
    const onKafka = await eventually(() => {
      const mine = published.filter((r) => r.orderLineId === line.orderLineId).map((r) => [r.state, r.version, r.quantity]);
      expect(mine).toEqual([['RESERVED', 1, '10'], ['RELEASED', 2, '0']]);
      return mine;
    });
    expect(onKafka).toHaveLength(2);
    const audit = await getJson<{ entries: Array<{ verdict: string; code: string }> }>(`/audit?orderLine=${encodeURIComponent(line.orderLineId)}`);
    expect(audit.entries.map((e) => [e.verdict, e.code])).toEqual([['chosen', 'ALLOCATION.CHOSEN'], ['released', 'ALLOCATION.RELEASED_CANCELLED']]);
  });

  it('a cancel racing the first request of its order line leaves it cancelled with nothing reserved', async () => {
    await stockUp([receipt('RACECANCEL', 'A', '10', '2025-01-01T08:00:00Z')]);
    for (let round = 0; round < 3; round++) {
      const line = orderLine({ item: item('RACECANCEL'), quantity: '2', strategy: 'FIFO' });
      const [allocated, cancelled] = await Promise.all([post('/order-lines', line), post(`/order-lines/${encodeURIComponent(line.orderLineId)}/cancel`)]);
      expect([201, 409]).toContain(allocated.status);
      expect(cancelled.status).toBe(200);
      expect((await getJson<OrderLineView>(`/order-lines/${encodeURIComponent(line.orderLineId)}`)).status).toBe('cancelled');
    }
    expect((await getJson<Array<{ reserved: string }>>(`/stock?item=${encodeURIComponent(item('RACECANCEL'))}`)).map((row) => row.reserved)).toEqual(['0']);
  });

  it('fails closed with 503 when quality cannot answer, reserving nothing', async () => {
    await stockUp([receipt('QDOWN', 'A', '10', '2025-01-01T08:00:00Z')]);
    const line = orderLine({ item: item('QDOWN'), quantity: '5', strategy: 'FIFO' });
    quality.down = true;
    try {
      const { status, body } = await post('/order-lines', line);
      expect(status).toBe(503);
      expect(body.error).toBe('ALLOCATION.QUALITY_UNAVAILABLE');
    } finally {
      quality.down = false;
    }
    expect((await fetch(`${base}/order-lines/${encodeURIComponent(line.orderLineId)}`)).status).toBe(404);
    expect((await getJson<Array<{ reserved: string }>>(`/stock?item=${encodeURIComponent(item('QDOWN'))}`)).map((r) => r.reserved)).toEqual(['0']);
    expect((await post('/order-lines', line)).status).toBe(201);
  });
});

describe('lot status changes', () => {
  it('releases the open reservations of a lot that goes on hold and publishes the releases', async () => {
    await stockUp([receipt('HOLD', 'H1', '10', '2025-01-01T08:00:00Z'), receipt('HOLD', 'H2', '10', '2025-01-02T08:00:00Z')]);
    const line = orderLine({ item: item('HOLD'), quantity: '15', strategy: 'FIFO' });
    expect(picks((await post('/order-lines', line)).body)).toEqual([['H1', 'DE01/MAIN', '10'], ['H2', 'DE01/MAIN', '5']]);

    quality.statuses.set(lotKey(item('HOLD'), 'H1'), 'on-hold');
    await producer.send(TOPICS.lotStatus, [
      {
        key: lotKey(item('HOLD'), 'H1'),
        messageId: `TEST:${run}|hold-H1`,
        value: { changeId: `hold-H1-${run}`, item: item('HOLD'), batchNumber: 'H1', status: 'ON_HOLD', previousStatus: 'RELEASED', reason: 'complaint 4711', changedBy: 'qa', changedAt: new Date().toISOString(), holdId: `HOLD-${run}` },
      },
    ]);
    const view = await eventually(async () => {
      const body = await getJson<{ reservations: Array<{ batchNumber: string; state: string; reason: string | null }> }>(`/order-lines/${encodeURIComponent(line.orderLineId)}`);
      expect(body.reservations.map((r) => [r.batchNumber, r.state])).toEqual([['H1', 'RELEASED'], ['H2', 'RESERVED']]);
      return body;
    }, { timeoutMs: 30_000 });
    expect(view.reservations[0]?.reason).toBe('lot on-hold: complaint 4711');
    await eventually(() => expect(published.filter((r) => r.orderLineId === line.orderLineId && r.batchNumber === 'H1').map((r) => r.state)).toEqual(['RESERVED', 'RELEASED']));
    const audit = await getJson<{ entries: Array<{ orderLineId: string; code: string }> }>(`/audit?item=${encodeURIComponent(item('HOLD'))}&batchNumber=H1`);
    expect(audit.entries.map((e) => e.code)).toEqual(['ALLOCATION.CHOSEN', 'ALLOCATION.RELEASED_LOT_ON_HOLD']);
    expect((await getJson<Array<{ batchNumber: string; reserved: string }>>(`/stock?item=${encodeURIComponent(item('HOLD'))}`)).map((r) => [r.batchNumber, r.reserved])).toEqual([['H1', '0'], ['H2', '5']]);
  });
});

describe('concurrency', () => {
  it('two concurrent order lines never reserve the same units', async () => {
    await stockUp([
      receipt('RACE', 'R1', '30', '2025-01-01T08:00:00Z'),
      receipt('RACE', 'R2', '30', '2025-01-02T08:00:00Z', undefined, COLD),
      receipt('RACE', 'R3', '40', '2025-01-03T08:00:00Z'),
    ]);
    // 24 lines of 7 want 168 of the 100 on hand, all at once
    const lines = Array.from({ length: 24 }, (_, n) => orderLine({ item: item('RACE'), quantity: '7', strategy: n % 2 ? 'FIFO' : 'LIFO' }));
    const answers = await Promise.all(lines.map((line) => post('/order-lines', line)));
    expect(answers.map((a) => a.status)).toEqual(lines.map(() => 201));
    const allocated = answers.reduce((sum, a) => addQuantities(sum, decisionOf(a.body).allocated), '0');
    expect(allocated).toBe('100');
    const perLot = new Map<string, string>();
    for (const a of answers) for (const p of decisionOf(a.body).picks) perLot.set(p.batchNumber, addQuantities(perLot.get(p.batchNumber) ?? '0', p.quantity));
    expect(Object.fromEntries(perLot)).toEqual({ R1: '30', R2: '30', R3: '40' });
    const stock = await getJson<Array<{ batchNumber: string; reserved: string; available: string }>>(`/stock?item=${encodeURIComponent(item('RACE'))}`);
    expect(stock.map((r) => [r.batchNumber, r.reserved, r.available])).toEqual([['R1', '30', '0'], ['R2', '30', '0'], ['R3', '40', '0']]);
    for (const row of stock) expect(compareQuantities(row.available, '0')).toBeGreaterThanOrEqual(0);
  });
});
