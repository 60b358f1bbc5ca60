import { ContractTypes, TOPICS, TopicContract, avroTypeOf, invalidPaths } from '@lotbridge/contracts';
import { ContractRegistry } from './contract-registry';
import { ContractProducer } from './contract-producer';

/** A message written in the same database transaction as the state change it announces. */
export interface OutboxEntry {
  topic: string;
  key: string;
  messageId: string;
  /** Avro binary of the topic's current contract, without the wire-format header */
  payload: Buffer;
}

export interface StoredOutboxEntry extends OutboxEntry {
  id: bigint;
}

/** The service's outbox table, seen by the relay. */
export interface OutboxStore {
  /**
   * In one transaction: lock up to `limit` unpublished entries in write order, hand them to `publish`, and
   * mark them published when it resolves. Returns how many were published.
   */
  publishPending(limit: number, publish: (entries: StoredOutboxEntry[]) => Promise<void>): Promise<number>;
}

/** Encodes a contract value for the outbox, refusing (with the field paths) what the contract cannot carry. */
export function outboxEntry<T extends TopicContract>(topic: T, key: string, messageId: string, value: ContractTypes[T['contract']]): OutboxEntry {
  const paths = invalidPaths(topic.contract, value);
  if (paths.length > 0) throw new Error(`${topic.contract} for ${topic.name} is invalid at: ${paths.join(', ')}`);
  return { topic: topic.name, key, messageId, payload: avroTypeOf(topic.contract).toBuffer(value) };
}

export interface OutboxRelayOptions {
  pollIntervalMs?: number;
  batchSize?: number;
  /** topics this service may publish through its outbox (besides the shared ones) */
  topics?: TopicContract[];
  onError?: (error: unknown) => void;
}

/**
 * Publishes the outbox to Kafka with the idempotent producer, in write order. It runs after every commit that
 * wrote entries (wake) and on a timer, so that entries left by a crash are published on the next start.
 * A crash between send and mark publishes an entry twice: consumers recognise it by its message id.
 */
export class OutboxRelay {
  private readonly topics: Map<string, TopicContract>;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;

  constructor(
    private readonly store: OutboxStore,
    private readonly producer: ContractProducer,
    private readonly registry: ContractRegistry,
    private readonly options: OutboxRelayOptions = {},
  ) {
    const all: TopicContract[] = [...Object.values(TOPICS), ...(options.topics ?? [])];
    this.topics = new Map(all.map((topic) => [topic.name, topic]));
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.batchSize = options.batchSize ?? 500;
  }

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Publishes soon: call after a transaction that wrote outbox entries has committed. */
  wake(): void {
    if (this.running) this.again = true;
    else void this.run();
  }

  /** Publishes everything pending now; resolves when the outbox is empty. */
  async drain(): Promise<void> {
    await this.running;
    while ((await this.publishOnce()) > 0);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.run(), this.pollIntervalMs);
  }

  private async run(): Promise<void> {
    if (this.running) return this.running;
    if (this.timer) clearTimeout(this.timer);
    this.running = (async () => {
      try {
        do {
          this.again = false;
          while ((await this.publishOnce()) === this.batchSize);
        } while (this.again);
      } catch (error) {
        (this.options.onError ?? ((e) => process.stderr.write(`[outbox] publishing failed, will retry: ${String(e)}\n`)))(error);
      } finally {
        this.running = undefined;
        this.schedule();
      }
    })();
    return this.running;
  }

  private publishOnce(): Promise<number> {
    return this.store.publishPending(this.batchSize, async (entries) => {
      const framed = await Promise.all(
        entries.map(async (entry) => {
          const topic = this.topics.get(entry.topic);
          if (!topic) throw new Error(`outbox entry ${entry.id} names topic ${entry.topic}, which this relay does not know`);
          return { topic: entry.topic, key: entry.key, messageId: entry.messageId, value: this.registry.frame(await this.registry.schemaIdFor(topic), entry.payload) };
        }),
      );
      await this.producer.sendFramed(framed);
    });
  }
}
