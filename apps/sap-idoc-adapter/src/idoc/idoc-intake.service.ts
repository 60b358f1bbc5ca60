import { Inject, Injectable } from '@nestjs/common';
import { TOPICS, lotKey } from '@lotbridge/contracts';
import { toLotMasterContract, toMovementContract } from '@lotbridge/lot-contracts';
import { outboxEntry } from '@lotbridge/messaging';
import { InboundDocumentIntake, IntakeOutcome, ReadDocument } from '@lotbridge/persistence';
import { IdocRejected, readInboundIdoc, type IdocAcknowledgement, type InboundIdoc, type SkippedItem } from '@lotbridge/sap-idoc';
import { enqueueOutbound } from '../outbound/sap-outbound.queue';
import { SapOutboundSender } from '../outbound/sap-outbound.sender';
import { ADAPTER_DEAD_LETTERS, OutboxRelayService, SAP_IDOC_ADAPTER } from '../persistence/outbox-relay.service';
import { PrismaService } from '../persistence/prisma.service';
import { SAP_ADAPTER_CONFIG, type SapAdapterConfig } from '../sap-adapter.config';

/** What the sender is told about an accepted (or duplicate) IDoc. */
export interface IdocSummary {
  idocNumber: string | null;
  /** DESADV, MBGMCR, WMMBXY or BATMAS */
  messageType: string;
  idocType: string;
  /** deliveries: the delivery number (VBELN) and its direction */
  deliveryNumber?: string;
  direction?: string;
  movements: Array<{ movementId: string; kind: string; item: string; batchNumber: string; quantity: string; unit: string; from: string; to: string; reversal?: true }>;
  lots: Array<{ item: string; batchNumber: string; expiryDate?: string; productionDate?: string; supplierBatchNumber?: string }>;
  skippedItems: SkippedItem[];
}

export type IntakeResult = IntakeOutcome<IdocSummary> & { acknowledgement: IdocAcknowledgement; sender: string | null };

/** The IDoc's number, type and sender read from bytes that could not be parsed: best effort, for the acknowledgement only. */
function controlFieldsOf(body: Buffer): { docnum?: string; messageType?: string; sender?: string } {
  const head = body.subarray(0, 64 * 1024).toString('utf8');
  const field = (name: string) => new RegExp(`<${name}>([^<]{1,40})</${name}>`).exec(head)?.[1];
  return { docnum: field('DOCNUM'), messageType: field('MESTYP'), sender: field('SNDPRN') };
}

/**
 * Takes an IDoc in through the shared raw-first intake (libs/persistence): the raw bytes are kept first; the
 * movements, lot master data and the document's status are written in one transaction through the outbox. A
 * document already accepted (same sender, type and DOCNUM) is a duplicate and publishes nothing; a bad one is
 * rejected with a dead letter. Every outcome has its ALEAUD acknowledgement (status 53 or 51), queued for SAP_ACK_URL
 * when one is configured: in the accepting transaction for an accepted IDoc, right after for the others.
 */
@Injectable()
export class IdocIntakeService {
  private readonly intake: InboundDocumentIntake;

  constructor(
    private readonly prisma: PrismaService,
    relay: OutboxRelayService,
    private readonly sender: SapOutboundSender,
    @Inject(SAP_ADAPTER_CONFIG) private readonly config: SapAdapterConfig,
  ) {
    this.intake = new InboundDocumentIntake(prisma, { service: SAP_IDOC_ADAPTER, deadLetters: ADAPTER_DEAD_LETTERS, wake: () => relay.wake() });
  }

  async receive(body: Buffer, contentType: string | undefined): Promise<IntakeResult> {
    let read: InboundIdoc | undefined;
    const outcome = await this.intake.receive(
      body,
      contentType,
      (bytes, documentId) => {
        read = readInboundIdoc(bytes, { senderTimeZone: this.config.senderTimeZone, goodsIssueDestination: this.config.goodsIssueDestination });
        return this.document(read, documentId);
      },
      (error) => (error instanceof IdocRejected ? error : undefined),
    );
    const fallback = controlFieldsOf(body);
    const control = read?.control;
    const ack: IdocAcknowledgement = {
      docnum: control?.DOCNUM ?? fallback.docnum,
      messageType: control?.MESTYP ?? fallback.messageType,
      documentId: outcome.documentId,
      ...(outcome.status === 'rejected'
        ? { status: '51' as const, code: outcome.code, text: `${outcome.code}: ${outcome.message}` }
        : { status: '53' as const, text: outcome.status === 'duplicate' ? `duplicate of document ${outcome.duplicateOf ?? ''}: posted before` : acceptedText(outcome) }),
    };
    const sender = control?.SNDPRN ?? fallback.sender ?? null;
    if (outcome.status !== 'accepted' && this.config.ackUrl) {
      await enqueueOutbound(this.prisma, `ack|${outcome.documentId}`, `ack|${outcome.documentId}`, { kind: 'ALEAUD', ack, receiver: sender ?? '' });
    }
    if (this.config.ackUrl) this.sender.wake();
    return { ...outcome, acknowledgement: ack, sender };
  }

  private document(idoc: InboundIdoc, documentId: bigint): ReadDocument<IdocSummary> {
    const { control, movements, lots, skippedItems } = idoc;
    const recordedAt = new Date().toISOString();
    const summary: IdocSummary = {
      idocNumber: control.DOCNUM ?? null,
      messageType: control.MESTYP ?? '',
      idocType: control.IDOCTYP ?? '',
      ...(idoc.type === 'delivery' && { deliveryNumber: idoc.idoc.delivery.VBELN, direction: idoc.direction }),
      movements: movements.map(({ movementId, kind, item, batchNumber, quantity, unit, from, to, reversal }) => ({
        movementId,
        kind,
        item,
        batchNumber,
        quantity,
        unit,
        from: `${from.kind}:${from.code}`,
        to: `${to.kind}:${to.code}`,
        ...(reversal && { reversal: true as const }),
      })),
      lots: lots.map(({ item, batchNumber, expiryDate, productionDate, supplierBatchNumber }) => ({ item, batchNumber, expiryDate, productionDate, supplierBatchNumber })),
      skippedItems,
    };
    return {
      identity: { documentType: control.MESTYP ?? '', sender: control.SNDPRN ?? null, documentNumber: control.DOCNUM ?? null },
      messages: [
        ...lots.map((lot) => outboxEntry(TOPICS.lotMaster, lotKey(lot.item, lot.batchNumber), `lot-master|${lot.source.system}|${lot.source.document}|${lot.source.line}`, toLotMasterContract(lot, recordedAt))),
        ...movements.map((movement) => outboxEntry(TOPICS.lotMovements, lotKey(movement.item, movement.batchNumber), movement.movementId, toMovementContract(movement))),
      ],
      summary,
      persist: async (tx) => {
        if (!this.config.ackUrl) return;
        const ack: IdocAcknowledgement = { docnum: control.DOCNUM, messageType: control.MESTYP, documentId: documentId.toString(), status: '53', text: acceptedText(summary) };
        await enqueueOutbound(tx, `ack|${documentId}`, `ack|${documentId}`, { kind: 'ALEAUD', ack, receiver: control.SNDPRN ?? '' });
      },
    };
  }
}

function acceptedText(summary: Pick<IdocSummary, 'movements' | 'lots' | 'skippedItems'>): string {
  return `posted by Lotbridge: ${summary.movements.length} lot movements, ${summary.lots.length} lots, ${summary.skippedItems.length} items without batch`;
}
