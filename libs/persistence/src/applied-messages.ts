import { RawSql } from './raw-sql';

/**
 * Records, inside the handler's transaction, that a message id has been applied. Returns false when it was
 * applied before: the caller then does nothing, so a redelivered or re-sent message changes nothing.
 * Table (in every consuming app's schema.prisma):
 *   model AppliedMessage { messageId String @id @map("message_id")  appliedAt DateTime @default(now()) @map("applied_at")  @@map("applied_message") }
 */
export async function recordAppliedMessage(tx: RawSql, messageId: string): Promise<boolean> {
  const inserted = await tx.$executeRawUnsafe('INSERT INTO applied_message (message_id) VALUES ($1) ON CONFLICT (message_id) DO NOTHING', messageId);
  return inserted === 1;
}
