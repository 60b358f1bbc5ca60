import { Consumer, IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import { backOff } from 'exponential-backoff';
import { ContractTypes, TopicContract } from '@lotbridge/contracts';
import { ContractRegistry } from './contract-registry';
import { MESSAGE_ID_HEADER } from './contract-producer';
import { DeadLetterPublisher } from './dead-letter';
import { PermanentMessageError } from './errors';

export interface ConsumedMessage<T> {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  /** stable id from the producer's header; the record's coordinates when a producer sent none */
  messageId: string;
  value: T;
}

/**
 * Applies one message. It must make its effect and the record of the message id durable in one database
 * transaction before it returns: the offset is committed only after that, so a crash redelivers and the
 * handler recognises what it has already applied.
 */
export type MessageHandler<T> = (message: ConsumedMessage<T>) => Promise<void>;

export interface RetryPolicy {
  /** attempts before a transiently failing message is dead-lettered */
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

export interface ConsumerOptions {
  groupId: string;
  /** names the dead-letter topic: deadletter.<service>.v1 */
  service: string;
  retry?: Partial<RetryPolicy>;
  fromBeginning?: boolean;
}

const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, initialDelayMs: 200, maxDelayMs: 10_000 };
/** how many applied messages may wait before their offsets are committed */
const COMMIT_EVERY = 200;

interface Subscription {
  topic: TopicContract;
  handler: MessageHandler<unknown>;
}

/**
 * A consumer group member that decodes contract messages, hands them to their handler, retries transient
 * failures with exponential backoff, dead-letters what can never be applied, and commits offsets only after
 * the handler (and thus its transaction) has finished.
 */
export class ContractConsumer {
  private readonly consumer: Consumer;
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly retry: RetryPolicy;

  constructor(
    kafka: Kafka,
    private readonly registry: ContractRegistry,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly options: ConsumerOptions,
  ) {
    this.consumer = kafka.consumer({ groupId: options.groupId, allowAutoTopicCreation: false });
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
  }

  subscribe<T extends TopicContract>(topic: T, handler: MessageHandler<ContractTypes[T['contract']]>): void {
    this.subscriptions.set(topic.name, { topic, handler: handler as MessageHandler<unknown> });
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...this.subscriptions.keys()], fromBeginning: this.options.fromBeginning ?? true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async (payload) => {
        const { batch } = payload;
        const subscription = this.subscriptions.get(batch.topic);
        if (!subscription) return;
        let uncommitted: string | undefined;
        let pending = 0;
        const commit = async () => {
          if (uncommitted === undefined) return;
          await this.consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(uncommitted) + 1n).toString() }]);
          uncommitted = undefined;
          pending = 0;
        };
        for (const message of batch.messages) {
          if (!payload.isRunning() || payload.isStale()) break;
          await this.process(subscription, batch.partition, message);
          payload.resolveOffset(message.offset);
          uncommitted = message.offset;
          if (++pending >= COMMIT_EVERY) await commit();
          await payload.heartbeat();
        }
        await commit();
      },
    });
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }

  /** Applies one record, or dead-letters it; only a failure to write the dead letter escapes (and stops the batch uncommitted). */
  private async process(subscription: Subscription, partition: number, message: KafkaMessage): Promise<void> {
    const topic = subscription.topic.name;
    let attempts = 0;
    try {
      const value = await this.registry.decode(subscription.topic, message.value);
      const consumed: ConsumedMessage<unknown> = {
        topic,
        partition,
        offset: message.offset,
        key: message.key?.toString('utf8') ?? null,
        messageId: headerText(message.headers, MESSAGE_ID_HEADER) ?? `${topic}/${partition}/${message.offset}`,
        value,
      };
      await backOff(
        () => {
          attempts++;
          return subscription.handler(consumed);
        },
        {
          numOfAttempts: this.retry.maxAttempts,
          startingDelay: this.retry.initialDelayMs,
          maxDelay: this.retry.maxDelayMs,
          jitter: 'full',
          retry: (error: unknown) => !(error instanceof PermanentMessageError),
        },
      );
    } catch (error) {
      const permanent = error instanceof PermanentMessageError;
      await this.deadLetters.publish({
        reasonCode: permanent ? error.code : 'MESSAGING.RETRIES_EXHAUSTED',
        reason: permanent ? error.message : `gave up after ${attempts} attempts: ${(error as Error).message}`,
        originalValue: message.value,
        originalKey: message.key,
        originalHeaders: Object.entries(message.headers ?? {}).flatMap(([key, value]) =>
          (Array.isArray(value) ? value : [value]).map((one) => ({ key, value: one === undefined ? null : Buffer.from(one) })),
        ),
        sourceTopic: topic,
        sourcePartition: partition,
        sourceOffset: message.offset,
        attempts: Math.max(attempts, 1),
      });
    }
  }
}

function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}
