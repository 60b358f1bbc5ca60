import { Inject, Injectable } from '@nestjs/common';
import { AsnRejected, readDespatchAdvice, type AdvanceShippingNotice } from '@lotbridge/asn';
import { TOPICS, lotKey } from '@lotbridge/contracts';
import { toLotMasterContract } from '@lotbridge/lot-contracts';
import { outboxEntry } from '@lotbridge/messaging';
import { InboundDocumentIntake, IntakeOutcome, ReadDocument } from '@lotbridge/persistence';
import { ASN_CONFIG, AsnAdapterConfig } from '../asn.config';
import { insertNotice } from '../persistence/asn.repository';
import { ADAPTER_DEAD_LETTERS, ASN_ADAPTER, OutboxRelayService } from '../persistence/outbox-relay.service';
import { PrismaService } from '../persistence/prisma.service';

/** What the supplier is told about an accepted (or duplicate) notice. */
export interface AsnSummary {
  /** GET /asns/:asnKey; the raw document's id of the accepted notice (for a duplicate: the earlier one's) */
  asnKey: string;
  asnId: string;
  format: AdvanceShippingNotice['format'];
  supplier: string;
  lines: Array<{ lineNumber: string; item: string; batchNumber: string; quantity: string; unit: string; sscc?: string; expiryDate?: string }>;
  warnings: string[];
}

export type AsnIntakeResult = IntakeOutcome<AsnSummary>;

/** The system name lot master data from a notice carries as its source: the supplier's own documents. */
const sourceSystem = (supplier: string) => `ASN:${supplier}`;

/**
 * Takes an ASN in through the shared raw-first intake (libs/persistence): the raw bytes are kept first; the
 * expected receipts (asn, asn_line), the lot master data they announce (lot.master.v1: expiry, production date,
 * the supplier's batch) and the document's status are written in one transaction. The same supplier and ASN id
 * again is a duplicate and changes nothing; a bad document is rejected with a dead letter.
 */
@Injectable()
export class AsnIntakeService {
  private readonly intake: InboundDocumentIntake;

  constructor(
    prisma: PrismaService,
    relay: OutboxRelayService,
    @Inject(ASN_CONFIG) private readonly config: AsnAdapterConfig,
  ) {
    this.intake = new InboundDocumentIntake(prisma, { service: ASN_ADAPTER, deadLetters: ADAPTER_DEAD_LETTERS, wake: () => relay.wake() });
  }

  async receive(body: Buffer, contentType: string | undefined): Promise<AsnIntakeResult> {
    const result = await this.intake.receive(body, contentType, (bytes, documentId) => this.read(bytes, documentId), (error) => (error instanceof AsnRejected ? error : undefined));
    // A duplicate's notice is the earlier document's.
    return result.status === 'duplicate' && result.duplicateOf !== undefined ? { ...result, asnKey: result.duplicateOf } : result;
  }

  private read(body: Buffer, documentId: bigint): ReadDocument<AsnSummary> {
    const notice = readDespatchAdvice(body, { itemMapping: this.config.itemMapping });
    const recordedAt = new Date().toISOString();
    return {
      identity: { documentType: 'DespatchAdvice', sender: notice.supplier, documentNumber: notice.asnId },
      messages: notice.lines.map((line) => {
        const source = { system: sourceSystem(notice.supplier), document: notice.asnId, line: line.lineNumber };
        const lot = {
          item: line.item,
          batchNumber: line.batchNumber,
          ...(line.productionDate !== undefined && { productionDate: line.productionDate }),
          ...(line.expiryDate !== undefined && { expiryDate: line.expiryDate }),
          supplier: notice.supplier,
          // the notice's batch is the supplier's own: Lotbridge takes it over unchanged as the lot's batch number
          supplierBatchNumber: line.batchNumber,
          source,
        };
        return outboxEntry(TOPICS.lotMaster, lotKey(line.item, line.batchNumber), `lot-master|${source.system}|${source.document}|${source.line}`, toLotMasterContract(lot, recordedAt));
      }),
      persist: async (tx, id) => {
        await insertNotice(tx, id, notice, new Date(Date.now() + this.config.shortAfterMs));
      },
      summary: {
        asnKey: documentId.toString(),
        asnId: notice.asnId,
        format: notice.format,
        supplier: notice.supplier,
        lines: notice.lines.map(({ lineNumber, item, batchNumber, quantity, unit, sscc, expiryDate }) => ({
          lineNumber, item, batchNumber, quantity, unit, ...(sscc !== undefined && { sscc }), ...(expiryDate !== undefined && { expiryDate }),
        })),
        warnings: notice.warnings,
      },
    };
  }
}
