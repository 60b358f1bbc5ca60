import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { TOPICS, deadLetterTopic } from '@lotbridge/contracts';
import { ContractProducer, ContractRegistry, OutboxRelay, createKafka, ensureTopics } from '@lotbridge/messaging';
import { PrismaOutboxStore } from '@lotbridge/persistence';
import { PrismaService } from './prisma.service';

export const SAP_IDOC_ADAPTER = 'sap-idoc-adapter';
export const ADAPTER_DEAD_LETTERS = deadLetterTopic(SAP_IDOC_ADAPTER);

/** Publishes what the adapter wrote to its outbox: movements, lot master data and dead letters. */
@Injectable()
export class OutboxRelayService implements OnModuleInit, OnApplicationShutdown {
  private readonly kafka = createKafka(SAP_IDOC_ADAPTER);
  private readonly producer = new ContractProducer(this.kafka, new ContractRegistry());
  private readonly relay: OutboxRelay;

  constructor(prisma: PrismaService) {
    this.relay = new OutboxRelay(new PrismaOutboxStore(prisma), this.producer, new ContractRegistry(), { topics: [ADAPTER_DEAD_LETTERS] });
  }

  async onModuleInit(): Promise<void> {
    await ensureTopics(this.kafka, [TOPICS.lotMovements, TOPICS.lotMaster, ADAPTER_DEAD_LETTERS]);
    await this.producer.connect();
    this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    await this.producer.disconnect();
  }

  wake(): void {
    this.relay.wake();
  }

  drain(): Promise<void> {
    return this.relay.drain();
  }
}
