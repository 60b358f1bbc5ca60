import { OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { TopicContract } from '@lotbridge/contracts';
import { ContractProducer } from '../contract-producer';
import { ContractRegistry } from '../contract-registry';
import { createKafka } from '../kafka-client';
import { OutboxRelay, OutboxStore } from '../outbox';
import { ensureTopics } from '../topic-admin';

/**
 * The outbox relay of one service as a NestJS provider: creates the topics it publishes to, starts relaying
 * on start-up (publishing what a crash left behind) and stops on shutdown. An app subclasses it with its store:
 *   @Injectable() class InventoryOutbox extends OutboxPublisher { constructor(p: PrismaService) { super(new PrismaOutboxStore(p), 'inventory-service', [TOPICS.alerts]) } }
 */
export abstract class OutboxPublisher implements OnModuleInit, OnApplicationShutdown {
  private readonly kafka;
  private readonly producer;
  private readonly relay;

  protected constructor(
    store: OutboxStore,
    service: string,
    private readonly topics: TopicContract[],
  ) {
    this.kafka = createKafka(service);
    const registry = new ContractRegistry();
    this.producer = new ContractProducer(this.kafka, registry);
    this.relay = new OutboxRelay(store, this.producer, registry, { topics });
  }

  async onModuleInit(): Promise<void> {
    await ensureTopics(this.kafka, this.topics);
    await this.producer.connect();
    this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    await this.producer.disconnect();
  }

  /** Publish soon: call after a transaction that wrote outbox entries has committed. */
  wake(): void {
    this.relay.wake();
  }

  drain(): Promise<void> {
    return this.relay.drain();
  }
}
