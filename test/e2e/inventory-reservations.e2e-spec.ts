import { randomUUID } from 'node:crypto';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { INestApplication } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { deadLetterTopic, DeadLetter, LotReservation, TOPICS, lotKey } from '@lotbridge/contracts';
import { LotMovement, warehouse } from '@lotbridge/lot';
import { toMovementContract } from '@lotbridge/lot-contracts';
import { ContractProducer, ContractRegistry, createKafka, ensureTopics } from '@lotbridge/messaging';
import { eventually } from '@lotbridge/testing';
import { startInventoryService } from '../../apps/inventory-service/src/main';

/**
 * Reservations on the real pipes: LotReservation records produced to allocation.reservations.v1, as the allocation
 * service produces them, and stock read back over HTTP. Each run has its own item.
 */
const run = randomUUID().slice(0, 8);
const item = `RES-${run}`;
const batch = ' R 01/é ';
const main = warehouse('DE01', 'MAIN');

let kafka: Kafka;
let producer: ContractProducer;
let inventory: INestApplication;
const url = () => `http://127.0.0.1:${((inventory.getHttpServer() as Server).address() as AddressInfo).port}`;

interface StockRow { batchNumber: string; locationKey: string; onHand: string; reserved: string; available: string }

function reservation(id: string, version: number, state: LotReservation['state'], quantity: string, changedAt: string): LotReservation {
  return {
    reservationId: `${run}|${id}`,
    version,
    orderLineId: `OL-${run}-${id}`,
    item,
    batchNumber: batch,
    location: { kind: 'WAREHOUSE', code: 'DE01/MAIN', bin: null },
    quantity,
    unit: 'KGM',
    state,
    reason: state === 'RELEASED' ? 'order line cancelled' : null,
    changedAt,
  };
}

async function publishReservations(...records: Array<{ messageId: string; value: LotReservation }>): Promise<void> {
  await producer.send(TOPICS.lotReservations, records.map((record) => ({ key: lotKey(record.value.item, record.value.batchNumber), ...record })));
}

async function stock(query = ''): Promise<Array<[string, string, string, string, string]>> {
  const rows = (await (await fetch(`${url()}/stock?item=${encodeURIComponent(item)}${query}`)).json()) as StockRow[];
  return rows.map((row) => [row.batchNumber, row.locationKey, row.onHand, row.reserved, row.available]);
}

beforeAll(async () => {
  kafka = createKafka(`inventory-reservations-e2e-${run}`);
  producer = new ContractProducer(kafka, new ContractRegistry());
  await producer.connect();
  await ensureTopics(kafka, [TOPICS.lotMovements, TOPICS.lotReservations, deadLetterTopic('inventory-service')]);
  inventory = await startInventoryService(0);
});

afterAll(async () => {
  await inventory?.close();
  await producer?.disconnect();
});

describe('reservations from allocation.reservations.v1', () => {
  it('keeps on hand, reserved and available per lot per location; a released reservation frees its stock; late versions change nothing', async () => {
    const receipt: LotMovement = {
      movementId: `TEST:${run}|receipt`,
      kind: 'receipt',
      item,
      batchNumber: batch,
      quantity: '100',
      unit: 'KGM',
      from: { kind: 'supplier', code: 'S1' },
      to: main,
      occurredAt: '2025-06-01T08:00:00Z',
      source: { system: `TEST:${run}`, document: 'GR-1', line: '1' },
    };
    await producer.send(TOPICS.lotMovements, [{ key: lotKey(item, batch), messageId: receipt.movementId, value: toMovementContract(receipt) }]);
    await publishReservations(
      { messageId: `${run}|a|1`, value: reservation('a', 1, 'RESERVED', '30', '2025-06-01T10:00:00Z') },
      { messageId: `${run}|b|1`, value: reservation('b', 1, 'RESERVED', '20.5', '2025-06-01T10:05:00Z') },
    );
    await eventually(async () => expect(await stock()).toEqual([[batch, 'warehouse:DE01/MAIN', '100', '50.5', '49.5']]));

    await publishReservations({ messageId: `${run}|a|2`, value: reservation('a', 2, 'RELEASED', '0', '2025-06-01T12:00:00Z') });
    await eventually(async () => expect(await stock()).toEqual([[batch, 'warehouse:DE01/MAIN', '100', '20.5', '79.5']]));
    // version 1 of "a" again under another message id (a re-sent record), and "b" consumed by its delivery
    await publishReservations(
      { messageId: `${run}|a|1|again`, value: reservation('a', 1, 'RESERVED', '30', '2025-06-01T10:00:00Z') },
      { messageId: `${run}|b|2`, value: reservation('b', 2, 'CONSUMED', '0', '2025-06-01T13:00:00Z') },
    );
    await eventually(async () => expect(await stock()).toEqual([[batch, 'warehouse:DE01/MAIN', '100', '0', '100']]));
  });

  it('answers reserved stock as of a past instant from the reservation versions, on-hand stock from the ledger', async () => {
    const asOf = async (at: string) => stock(`&asOf=${encodeURIComponent(at)}`);
    expect(await asOf('2025-06-01T09:00:00Z')).toEqual([[batch, 'warehouse:DE01/MAIN', '100', '0', '100']]);
    expect(await asOf('2025-06-01T11:00:00Z')).toEqual([[batch, 'warehouse:DE01/MAIN', '100', '50.5', '49.5']]);
    expect(await asOf('2025-06-01T12:30:00Z')).toEqual([[batch, 'warehouse:DE01/MAIN', '100', '20.5', '79.5']]);
    expect(await asOf('2025-06-01T07:00:00Z')).toEqual([]);
  });

  it('dead-letters a reservation of stock outside a warehouse, naming the problem, and keeps going', async () => {
    const bad = { ...reservation('bad', 1, 'RESERVED', '5', '2025-06-02T10:00:00Z'), location: { kind: 'CUSTOMER' as const, code: 'C1', bin: null } };
    await publishReservations({ messageId: `${run}|bad|1`, value: bad }, { messageId: `${run}|c|1`, value: reservation('c', 1, 'RESERVED', '1', '2025-06-02T10:00:00Z') });
    await eventually(async () => expect((await stock())[0]?.[3]).toBe('1'));
    const letter = await deadLetterFor(`${run}|bad`);
    expect(letter.reasonCode).toBe('INVENTORY.INVALID_RESERVATION');
    expect(letter.reason).toContain('location customer:C1 is not a warehouse');
    expect(letter.sourceTopic).toBe(TOPICS.lotReservations.name);
  });
});

async function deadLetterFor(reservationId: string): Promise<DeadLetter> {
  const registry = new ContractRegistry();
  const topic = deadLetterTopic('inventory-service');
  const consumer = kafka.consumer({ groupId: `dlq-reader-${randomUUID()}` });
  const found: DeadLetter[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic: topic.name, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const letter = await registry.decode(topic, message.value).catch(() => undefined);
      if (letter?.reason.includes(JSON.stringify(reservationId))) found.push(letter);
    },
  });
  try {
    return await eventually(() => {
      expect(found.length).toBeGreaterThan(0);
      return found[0] as DeadLetter;
    });
  } finally {
    await consumer.disconnect();
  }
}
