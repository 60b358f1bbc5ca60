import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DeadLetter, TOPICS, lotKey } from '@lotbridge/contracts';
import { toLotMasterContract, toMovementContract } from '@lotbridge/lot-contracts';
import { outboxEntry } from '@lotbridge/messaging';
import { writeOutbox } from '@lotbridge/persistence';
import { IdocRejected, readDeliveryIdoc, type DeliveryLotMapping, type SkippedItem } from '@lotbridge/sap-idoc';
import { ADAPTER_DEAD_LETTERS, OutboxRelayService, SAP_IDOC_ADAPTER } from '../persistence/outbox-relay.service';
import { PrismaService } from '../persistence/prisma.service';

export type IntakeResult =
  | {
      status: 'accepted' | 'duplicate';
      documentId: string;
      idocNumber: string | null;
      deliveryNumber: string;
      direction: DeliveryLotMapping['direction'];
      movements: Array<{ movementId: string; item: string; batchNumber: string; quantity: string; unit: string }>;
      skippedItems: SkippedItem[];
      duplicateOf?: string;
    }
  | { status: 'rejected'; documentId: string; code: string; message: string; deadLetterId: string };

/**
 * Takes an IDoc in: keeps the raw bytes first, then maps it and writes the movements, lot master data and the
 * document's status in one transaction through the outbox. A document already accepted (same sender and
 * DOCNUM) is recorded as a duplicate and publishes nothing; a bad document is rejected with a dead letter.
 */
@Injectable()
export class IdocIntakeService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly relay: OutboxRelayService,
  ) {}

  async receive(body: Buffer, contentType: string | undefined): Promise<IntakeResult> {
    const sha256 = createHash('sha256').update(body).digest('hex');
    const document = await this.prisma.inboundDocument.create({
      data: { body: new Uint8Array(body), contentType: contentType ?? null, sha256, status: 'received' },
      select: { id: true },
    });
    const documentId = document.id.toString();
    let mapping: ReturnType<typeof readDeliveryIdoc>;
    try {
      mapping = readDeliveryIdoc(body, { senderTimeZone: process.env['SAP_SENDER_TIME_ZONE'] });
    } catch (error) {
      if (!(error instanceof IdocRejected)) throw error;
      return this.reject(document.id, body, error);
    }
    const { idoc, movements, lots, direction, skippedItems } = mapping;
    const idocNumber = idoc.control.DOCNUM ?? null;
    const sender = idoc.control.SNDPRN ?? null;
    const result = await this.prisma.$transaction(async (tx) => {
      // An IDoc is the same IDoc when its sender and DOCNUM are; without a DOCNUM, when its bytes are.
      const sameIdoc = idocNumber ? { sender, idocNumber } : { sha256 };
      const earlier = await tx.inboundDocument.findFirst({ where: { ...sameIdoc, status: 'accepted' }, select: { id: true } });
      if (earlier) {
        await tx.inboundDocument.update({ where: { id: document.id }, data: { sender, idocNumber, status: 'duplicate', duplicateOf: earlier.id, processedAt: new Date() } });
        return { status: 'duplicate' as const, duplicateOf: earlier.id.toString() };
      }
      const recordedAt = new Date().toISOString();
      await writeOutbox(tx, [
        ...lots.map((lot) => outboxEntry(TOPICS.lotMaster, lotKey(lot.item, lot.batchNumber), `lot-master|${lot.source.system}|${lot.source.document}|${lot.source.line}`, toLotMasterContract(lot, recordedAt))),
        ...movements.map((movement) => outboxEntry(TOPICS.lotMovements, lotKey(movement.item, movement.batchNumber), movement.movementId, toMovementContract(movement))),
      ]);
      await tx.inboundDocument.update({ where: { id: document.id }, data: { sender, idocNumber, status: 'accepted', movementCount: movements.length, processedAt: new Date() } });
      return { status: 'accepted' as const };
    });
    this.relay.wake();
    return {
      ...result,
      documentId,
      idocNumber,
      deliveryNumber: idoc.delivery.VBELN,
      direction,
      movements: movements.map(({ movementId, item, batchNumber, quantity, unit }) => ({ movementId, item, batchNumber, quantity, unit })),
      skippedItems,
    };
  }

  private async reject(documentId: bigint, body: Buffer, error: IdocRejected): Promise<IntakeResult> {
    const deadLetter: DeadLetter = {
      deadLetterId: randomUUID(),
      service: SAP_IDOC_ADAPTER,
      reasonCode: error.code,
      reason: error.message,
      sourceTopic: null,
      sourcePartition: null,
      sourceOffset: null,
      originalKey: null,
      originalValue: body,
      originalHeaders: [],
      rawDocumentRef: `${SAP_IDOC_ADAPTER}/inbound_document/${documentId}`,
      attempts: 1,
      failedAt: new Date().toISOString(),
    };
    await this.prisma.$transaction(async (tx) => {
      await tx.inboundDocument.update({ where: { id: documentId }, data: { status: 'rejected', errorCode: error.code, errorMessage: error.message, processedAt: new Date() } });
      await writeOutbox(tx, [outboxEntry(ADAPTER_DEAD_LETTERS, deadLetter.deadLetterId, deadLetter.deadLetterId, deadLetter)]);
    });
    this.relay.wake();
    return { status: 'rejected', documentId: documentId.toString(), code: error.code, message: error.message, deadLetterId: deadLetter.deadLetterId };
  }
}
