import { randomUUID } from 'node:crypto';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { INestApplication } from '@nestjs/common';
import { Consumer, Kafka } from 'kafkajs';
import { DeadLetter, TOPICS, deadLetterTopic, lotKey } from '@lotbridge/contracts';
import { LotMovement, warehouse } from '@lotbridge/lot';
import { toMovementContract } from '@lotbridge/lot-contracts';
import { ContractProducer, ContractRegistry, createKafka, ensureTopics } from '@lotbridge/messaging';
import { eventually } from '@lotbridge/testing';
import { INVENTORY_SERVICE, startInventoryService } from '../../apps/inventory-service/src/main';

/**
 * A message a NestJS consumer refuses for good (PermanentMessageError) is dead-lettered at once with its code and
 * reason, through Nest's exception handling, and the consumer goes on with the next message.
 */
const run = randomUUID().slice(0, 8);
const item = `DLQ-${run}`;
const deadLetters = deadLetterTopic(INVENTORY_SERVICE);

let kafka: Kafka;
let registry: ContractRegistry;
let producer: ContractProducer;
let consumer: Consumer;
let inventory: INestApplication;
const received: DeadLetter[] = [];

function movement(batchNumber: string, quantity: string): LotMovement {
  return {
    movementId: `TEST:${run}|${batchNumber}`,
    kind: 'receipt',
    item,
    batchNumber,
    quantity,
    unit: 'KGM',
    from: { kind: 'supplier', code: 'S1' },
    to: warehouse('DE01', 'MAIN'),
    occurredAt: '2026-03-01T08:00:00Z',
    source: { system: `TEST:${run}`, document: 'DOC-1', line: '1' },
  };
}

beforeAll(async () => {
  kafka = createKafka(`dead-letter-e2e-${run}`);
  registry = new ContractRegistry();
  producer = new ContractProducer(kafka, registry);
  await producer.connect();
  await ensureTopics(kafka, [TOPICS.lotMovements, deadLetters]);
  consumer = kafka.consumer({ groupId: `dead-letter-e2e-${run}` });
  await consumer.connect();
  await consumer.subscribe({ topic: deadLetters.name, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void received.push(await registry.decode(deadLetters, message.value)) });
  inventory = await startInventoryService(0);
});

afterAll(async () => {
  await inventory?.close();
  await consumer?.disconnect();
  await producer?.disconnect();
});

it('dead-letters a movement that breaks a rule with its code and reason, and applies the next one', async () => {
  const refused = movement('BAD-1', '0');
  const accepted = movement('GOOD-1', '5');
  await producer.send(
    TOPICS.lotMovements,
    [refused, accepted].map((m) => ({ key: lotKey(m.item, m.batchNumber), messageId: m.movementId, value: toMovementContract(m) })),
  );

  const deadLetter = await eventually(
    () => {
      const letter = received.find((candidate) => candidate.reason.includes(refused.movementId));
      if (!letter) throw new Error(`no dead letter for ${refused.movementId} yet`);
      return letter;
    },
    { timeoutMs: 60_000 },
  );
  expect(deadLetter.reasonCode).toBe('INVENTORY.INVALID_MOVEMENT');
  expect(deadLetter.reason).toContain('quantity "0" is not positive');
  expect(deadLetter.attempts).toBe(1);
  expect(deadLetter.sourceTopic).toBe(TOPICS.lotMovements.name);

  const url = `http://127.0.0.1:${((inventory.getHttpServer() as Server).address() as AddressInfo).port}`;
  await eventually(async () => {
    const rows = (await (await fetch(`${url}/stock?item=${item}`)).json()) as Array<{ batchNumber: string; onHand: string }>;
    expect(rows.map((row) => [row.batchNumber, row.onHand])).toEqual([['GOOD-1', '5']]);
  });
});
