import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { Kafka } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import { TOPICS, TopicContract } from '@lotbridge/contracts';
import { ConsumedMessage, ContractConsumer, RetryPolicy } from '../contract-consumer';
import { ContractProducer } from '../contract-producer';
import { ContractRegistry } from '../contract-registry';
import { DeadLetterPublisher } from '../dead-letter';
import { createKafka } from '../kafka-client';
import { ensureTopics } from '../topic-admin';

/**
 * `@EventPattern('<topic>' + BATCH_SUFFIX)` next to `@EventPattern('<topic>')` receives consecutive messages of a
 * partition together (ConsumedMessage[]) to apply them in one transaction; the single-message handler is the
 * fallback when the batch fails (see BatchHandler).
 */
export const BATCH_SUFFIX = '#batch';

export interface KafkaAvroServerOptions {
  /** consumer group and dead-letter topic name */
  service: string;
  groupId?: string;
  kafka?: Kafka;
  registry?: ContractRegistry;
  retry?: Partial<RetryPolicy>;
}

/**
 * A custom @nestjs/microservices transport: `@EventPattern('<topic>')` handlers receive a ConsumedMessage
 * (decoded contract value, message id, coordinates). The built-in Kafka transport is not used because it
 * commits offsets on its own schedule, knows no schema registry or Avro, and has no dead-letter topic; this one
 * commits only after the handler resolved, retries with backoff and dead-letters the original bytes.
 */
export class KafkaAvroServer extends Server implements CustomTransportStrategy {
  private consumer: ContractConsumer | undefined;
  private producer: ContractProducer | undefined;

  constructor(private readonly options: KafkaAvroServerOptions) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const kafka = this.options.kafka ?? createKafka(this.options.service);
      const registry = this.options.registry ?? new ContractRegistry();
      const deadLetters = new DeadLetterPublisher(this.options.service, (this.producer = new ContractProducer(kafka, registry)));
      const subscriptions = [...this.messageHandlers]
        .filter(([pattern]) => !pattern.endsWith(BATCH_SUFFIX))
        .map(([pattern, handler]) => ({ topic: topicByName(pattern), handler, batchHandler: this.messageHandlers.get(`${pattern}${BATCH_SUFFIX}`) }));
      const topics = subscriptions.map((subscription) => subscription.topic);
      await ensureTopics(kafka, [...topics, deadLetters.topic]);
      await this.producer.connect();
      this.consumer = new ContractConsumer(kafka, registry, deadLetters, {
        groupId: this.options.groupId ?? this.options.service,
        service: this.options.service,
        retry: this.options.retry,
      });
      for (const { topic, handler, batchHandler } of subscriptions) {
        this.consumer.subscribe(
          topic,
          async (message: ConsumedMessage<unknown>) => {
            await lastValueFrom(this.transformToObservable(await handler(message)), { defaultValue: undefined });
          },
          batchHandler &&
            (async (messages: ConsumedMessage<unknown>[]) => {
              await lastValueFrom(this.transformToObservable(await batchHandler(messages)), { defaultValue: undefined });
            }),
        );
      }
      await this.consumer.start();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    await this.consumer?.stop();
    await this.producer?.disconnect();
  }

  on(): never {
    throw new Error('KafkaAvroServer emits no events');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }
}

function topicByName(name: string): TopicContract {
  const topic = Object.values(TOPICS).find((candidate) => candidate.name === name);
  if (!topic) throw new Error(`@EventPattern('${name}') names no topic in @lotbridge/contracts TOPICS`);
  return topic;
}
