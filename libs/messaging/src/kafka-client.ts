import { Kafka, LogEntry, logLevel } from 'kafkajs';

/**
 * kafkajs logs ERROR lines while a fresh broker's group coordinator loads ("The coordinator is loading",
 * "group coordinator is not available") and then retries successfully: those are noise and are dropped here.
 */
const TRANSIENT_NOISE = /coordinator is (loading|not available)|There is no leader for this topic-partition|This server does not host this topic-partition/i;

function logCreator() {
  return ({ level, label, log }: LogEntry) => {
    const { message, ...extra } = log;
    if (level > logLevel.WARN || TRANSIENT_NOISE.test(String(message)) || TRANSIENT_NOISE.test(String(extra['error']))) return;
    process.stderr.write(`[kafkajs] ${label} ${message} ${JSON.stringify(extra)}\n`);
  };
}

export function brokersFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  const brokers = env['KAFKA_BROKERS'];
  if (!brokers) throw new Error('KAFKA_BROKERS is not set (e.g. 127.0.0.1:19092); `npm run infra:up` writes it to .run/env');
  return brokers.split(',').map((broker) => broker.trim());
}

export function createKafka(clientId: string, brokers: string[] = brokersFromEnv()): Kafka {
  return new Kafka({ clientId, brokers, logLevel: logLevel.WARN, logCreator, retry: { initialRetryTime: 100, retries: 8 } });
}
