import { randomUUID } from 'node:crypto';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { INestApplication } from '@nestjs/common';
import { TOPICS, lotKey } from '@lotbridge/contracts';
import { Location, LotMovement, MovementKind, TransformationLink, warehouse } from '@lotbridge/lot';
import { toMovementContract } from '@lotbridge/lot-contracts';
import { ContractProducer, ContractRegistry, createKafka, ensureTopics } from '@lotbridge/messaging';
import { eventually } from '@lotbridge/testing';
import { startInventoryService } from '../../apps/inventory-service/src/main';

/**
 * Every movement kind on the real pipes, with the links the issue asks for: a transfer through in-transit keeps the
 * batch number, production consumption and output are one transformation, split and merge are made by the service
 * (POST /lots/split, /lots/merge, with batch numbers from the numbering rules) and come back over the topic, and a
 * customer delivery has two legs (warehouse -> in-transit <shipTo>/<delivery> -> customer <shipTo>).
 */
const run = randomUUID().slice(0, 8);
const item = (name: string) => `${name}-${run}`;
let sequence = 0;

function movement(kind: MovementKind, itemName: string, batchNumber: string, quantity: string, from: Location, to: Location, occurredAt: string, extra: Partial<LotMovement> = {}): LotMovement {
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
    ...extra,
  };
}

const supplier: Location = { kind: 'supplier', code: '0000471100' };
const main = warehouse('DE01', 'MAIN');
const binA = warehouse('DE01', 'MAIN', 'A-01');
const binB = warehouse('DE01', 'MAIN', 'B-07');
const de02 = warehouse('DE02', 'MAIN');
const transferTransit: Location = { kind: 'in-transit', code: `STO-${run}` };
const production: Location = { kind: 'production', code: 'DE01' };
const shipTo = 'C100';
const deliveryTransit: Location = { kind: 'in-transit', code: `${shipTo}/8000${run}` };
const customer: Location = { kind: 'customer', code: shipTo };
const scrap: Location = { kind: 'scrap', code: 'DE01' };

let producer: ContractProducer;
let inventory: INestApplication;
const url = () => `http://127.0.0.1:${((inventory.getHttpServer() as Server).address() as AddressInfo).port}`;

async function publish(...movements: LotMovement[]): Promise<void> {
  await producer.send(TOPICS.lotMovements, movements.map((m) => ({ key: lotKey(m.item, m.batchNumber), messageId: m.movementId, value: toMovementContract(m) })));
}

async function stock(itemName: string, query = ''): Promise<Array<[string, string, string]>> {
  const rows = (await (await fetch(`${url()}/stock?item=${encodeURIComponent(item(itemName))}${query}`)).json()) as Array<{ batchNumber: string; locationKey: string; onHand: string }>;
  return rows.map((row) => [row.batchNumber, row.locationKey, row.onHand]);
}

async function post(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${url()}${path}`, { method: path.startsWith('/batch-number-rules') ? 'PUT' : 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

interface MovementRow { kind: string; batchNumber: string; from: string; to: string; quantity: string; transformation: { transformationId: string; role: string } | null }
const movementsOf = async (query: string) => (await (await fetch(`${url()}/movements?${query}`)).json()) as MovementRow[];

beforeAll(async () => {
  const kafka = createKafka(`inventory-movements-e2e-${run}`);
  producer = new ContractProducer(kafka, new ContractRegistry());
  await producer.connect();
  await ensureTopics(kafka, [TOPICS.lotMovements, TOPICS.alerts]);
  inventory = await startInventoryService(0);
});

afterAll(async () => {
  await inventory?.close();
  await producer?.disconnect();
});

describe('receipt, put-away, bin-to-bin and a transfer through in-transit', () => {
  it('keeps the batch number byte for byte through every leg, and in-transit holds the goods between the legs', async () => {
    const batch = '0000012345 ';
    await publish(
      movement('receipt', 'RAW', batch, '500', supplier, main, '2025-03-01T08:00:00Z', { expiryDate: '2027-01-31' }),
      movement('put-away', 'RAW', batch, '200', main, binA, '2025-03-01T09:00:00Z'),
      movement('put-away', 'RAW', batch, '50', binA, binB, '2025-03-01T10:00:00Z'),
      movement('transfer-out', 'RAW', batch, '100', main, transferTransit, '2025-03-02T08:00:00Z'),
      movement('transfer-in', 'RAW', batch, '100', transferTransit, de02, '2025-03-03T08:00:00Z'),
    );
    await eventually(async () =>
      expect(await stock('RAW')).toEqual([
        [batch, 'warehouse:DE01/MAIN', '200'],
        [batch, 'warehouse:DE01/MAIN#A-01', '150'],
        [batch, 'warehouse:DE01/MAIN#B-07', '50'],
        [batch, 'warehouse:DE02/MAIN', '100'],
      ]),
    );
    const between = await stock('RAW', `&includeVirtual=true&location=${encodeURIComponent(`in-transit:STO-${run}`)}&asOf=2025-03-02T12:00:00Z`);
    expect(between).toEqual([[batch, `in-transit:STO-${run}`, '100']]);
    expect(await stock('RAW', `&includeVirtual=true&location=${encodeURIComponent(`in-transit:STO-${run}`)}`)).toEqual([]);
  });
});

describe('production', () => {
  it('links consumption and output as one transformation, whichever arrives first', async () => {
    await publish(movement('receipt', 'FLOUR', 'F-1', '300', supplier, main, '2025-03-04T06:00:00Z'));
    await eventually(async () => expect(await stock('FLOUR')).toEqual([['F-1', 'warehouse:DE01/MAIN', '300']]));
    const order = `PO-${run}`;
    const link = (role: TransformationLink['role']): TransformationLink => ({
      transformationId: order,
      role,
      inputs: [{ item: item('FLOUR'), batchNumber: 'F-1', quantity: '250', unit: 'KGM' }],
      outputs: [{ item: item('BREAD'), batchNumber: 'B-1', quantity: '240', unit: 'KGM' }],
    });
    // the output is confirmed before the consumption arrives
    await publish(movement('production-output', 'BREAD', 'B-1', '240', production, main, '2025-03-04T12:00:00Z', { transformation: link('output'), expiryDate: '2025-03-20' }));
    await publish(movement('production-consumption', 'FLOUR', 'F-1', '250', main, production, '2025-03-04T08:00:00Z', { transformation: link('input') }));
    await eventually(async () => expect(await stock('FLOUR')).toEqual([['F-1', 'warehouse:DE01/MAIN', '50']]));
    expect(await stock('BREAD')).toEqual([['B-1', 'warehouse:DE01/MAIN', '240']]);
    const linked = await movementsOf(`transformationId=${encodeURIComponent(order)}`);
    expect(linked.map((m) => [m.kind, m.batchNumber, m.transformation?.role])).toEqual([
      ['production-consumption', 'F-1', 'input'],
      ['production-output', 'B-1', 'output'],
    ]);
  });
});

describe('split and merge made by the service', () => {
  const lot = 'FG 0001 ';

  beforeAll(async () => {
    await publish(
      movement('receipt', 'FG', lot, '100', production, main, '2025-04-01T08:00:00Z', { expiryDate: '2026-09-30' }),
      movement('receipt', 'FG', 'FG-B', '30', production, main, '2025-04-01T08:00:00Z', { expiryDate: '2026-06-30' }),
    );
    await eventually(async () => expect((await stock('FG')).length).toBe(2));
    const rule = await post(`/batch-number-rules/${encodeURIComponent(item('FG'))}`, { pattern: '{plant}{date:YYMMDD}-{line}-{seq:3}' });
    expect(rule.status).toBe(200);
  });

  it('splits a lot into parts with batch numbers from the item\'s rule (an outside number kept as it is), linked as one transformation', async () => {
    const request = { requestId: `RP-${run}`, item: item('FG'), batchNumber: lot, location: main, occurredAt: '2025-04-02T08:00:00Z', numbering: { line: 'PACK1' }, parts: [{ quantity: '40' }, { quantity: '35' }, { quantity: '5', batchNumber: 'kept as-is ' }] };
    const answer = await post('/lots/split', request);
    expect(answer.status).toBe(202);
    expect(answer.body).toMatchObject({
      status: 'accepted',
      transformationId: `LOTBRIDGE:INVENTORY|split|RP-${run}`,
      outputs: [
        { batchNumber: 'DE01250402-PACK1-001', quantity: '40', origin: 'generated' },
        { batchNumber: 'DE01250402-PACK1-002', quantity: '35', origin: 'generated' },
        { batchNumber: 'kept as-is ', quantity: '5', origin: 'outside' },
      ],
    });
    await eventually(async () =>
      expect(await stock('FG')).toEqual([
        ['DE01250402-PACK1-001', 'warehouse:DE01/MAIN', '40'],
        ['DE01250402-PACK1-002', 'warehouse:DE01/MAIN', '35'],
        [lot, 'warehouse:DE01/MAIN', '20'],
        ['FG-B', 'warehouse:DE01/MAIN', '30'],
        ['kept as-is ', 'warehouse:DE01/MAIN', '5'],
      ]),
    );
    const linked = await movementsOf(`transformationId=${encodeURIComponent(`LOTBRIDGE:INVENTORY|split|RP-${run}`)}`);
    expect(linked.map((m) => [m.kind, m.batchNumber, m.quantity, m.transformation?.role]).sort()).toEqual([
      ['split', 'DE01250402-PACK1-001', '40', 'output'],
      ['split', 'DE01250402-PACK1-002', '35', 'output'],
      ['split', lot, '80', 'input'],
      ['split', 'kept as-is ', '5', 'output'],
    ]);

    const again = await post('/lots/split', request);
    expect(again.body).toMatchObject({ status: 'duplicate', outputs: answer.body['outputs'] });
  });

  it('refuses a split that the available stock does not cover, and a quantity that is not an exact decimal string, naming the problem', async () => {
    const tooMuch = await post('/lots/split', { requestId: `RP2-${run}`, item: item('FG'), batchNumber: lot, location: main, parts: [{ quantity: '21' }], numbering: { line: 'PACK1' } });
    expect(tooMuch).toMatchObject({ status: 409, body: { error: 'INVENTORY.INSUFFICIENT_STOCK' } });
    expect(String(tooMuch.body['message'])).toContain('has 20 available');
    const bad = await post('/lots/split', { requestId: `RP3-${run}`, item: item('FG'), batchNumber: lot, location: main, parts: [{ quantity: 5 }] });
    expect(bad).toMatchObject({ status: 400, body: { error: 'INVENTORY.INVALID_TRANSFORMATION', message: 'parts[0].quantity must be a string, not 5' } });
  });

  it('merges lots into one new lot', async () => {
    const answer = await post('/lots/merge', { requestId: `BL-${run}`, item: item('FG'), location: main, occurredAt: '2025-04-03T08:00:00Z', numbering: { line: 'MIX' }, inputs: [{ batchNumber: 'FG-B', quantity: '30' }, { batchNumber: lot, quantity: '20' }] });
    expect(answer).toMatchObject({ status: 202, body: { outputs: [{ batchNumber: 'DE01250403-MIX-001', quantity: '50', origin: 'generated' }] } });
    await eventually(async () => expect((await stock('FG')).filter(([batch]) => ['FG-B', lot, 'DE01250403-MIX-001'].includes(batch))).toEqual([['DE01250403-MIX-001', 'warehouse:DE01/MAIN', '50']]));
  });
});

describe('customer delivery in two legs, return, scrap and count adjustment', () => {
  it('goes from the warehouse to in-transit <shipTo>/<delivery> at goods issue, to the customer on proof of delivery', async () => {
    const batch = 'D-1';
    await publish(
      movement('receipt', 'SHIP', batch, '60', supplier, main, '2025-05-01T08:00:00Z'),
      movement('delivery', 'SHIP', batch, '40', main, deliveryTransit, '2025-05-02T08:00:00Z'),
      movement('delivery', 'SHIP', batch, '40', deliveryTransit, customer, '2025-05-03T15:00:00Z'),
      movement('customer-return', 'SHIP', batch, '4', customer, main, '2025-05-10T08:00:00Z'),
      movement('scrap', 'SHIP', batch, '1.5', main, scrap, '2025-05-11T08:00:00Z'),
      movement('count-adjustment', 'SHIP', batch, '0.5', main, { kind: 'inventory-loss', code: 'COUNT' }, '2025-05-12T08:00:00Z'),
    );
    await eventually(async () => expect(await stock('SHIP')).toEqual([[batch, 'warehouse:DE01/MAIN', '22']]));
    const virtual = (at: string) => stock('SHIP', `&includeVirtual=true&asOf=${at}`);
    expect(await virtual('2025-05-02T12:00:00Z')).toEqual([
      [batch, `in-transit:${shipTo}/8000${run}`, '40'],
      [batch, `supplier:${supplier.code}`, '-60'],
      [batch, 'warehouse:DE01/MAIN', '20'],
    ]);
    expect(await virtual('2025-05-04T00:00:00Z')).toEqual([
      [batch, `customer:${shipTo}`, '40'],
      [batch, `supplier:${supplier.code}`, '-60'],
      [batch, 'warehouse:DE01/MAIN', '20'],
    ]);
    expect((await movementsOf(`item=${encodeURIComponent(item('SHIP'))}&batchNumber=${batch}`)).map((m) => m.kind)).toEqual([
      'receipt', 'delivery', 'delivery', 'customer-return', 'scrap', 'count-adjustment',
    ]);
  });
});

describe('batch numbers', () => {
  it('never gives two concurrent requests of one scope the same number', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => post('/batch-numbers', { item: item('CONC'), plant: 'DE01', date: '2025-06-01', pattern: '{plant}{date:YYYYMMDD}{seq:2}' })),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 20 }, () => 201));
    const numbers = answers.map((answer) => (answer.body['batchNumbers'] as Array<{ batchNumber: string }>)[0]?.batchNumber).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, n) => `DE0120250601${String(n + 1).padStart(2, '0')}`));
  });

  it('skips a number that an outside lot of the item already carries', async () => {
    await publish(movement('receipt', 'OUT', 'X2025060101', '1', supplier, main, '2025-06-01T08:00:00Z'));
    await eventually(async () => expect((await stock('OUT')).length).toBe(1));
    const answer = await post('/batch-numbers', { item: item('OUT'), date: '2025-06-01', pattern: 'X{date:YYYYMMDD}{seq:2}', count: 2 });
    expect(answer.body).toMatchObject({ batchNumbers: [{ batchNumber: 'X2025060102', sequence: 2 }, { batchNumber: 'X2025060103', sequence: 3 }] });
  });

  it('refuses a pattern that could collide, naming the problem', async () => {
    const answer = await post(`/batch-number-rules/${encodeURIComponent(item('BAD'))}`, { pattern: '{plant}{date:YYMMDD}' });
    expect(answer).toMatchObject({ status: 400, body: { error: 'BATCH_NUMBER.INVALID_PATTERN', problems: ['needs exactly one {seq:N}, has 0'] } });
  });
});
