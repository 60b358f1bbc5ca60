import { createHash, randomUUID } from 'node:crypto';
import { DeadLetter, TOPICS, TopicContract } from '@lotbridge/contracts';
import { OutboxEntry, outboxEntry } from '@lotbridge/messaging';
import { writeOutbox } from './prisma-outbox.store';
import { RawSql, TransactionalRawSql } from './raw-sql';

/**
 * The raw-first intake every adapter shares: keep the bytes, read them, and either write what they mean (outbox
 * messages, adapter rows) with the document's status in one transaction, or refuse them with a dead letter.
 *
 * The table, in each adapter's schema.prisma (one copy per adapter schema, because no service reads another's):
 *   model InboundDocument {
 *     id BigInt @id @default(autoincrement())  receivedAt DateTime @default(now()) @map("received_at")
 *     contentType String? @map("content_type")  sha256 String  body Bytes
 *     documentType String? @map("document_type")  documentNumber String? @map("document_number")  sender String?
 *     status String  errorCode String? @map("error_code")  errorMessage String? @map("error_message")
 *     movementCount Int? @map("movement_count")  duplicateOf BigInt? @map("duplicate_of")  processedAt DateTime? @map("processed_at")
 *     @@index([sender, documentType, documentNumber, status])  @@index([sha256])  @@map("inbound_document")
 *   }
 */

/** Who sent a document and under which number: the same sender, type and number is the same document. */
export interface DocumentIdentity {
  documentType: string;
  sender: string | null;
  /** the sender's document number (IDoc DOCNUM, ASN id); without one, identical bytes are the same document */
  documentNumber: string | null;
}

/** What an adapter read from a document: its identity, the messages it means, and what to answer the sender. */
export interface ReadDocument<Summary> {
  identity: DocumentIdentity;
  messages: OutboxEntry[];
  summary: Summary;
  /**
   * Adapter rows written in the same transaction as the messages (e.g. an ASN's expected receipts), told the raw
   * document's id; may return further messages that depend on what it found there (e.g. discrepancies).
   */
  persist?: (tx: RawSql, documentId: bigint) => Promise<OutboxEntry[] | void>;
}

/** A document refused for a reason its sender can fix: a stable code (e.g. ASN.MISSING_BATCH) and a message naming the problem. */
export interface DocumentRejection {
  code: string;
  message: string;
}

export type IntakeOutcome<Summary> =
  | ({ status: 'accepted' | 'duplicate'; documentId: string; duplicateOf?: string } & Summary)
  | { status: 'rejected'; documentId: string; code: string; message: string; deadLetterId: string };

export interface IntakeOptions {
  /** the adapter's name, as in its dead-letter topic and raw-document references */
  service: string;
  deadLetters: TopicContract & { contract: 'DeadLetter' };
  /** nudges the outbox relay after a commit */
  wake: () => void;
}

/** How much of a refused document its dead letter carries. */
export const DEAD_LETTER_BODY_LIMIT = 512 * 1024;

export class InboundDocumentIntake {
  constructor(
    private readonly db: TransactionalRawSql,
    private readonly options: IntakeOptions,
  ) {}

  /**
   * `read` throws for a document it refuses; `rejectionOf` says which errors are refusals (anything else is a
   * failure of ours and propagates, leaving the raw copy in status `received`). `read` is told the raw copy's id
   * so that what it produces can point back to it.
   */
  async receive<Summary>(
    body: Buffer,
    contentType: string | undefined,
    read: (body: Buffer, documentId: bigint) => ReadDocument<Summary> | Promise<ReadDocument<Summary>>,
    rejectionOf: (error: unknown) => DocumentRejection | undefined,
  ): Promise<IntakeOutcome<Summary>> {
    const sha256 = createHash('sha256').update(body).digest('hex');
    const [{ id: documentId }] = await this.db.$queryRawUnsafe<[{ id: bigint }]>(
      "INSERT INTO inbound_document (content_type, sha256, body, status) VALUES ($1, $2, $3, 'received') RETURNING id",
      contentType ?? null,
      sha256,
      body,
    );
    let document: ReadDocument<Summary>;
    try {
      document = await read(body, documentId);
    } catch (error) {
      const rejection = rejectionOf(error);
      if (!rejection) throw error;
      return this.reject(documentId, body, rejection);
    }
    const { documentType, sender, documentNumber } = document.identity;
    const outcome = await this.db.$transaction(async (tx) => {
      // Serialises two copies of one document arriving at once: the second waits, then sees the first accepted.
      await tx.$executeRawUnsafe('SELECT pg_advisory_xact_lock(hashtext($1))', `${documentType}|${sender ?? ''}|${documentNumber ?? sha256}`);
      const [earlier] = documentNumber
        ? await tx.$queryRawUnsafe<Array<{ id: bigint }>>(
            "SELECT id FROM inbound_document WHERE document_type = $1 AND sender IS NOT DISTINCT FROM $2 AND document_number = $3 AND status = 'accepted' LIMIT 1",
            documentType,
            sender,
            documentNumber,
          )
        : await tx.$queryRawUnsafe<Array<{ id: bigint }>>("SELECT id FROM inbound_document WHERE sha256 = $1 AND status = 'accepted' LIMIT 1", sha256);
      if (earlier) {
        await tx.$executeRawUnsafe(
          "UPDATE inbound_document SET document_type = $2, sender = $3, document_number = $4, status = 'duplicate', duplicate_of = $5, processed_at = now() WHERE id = $1",
          documentId,
          documentType,
          sender,
          documentNumber,
          earlier.id,
        );
        return { status: 'duplicate' as const, duplicateOf: earlier.id.toString() };
      }
      const messages = [...document.messages, ...((await document.persist?.(tx, documentId)) ?? [])];
      await writeOutbox(tx, messages);
      const movementCount = messages.filter((message) => message.topic === TOPICS.lotMovements.name).length;
      await tx.$executeRawUnsafe(
        "UPDATE inbound_document SET document_type = $2, sender = $3, document_number = $4, status = 'accepted', movement_count = $5, processed_at = now() WHERE id = $1",
        documentId,
        documentType,
        sender,
        documentNumber,
        movementCount,
      );
      return { status: 'accepted' as const };
    });
    this.options.wake();
    return { ...document.summary, ...outcome, documentId: documentId.toString() };
  }

  /**
   * Refuses a kept document: status `rejected` with the code and message, and a dead letter carrying its bytes
   * (the first DEAD_LETTER_BODY_LIMIT of them: a Kafka record holds 1 MiB; the whole document stays in
   * inbound_document, which the dead letter's rawDocumentRef names).
   */
  async reject(documentId: bigint, body: Buffer, rejection: DocumentRejection): Promise<IntakeOutcome<never>> {
    const { service, deadLetters } = this.options;
    const deadLetter: DeadLetter = {
      deadLetterId: randomUUID(),
      service,
      reasonCode: rejection.code,
      reason: body.length > DEAD_LETTER_BODY_LIMIT ? `${rejection.message} (dead letter carries the first ${DEAD_LETTER_BODY_LIMIT} of ${body.length} bytes)` : rejection.message,
      sourceTopic: null,
      sourcePartition: null,
      sourceOffset: null,
      originalKey: null,
      originalValue: body.subarray(0, DEAD_LETTER_BODY_LIMIT),
      originalHeaders: [],
      rawDocumentRef: `${service}/inbound_document/${documentId}`,
      attempts: 1,
      failedAt: new Date().toISOString(),
    };
    await this.db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(
        "UPDATE inbound_document SET status = 'rejected', error_code = $2, error_message = $3, processed_at = now() WHERE id = $1",
        documentId,
        rejection.code,
        rejection.message,
      );
      await writeOutbox(tx, [outboxEntry(deadLetters, deadLetter.deadLetterId, deadLetter.deadLetterId, deadLetter)]);
    });
    this.options.wake();
    return { status: 'rejected', documentId: documentId.toString(), code: rejection.code, message: rejection.message, deadLetterId: deadLetter.deadLetterId };
  }
}
