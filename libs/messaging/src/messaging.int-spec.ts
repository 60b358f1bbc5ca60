import { randomUUID } from 'node:crypto';
import { Kafka } from 'kafkajs';
import { ContractTypes, DeadLetter, LotMovement, TopicContract, deadLetterTopic, lotKey, valueSubject } from '@lotbridge/contracts';
import { eventually } from '@lotbridge/testing';
import { ConsumedMessage, ContractConsumer, MessageHandler } from './contract-consumer';
import { ContractProducer } from './contract-producer';
import { ContractRegistry, registryUrlFromEnv } from './contract-registry';
import { DeadLetterPublisher } from './dead-letter';
import { PermanentMessageError } from './errors';
import { createKafka } from './kafka-client';
import { ensureTopics } from './topic-admin';

// Real Kafka broker and real schema registry, started by `npm run infra:up`; unique topics and groups per run.
jest.setTimeout(60_000);

const run = randomUUID().slice(0, 8);
const movement = (n: number): LotMovement => ({
  movementId: `test|${run}|${n}`,
  kind: 'RECEIPT',
  item: '000000654321234567',
  batchNumber: `批次-00${n} `,
  quantity: `${n}.5`,
  unit: 'KGM',
  from: { kind: 'SUPPLIER', code: 'IN25P', bin: null },
  to: { kind: 'WAREHOUSE', code: 'DE01/MAIN', bin: null },
  occurredAt: '2024-03-19T06:14:11.000Z',
  source: { system: 'SAP:TEST', document: run, line: String(n) },
  productionDate: null,
  expiryDate: '2027-01-31',
  supplierBatchNumber: null,
  sscc: null,
  reversal: false,
  transformation: null,
});

describe('messaging on the real broker and registry', () => {
  let kafka: Kafka;
  let registry: ContractRegistry;
  let producer: ContractProducer;
  const consumers: ContractConsumer[] = [];

  beforeAll(async () => {
    kafka = createKafka(`messaging-test-${run}`);
    registry = new ContractRegistry();
    producer = new ContractProducer(kafka, registry);
    await producer.connect();
  });

  afterAll(async () => {
    await Promise.all(consumers.map((consumer) => consumer.stop()));
    await producer.disconnect();
  });

  async function newTopic(name: string) {
    const topic = { name: `test.${name}.${run}`, contract: 'LotMovement', compacted: false, partitions: 1 } as const;
    await ensureTopics(kafka, [topic, deadLetterTopic(`test-${name}-${run}`)]);
    return topic;
  }

  function startConsumer<T extends TopicContract>(topic: T, service: string, handler: MessageHandler<LotMovement>, retry = { maxAttempts: 3, initialDelayMs: 20, maxDelayMs: 50 }) {
    const consumer = new ContractConsumer(kafka, registry, new DeadLetterPublisher(service, producer), { groupId: service, service, retry });
    consumer.subscribe(topic, handler as MessageHandler<ContractTypes[T['contract']]>);
    consumers.push(consumer);
    return consumer.start();
  }

  function collectDeadLetters(service: string): DeadLetter[] {
    const letters: DeadLetter[] = [];
    const topic = deadLetterTopic(service);
    const reader = `${service}-dlq-reader`;
    const consumer = new ContractConsumer(kafka, registry, new DeadLetterPublisher(reader, producer), { groupId: reader, service: reader });
    consumer.subscribe(topic, async (message) => void letters.push(message.value));
    consumers.push(consumer);
    void ensureTopics(kafka, [deadLetterTopic(reader)]).then(() => consumer.start());
    return letters;
  }

  it('carries contract values in the Confluent wire format, with their message ids, exactly', async () => {
    const topic = await newTopic('roundtrip');
    const received: ConsumedMessage<LotMovement>[] = [];
    await startConsumer(topic, `test-roundtrip-${run}`, async (message) => void received.push(message));
    await producer.send(topic, [1, 2, 3].map((n) => ({ key: lotKey('000000654321234567', `批次-00${n} `), messageId: `id-${n}`, value: movement(n) })));

    await eventually(() => expect(received.map((message) => message.value)).toEqual([movement(1), movement(2), movement(3)]));
    expect(received.map((message) => message.messageId)).toEqual(['id-1', 'id-2', 'id-3']);

    const subject = await fetch(`${registryUrlFromEnv()}/subjects/${valueSubject(topic.name)}/versions/latest`).then((response) => response.json() as Promise<{ id: number }>);
    const raw = await readRawValues(kafka, topic.name, 1);
    expect(raw[0]!.readUInt8(0)).toBe(0);
    expect(raw[0]!.readInt32BE(1)).toBe(subject.id);
  });

  it('dead-letters an undecodable record with its original bytes and coordinates, and goes on', async () => {
    const topic = await newTopic('poison');
    const service = `test-poison-${run}`;
    const letters = collectDeadLetters(service);
    const received: string[] = [];
    await startConsumer(topic, service, async (message) => void received.push(message.value.movementId));

    const rawProducer = kafka.producer();
    await rawProducer.connect();
    await rawProducer.send({ topic: topic.name, messages: [{ key: 'k', value: Buffer.from('{"not":"avro"}') }] });
    await rawProducer.disconnect();
    await producer.send(topic, [{ key: 'k', messageId: 'good', value: movement(7) }]);

    await eventually(() => expect(received).toEqual([movement(7).movementId]));
    await eventually(() => expect(letters).toHaveLength(1));
    expect(letters[0]).toMatchObject({
      service,
      reasonCode: 'MESSAGING.UNDECODABLE',
      sourceTopic: topic.name,
      sourcePartition: 0,
      sourceOffset: 0,
      originalValue: Buffer.from('{"not":"avro"}'),
      originalKey: Buffer.from('k'),
    });
    expect(letters[0]!.reason).toContain('not in the Confluent wire format');
  });

  it('retries a transient failure with backoff and dead-letters a permanent one at once', async () => {
    const topic = await newTopic('retry');
    const service = `test-retry-${run}`;
    const letters = collectDeadLetters(service);
    const attempts = new Map<string, number>();
    const applied: string[] = [];
    await startConsumer(topic, service, async ({ value }) => {
      const n = (attempts.get(value.movementId) ?? 0) + 1;
      attempts.set(value.movementId, n);
      if (value.batchNumber.startsWith('批次-001') && n < 3) throw new Error('database briefly unavailable');
      if (value.batchNumber.startsWith('批次-002')) throw new PermanentMessageError('TEST.RULE_BROKEN', 'lot is on hold');
      applied.push(value.movementId);
    });
    await producer.send(topic, [1, 2, 3].map((n) => ({ key: 'k', messageId: `m${n}`, value: movement(n) })));

    await eventually(() => expect(applied).toEqual([movement(1).movementId, movement(3).movementId]));
    await eventually(() => expect(letters).toHaveLength(1));
    expect(attempts.get(movement(1).movementId)).toBe(3);
    expect(attempts.get(movement(2).movementId)).toBe(1);
    expect(letters[0]).toMatchObject({ reasonCode: 'TEST.RULE_BROKEN', reason: 'lot is on hold', attempts: 1, sourceOffset: 1 });
  });

  it('applies consecutive messages together, and one by one when the batch fails, dead-lettering only the bad one', async () => {
    const topic = await newTopic('batch');
    const service = `test-batch-${run}`;
    const letters = collectDeadLetters(service);
    const batches: number[] = [];
    const applied: string[] = [];
    const consumer = new ContractConsumer(kafka, registry, new DeadLetterPublisher(service, producer), { groupId: service, service, retry: { maxAttempts: 1 } });
    const refuse = (value: LotMovement) => {
      if (value.batchNumber.startsWith('批次-003')) throw new PermanentMessageError('TEST.REFUSED', 'lot 3 refused');
    };
    consumer.subscribe(
      topic,
      async ({ value }: ConsumedMessage<LotMovement>) => {
        refuse(value);
        applied.push(value.movementId);
      },
      async (messages: ConsumedMessage<LotMovement>[]) => {
        messages.forEach(({ value }) => refuse(value));
        batches.push(messages.length);
        applied.push(...messages.map(({ value }) => value.movementId));
      },
    );
    consumers.push(consumer);
    await producer.send(topic, [1, 2].map((n) => ({ key: 'k', messageId: `b${n}`, value: movement(n) })));
    await consumer.start();
    await eventually(() => expect(applied).toEqual([movement(1).movementId, movement(2).movementId]));
    expect(batches).toEqual([2]);

    await producer.send(topic, [3, 4].map((n) => ({ key: 'k', messageId: `b${n}`, value: movement(n) })));
    await eventually(() => expect(applied).toEqual([1, 2, 4].map((n) => movement(n).movementId)));
    await eventually(() => expect(letters.map((letter) => letter.reasonCode)).toEqual(['TEST.REFUSED']));
  });

  it('commits an offset only after the handler has finished', async () => {
    const topic = await newTopic('commit');
    const groupId = `test-commit-${run}`;
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const started: string[] = [];
    await startConsumer(topic, groupId, async ({ value }) => {
      started.push(value.movementId);
      if (value.movementId === movement(2).movementId) await blocked;
    });
    await producer.send(topic, [1, 2].map((n) => ({ key: 'k', messageId: `c${n}`, value: movement(n) })));

    const admin = kafka.admin();
    await admin.connect();
    const committed = async () => (await admin.fetchOffsets({ groupId, topics: [topic.name] }))[0]!.partitions[0]!.offset;
    await eventually(() => expect(started).toContain(movement(2).movementId));
    expect(['-1', '0', '1']).toContain(await committed());
    release();
    await eventually(async () => expect(await committed()).toBe('2'));
    await admin.disconnect();
  });

  it('the registry refuses a new schema version that cannot read the data already written', async () => {
    const topic = await newTopic('compat');
    await registry.schemaIdFor(topic);
    const incompatible = { type: 'record', name: 'LotMovement', namespace: 'io.lotbridge.lot', fields: [{ name: 'plant', type: 'string' }] };
    const response = await fetch(`${registryUrlFromEnv()}/subjects/${valueSubject(topic.name)}/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ schema: JSON.stringify(incompatible) }),
    });
    expect(response.status).toBe(409);
  });
});

async function readRawValues(kafka: Kafka, topic: string, count: number): Promise<Buffer[]> {
  const values: Buffer[] = [];
  const consumer = kafka.consumer({ groupId: `raw-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void values.push(message.value!) });
  await eventually(() => expect(values.length).toBeGreaterThanOrEqual(count));
  await consumer.disconnect();
  return values;
}
