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

/**
 * Applies consecutive messages of one partition together, in one database transaction, with the same
 * duty as a MessageHandler for each. If it fails, the consumer applies the same messages one by one with the
 * single-message handler (retries, dead letters), so one bad message never holds up or loses the others.
 */
export type BatchHandler<T> = (messages: ConsumedMessage<T>[]) => Promise<void>;

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
  batchHandler?: BatchHandler<unknown>;
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

  subscribe<T extends TopicContract>(topic: T, handler: MessageHandler<ContractTypes[T['contract']]>, batchHandler?: BatchHandler<ContractTypes[T['contract']]>): void {
    this.subscriptions.set(topic.name, { topic, handler: handler as MessageHandler<unknown>, batchHandler: batchHandler as BatchHandler<unknown> | undefined });
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
        const { batchHandler } = subscription;
        for (let start = 0; start < batch.messages.length; start += COMMIT_EVERY) {
          if (!payload.isRunning() || payload.isStale()) break;
          const chunk = batch.messages.slice(start, start + COMMIT_EVERY);
          if (batchHandler && (await this.applyTogether(subscription, batchHandler, batch.partition, chunk))) {
            const last = chunk[chunk.length - 1];
            if (last) {
              payload.resolveOffset(last.offset);
              uncommitted = last.offset;
            }
            await commit();
            await payload.heartbeat();
            continue;
          }
          for (const message of chunk) {
            if (!payload.isRunning() || payload.isStale()) break;
            await this.process(subscription, batch.partition, message);
            payload.resolveOffset(message.offset);
            uncommitted = message.offset;
            if (++pending >= COMMIT_EVERY) await commit();
            await payload.heartbeat();
          }
        }
        await commit();
      },
    });
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }

  /** True when the batch handler applied the whole chunk; false sends the chunk through `process` one by one. */
  private async applyTogether(subscription: Subscription, batchHandler: BatchHandler<unknown>, partition: number, chunk: KafkaMessage[]): Promise<boolean> {
    try {
      const decoded = await Promise.all(chunk.map((message) => this.decode(subscription, partition, message)));
      await batchHandler(decoded);
      return true;
    } catch {
      return false;
    }
  }

  private async decode(subscription: Subscription, partition: number, message: KafkaMessage): Promise<ConsumedMessage<unknown>> {
    const topic = subscription.topic.name;
    return {
      topic,
      partition,
      offset: message.offset,
      key: message.key?.toString('utf8') ?? null,
      messageId: headerText(message.headers, MESSAGE_ID_HEADER) ?? `${topic}/${partition}/${message.offset}`,
      value: await this.registry.decode(subscription.topic, message.value),
    };
  }

  /** Applies one record, or dead-letters it; only a failure to write the dead letter escapes (and stops the batch uncommitted). */
  private async process(subscription: Subscription, partition: number, message: KafkaMessage): Promise<void> {
    const topic = subscription.topic.name;
    let attempts = 0;
    try {
      const consumed = await this.decode(subscription, partition, message);
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
