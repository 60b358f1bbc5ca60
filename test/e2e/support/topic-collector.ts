import { randomUUID } from 'node:crypto';
import { Consumer } from 'kafkajs';
import { ContractTypes, TopicContract } from '@lotbridge/contracts';
import { ContractRegistry, createKafka } from '@lotbridge/messaging';

/**
 * Reads a topic from its beginning with a consumer group of its own and keeps every decodable value, so a test
 * can wait for the record it caused (`await eventually(() => collector.find(...))`) among other suites' records.
 */
export class TopicCollector<T extends TopicContract> {
  readonly values: Array<ContractTypes[T['contract']]> = [];
  private consumer: Consumer | undefined;

  constructor(private readonly topic: T) {}

  async start(): Promise<this> {
    const registry = new ContractRegistry();
    this.consumer = createKafka(`collector-${randomUUID()}`).consumer({ groupId: `collector-${randomUUID()}` });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.topic.name, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ message }) => {
        const value = await registry.decode(this.topic, message.value).catch(() => undefined);
        if (value !== undefined) this.values.push(value);
      },
    });
    return this;
  }

  find(predicate: (value: ContractTypes[T['contract']]) => boolean): ContractTypes[T['contract']] {
    const found = this.values.find(predicate);
    if (found === undefined) throw new Error(`no matching record on ${this.topic.name} yet (${this.values.length} read)`);
    return found;
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
