import { ContractName } from './codecs';

/**
 * Kafka topics, named by domain and version. Each carries one contract, registered in the schema registry
 * under the subject "<topic>-value" (Confluent TopicNameStrategy) so that analytics tools can read it.
 */
export interface TopicContract {
  name: string;
  contract: ContractName;
  /** compacted topics keep the latest record per key (master data) */
  compacted: boolean;
  partitions: number;
}

export const TOPICS = {
  lotMovements: { name: 'lot.movements.v1', contract: 'LotMovement', compacted: false, partitions: 3 },
  lotMaster: { name: 'lot.master.v1', contract: 'LotMasterData', compacted: true, partitions: 3 },
  lotStatus: { name: 'lot.status.v1', contract: 'LotStatusChanged', compacted: false, partitions: 3 },
  alerts: { name: 'alerts.v1', contract: 'Alert', compacted: false, partitions: 1 },
  lotReservations: { name: 'allocation.reservations.v1', contract: 'LotReservation', compacted: false, partitions: 3 },
  traceRecalls: { name: 'trace.recalls.v1', contract: 'RecallCase', compacted: false, partitions: 1 },
} as const satisfies Record<string, TopicContract>;

/** One dead-letter topic per consuming service or adapter. */
export function deadLetterTopic(service: string): TopicContract & { contract: 'DeadLetter' } {
  return { name: `deadletter.${service}.v1`, contract: 'DeadLetter', compacted: false, partitions: 1 } as const satisfies TopicContract;
}

export function valueSubject(topic: string): string {
  return `${topic}-value`;
}

/** Key of every lot-keyed message: unambiguous whatever characters the batch number holds. */
export function lotKey(item: string, batchNumber: string): string {
  return JSON.stringify([item, batchNumber]);
}
