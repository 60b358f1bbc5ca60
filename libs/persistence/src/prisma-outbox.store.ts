import type { OutboxEntry, OutboxStore, StoredOutboxEntry } from '@lotbridge/messaging';
import { RawSql, TransactionalRawSql } from './raw-sql';

/**
 * The outbox table of an app (in its schema.prisma):
 *   model OutboxMessage {
 *     id BigInt @id @default(autoincrement())  topic String  key String  messageId String @map("message_id")
 *     payload Bytes  createdAt DateTime @default(now()) @map("created_at")  publishedAt DateTime? @map("published_at")
 *     @@index([publishedAt, id])  @@map("outbox_message")
 *   }
 */
export async function writeOutbox(tx: RawSql, entries: OutboxEntry[]): Promise<void> {
  for (const entry of entries) {
    await tx.$executeRawUnsafe(
      'INSERT INTO outbox_message (topic, key, message_id, payload) VALUES ($1, $2, $3, $4)',
      entry.topic,
      entry.key,
      entry.messageId,
      entry.payload,
    );
  }
}

export class PrismaOutboxStore implements OutboxStore {
  constructor(private readonly prisma: TransactionalRawSql) {}

  publishPending(limit: number, publish: (entries: StoredOutboxEntry[]) => Promise<void>): Promise<number> {
    return this.prisma.$transaction(async (tx) => {
      // SKIP LOCKED: a second relay (another replica) takes other rows instead of waiting or sending twice.
      const rows = await tx.$queryRawUnsafe<Array<{ id: bigint; topic: string; key: string; message_id: string; payload: Uint8Array }>>(
        'SELECT id, topic, key, message_id, payload FROM outbox_message WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED',
        limit,
      );
      if (rows.length === 0) return 0;
      await publish(rows.map((row) => ({ id: row.id, topic: row.topic, key: row.key, messageId: row.message_id, payload: Buffer.from(row.payload) })));
      await tx.$executeRawUnsafe('UPDATE outbox_message SET published_at = now() WHERE id = ANY($1::bigint[])', rows.map((row) => row.id));
      return rows.length;
    }, { timeout: 60_000 }); // the broker may take a while to accept the batch; the rows stay locked meanwhile
  }
}
