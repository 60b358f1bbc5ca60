import { Kafka, Partitioners, Producer } from 'kafkajs';
import { ContractTypes, TopicContract } from '@lotbridge/contracts';
import { ContractRegistry } from './contract-registry';

/** The header carrying a message's stable id, by which every consumer recognises a redelivery. */
export const MESSAGE_ID_HEADER = 'message-id';

export interface OutgoingMessage<T extends TopicContract> {
  key: string;
  messageId: string;
  value: ContractTypes[T['contract']];
}

export interface FramedMessage {
  topic: string;
  key: string;
  messageId: string;
  /** wire-format value (magic byte, schema id, Avro binary) */
  value: Buffer;
}

/**
 * An idempotent producer (acks=all, broker-side de-duplication of retried batches) that sends typed
 * contract values, each with its stable message id as a header.
 */
export class ContractProducer {
  private readonly producer: Producer;

  constructor(
    kafka: Kafka,
    private readonly registry: ContractRegistry,
  ) {
    // An idempotent producer retries until the broker takes the batch: giving up could lose or reorder a message.
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      retry: { retries: Number.MAX_SAFE_INTEGER, maxRetryTime: 5_000 },
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  connect(): Promise<void> {
    return this.producer.connect();
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }

  async send<T extends TopicContract>(topic: T, messages: OutgoingMessage<T>[]): Promise<void> {
    const framed = await Promise.all(
      messages.map(async (message) => ({ topic: topic.name, key: message.key, messageId: message.messageId, value: await this.registry.encode(topic, message.value) })),
    );
    await this.sendFramed(framed);
  }

  /** Sends values already in the wire format, in order, grouped per topic in one request. */
  async sendFramed(messages: FramedMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const byTopic = new Map<string, FramedMessage[]>();
    for (const message of messages) byTopic.set(message.topic, [...(byTopic.get(message.topic) ?? []), message]);
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, topicMessages]) => ({
        topic,
        messages: topicMessages.map((message) => ({ key: message.key, value: message.value, headers: { [MESSAGE_ID_HEADER]: message.messageId } })),
      })),
    });
  }
}
