import { OutboxEntry } from '@lotbridge/messaging';
import { RawSql } from '@lotbridge/persistence';

/**
 * Writes outbox entries in one statement (the decision path counts its database round trips). Payloads
 * travel hex-encoded: a text array is the one array type every driver layer passes through unchanged.
 */
export async function writeOutboxBatch(tx: RawSql, entries: readonly OutboxEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.$executeRawUnsafe(
    `INSERT INTO outbox_message (topic, key, message_id, payload)
     SELECT e.topic, e.key, e.message_id, decode(e.payload, 'hex')
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS e(topic, key, message_id, payload, n) ORDER BY e.n`,
    entries.map((e) => e.topic),
    entries.map((e) => e.key),
    entries.map((e) => e.messageId),
    entries.map((e) => e.payload.toString('hex')),
  );
}

/** true when a database error is worth running the whole transaction again (deadlock, serialization, unique race). */
export function isRetryable(error: unknown): boolean {
  const details = error as { code?: unknown; meta?: unknown; cause?: unknown } | null;
  const text = `${JSON.stringify(details?.code ?? '')} ${error instanceof Error ? error.message : String(error)} ${JSON.stringify(details?.meta ?? '')} ${JSON.stringify(details?.cause ?? '')}`;
  return /40P01|40001|23505|deadlock|could not serialize|duplicate key|Unique constraint/i.test(text);
}
