import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { Consumer, Kafka } from 'kafkajs';
import { ContractTypes, TOPICS, TopicContract, lotKey } from '@lotbridge/contracts';
import { LotMovement } from '@lotbridge/lot';
import { toMovementContract } from '@lotbridge/lot-contracts';
import { ContractProducer, ContractRegistry, createKafka, ensureTopics } from '@lotbridge/messaging';

/**
 * The real pipes for end-to-end tests of the lot services: publish movements as the adapters do, read what the
 * services published, talk JSON over HTTP. Shared by the quality/traceability suites (and later allocation's).
 */
export class LotPipes {
  readonly kafka: Kafka = createKafka(`e2e-${randomUUID().slice(0, 8)}`);
  readonly registry = new ContractRegistry();
  private readonly producer = new ContractProducer(this.kafka, this.registry);
  private readonly consumers: Consumer[] = [];

  async start(): Promise<void> {
    await ensureTopics(this.kafka, [TOPICS.lotMovements, TOPICS.lotStatus, TOPICS.traceRecalls]);
    await this.producer.connect();
  }

  async stop(): Promise<void> {
    for (const consumer of this.consumers) await consumer.disconnect();
    await this.producer.disconnect();
  }

  /** Movements on lot.movements.v1, keyed by lot, message id = movement id (as the adapters publish them). */
  async publish(movements: readonly LotMovement[]): Promise<void> {
    await this.producer.send(
      TOPICS.lotMovements,
      movements.map((movement) => ({ key: lotKey(movement.item, movement.batchNumber), messageId: movement.movementId, value: toMovementContract(movement) })),
    );
  }

  /**
   * Every record of a topic (from the beginning, own consumer group) that `keep` accepts, collected into the returned
   * list as it arrives. Other suites produce on the same topics: `keep` filters by this run's own items.
   */
  async collect<T extends TopicContract>(topic: T, keep: (value: ContractTypes[T['contract']]) => boolean): Promise<ContractTypes[T['contract']][]> {
    const found: ContractTypes[T['contract']][] = [];
    const consumer = this.kafka.consumer({ groupId: `e2e-collect-${randomUUID()}` });
    this.consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic: topic.name, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const value = await this.registry.decode(topic, message.value).catch(() => undefined);
        if (value !== undefined && keep(value)) found.push(value);
      },
    });
    return found;
  }
}

/** A port nobody listens on right now (two services that call each other need each other's address before starting). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface JsonResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
}

/** JSON over HTTP: GET when no body is given, POST otherwise (PUT with method). */
export async function call<T = Record<string, unknown>>(url: string, body?: unknown, method?: 'POST' | 'PUT'): Promise<JsonResponse<T>> {
  const response = await fetch(url, body === undefined ? {} : { method: method ?? 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as T };
}

/** item=…&batchNumber=… URL-encoded, so any batch number (spaces, CJK, '/') is asked for byte for byte. */
export function lotQuery(lot: { item: string; batchNumber: string }): string {
  return `item=${encodeURIComponent(lot.item)}&batchNumber=${encodeURIComponent(lot.batchNumber)}`;
}
