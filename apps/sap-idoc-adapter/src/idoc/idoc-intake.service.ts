import { Injectable } from '@nestjs/common';
import { TOPICS, lotKey } from '@lotbridge/contracts';
import { toLotMasterContract, toMovementContract } from '@lotbridge/lot-contracts';
import { outboxEntry } from '@lotbridge/messaging';
import { InboundDocumentIntake, IntakeOutcome, ReadDocument } from '@lotbridge/persistence';
import { IdocRejected, readDeliveryIdoc, type DeliveryLotMapping, type SkippedItem } from '@lotbridge/sap-idoc';
import { ADAPTER_DEAD_LETTERS, OutboxRelayService, SAP_IDOC_ADAPTER } from '../persistence/outbox-relay.service';
import { PrismaService } from '../persistence/prisma.service';

/** What the sender is told about an accepted (or duplicate) delivery IDoc. */
export interface DeliveryIdocSummary {
  idocNumber: string | null;
  deliveryNumber: string;
  direction: DeliveryLotMapping['direction'];
  movements: Array<{ movementId: string; item: string; batchNumber: string; quantity: string; unit: string }>;
  skippedItems: SkippedItem[];
}

export type IntakeResult = IntakeOutcome<DeliveryIdocSummary>;

/**
 * Takes an IDoc in through the shared raw-first intake (libs/persistence): the raw bytes are kept first; the
 * movements, lot master data and the document's status are written in one transaction through the outbox. A
 * document already accepted (same sender and DOCNUM) is a duplicate and publishes nothing; a bad one is rejected
 * with a dead letter.
 */
@Injectable()
export class IdocIntakeService {
  private readonly intake: InboundDocumentIntake;

  constructor(prisma: PrismaService, relay: OutboxRelayService) {
    this.intake = new InboundDocumentIntake(prisma, { service: SAP_IDOC_ADAPTER, deadLetters: ADAPTER_DEAD_LETTERS, wake: () => relay.wake() });
  }

  receive(body: Buffer, contentType: string | undefined): Promise<IntakeResult> {
    return this.intake.receive(body, contentType, readIdoc, (error) => (error instanceof IdocRejected ? error : undefined));
  }
}

function readIdoc(body: Buffer): ReadDocument<DeliveryIdocSummary> {
  const { idoc, movements, lots, direction, skippedItems } = readDeliveryIdoc(body, { senderTimeZone: process.env['SAP_SENDER_TIME_ZONE'] });
  const recordedAt = new Date().toISOString();
  return {
    identity: { documentType: idoc.control.MESTYP, sender: idoc.control.SNDPRN ?? null, documentNumber: idoc.control.DOCNUM ?? null },
    messages: [
      ...lots.map((lot) => outboxEntry(TOPICS.lotMaster, lotKey(lot.item, lot.batchNumber), `lot-master|${lot.source.system}|${lot.source.document}|${lot.source.line}`, toLotMasterContract(lot, recordedAt))),
      ...movements.map((movement) => outboxEntry(TOPICS.lotMovements, lotKey(movement.item, movement.batchNumber), movement.movementId, toMovementContract(movement))),
    ],
    summary: {
      idocNumber: idoc.control.DOCNUM ?? null,
      deliveryNumber: idoc.delivery.VBELN,
      direction,
      movements: movements.map(({ movementId, item, batchNumber, quantity, unit }) => ({ movementId, item, batchNumber, quantity, unit })),
      skippedItems,
    },
  };
}
