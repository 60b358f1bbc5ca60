import { randomUUID } from 'node:crypto';
import { DeadLetter, TopicContract, deadLetterTopic } from '@lotbridge/contracts';
import { ContractProducer } from './contract-producer';

export interface DeadLetterInput {
  reasonCode: string;
  reason: string;
  originalValue: Buffer | null;
  originalKey?: Buffer | null;
  originalHeaders?: Array<{ key: string; value: Buffer | null }>;
  sourceTopic?: string;
  sourcePartition?: number;
  sourceOffset?: string;
  rawDocumentRef?: string;
  attempts?: number;
}

/** Writes dead-letter records of one service: the original bytes, where they came from and why they were refused. */
export class DeadLetterPublisher {
  readonly topic: TopicContract;

  constructor(
    private readonly service: string,
    private readonly producer: ContractProducer,
  ) {
    this.topic = deadLetterTopic(service);
  }

  async publish(input: DeadLetterInput): Promise<DeadLetter> {
    const record: DeadLetter = {
      deadLetterId: randomUUID(),
      service: this.service,
      reasonCode: input.reasonCode,
      reason: input.reason,
      sourceTopic: input.sourceTopic ?? null,
      sourcePartition: input.sourcePartition ?? null,
      sourceOffset: input.sourceOffset === undefined ? null : Number(input.sourceOffset),
      originalKey: input.originalKey ?? null,
      originalValue: input.originalValue,
      originalHeaders: input.originalHeaders ?? [],
      rawDocumentRef: input.rawDocumentRef ?? null,
      attempts: input.attempts ?? 1,
      failedAt: new Date().toISOString(),
    };
    await this.producer.send(this.topic, [{ key: record.deadLetterId, messageId: record.deadLetterId, value: record }]);
    return record;
  }
}
