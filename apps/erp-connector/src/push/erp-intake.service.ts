import { Inject, Injectable } from '@nestjs/common';
import { TOPICS, lotKey } from '@lotbridge/contracts';
import { ErpDocumentRejected, type ErpSystem, erpDocumentToLotMovements, readKingdeeDocument, readYonyouDocument } from '@lotbridge/erp-documents';
import { JsonDocumentRejected, readJsonDocument } from '@lotbridge/json-document';
import { toLotMasterContract, toMovementContract } from '@lotbridge/lot-contracts';
import { outboxEntry } from '@lotbridge/messaging';
import { InboundDocumentIntake, IntakeOutcome, ReadDocument } from '@lotbridge/persistence';
import { ERP_CONFIG, ErpConnectorConfig } from '../erp.config';
import { ItemCatalogueRepository } from '../items/item-catalogue.repository';
import { CONNECTOR_DEAD_LETTERS, ERP_CONNECTOR, OutboxRelayService } from '../persistence/outbox-relay.service';
import { PrismaService } from '../persistence/prisma.service';

/** What an ERP is told about an accepted (or duplicate) document. */
export interface ErpDocumentSummary {
  erp: ErpSystem;
  documentType: string;
  billNumber: string;
  movements: Array<{ movementId: string; item: string; batchNumber: string; quantity: string; unit: string }>;
}

export type ErpIntakeResult = IntakeOutcome<ErpDocumentSummary>;

/**
 * Takes one ERP document (pushed by the ERP or assembled from a pulled page) in through the shared raw-first
 * intake: the bytes are kept first; movements, lot master data and the status are written in one transaction.
 * The identity is (erp:documentType, "KINGDEE:<account>", bill number): the same bill pushed twice, or pushed and
 * pulled, is applied once.
 */
@Injectable()
export class ErpIntakeService {
  private readonly intake: InboundDocumentIntake;

  constructor(
    prisma: PrismaService,
    relay: OutboxRelayService,
    private readonly items: ItemCatalogueRepository,
    @Inject(ERP_CONFIG) private readonly config: ErpConnectorConfig,
  ) {
    this.intake = new InboundDocumentIntake(prisma, { service: ERP_CONNECTOR, deadLetters: CONNECTOR_DEAD_LETTERS, wake: () => relay.wake() });
  }

  receive(erp: ErpSystem, documentType: string, body: Buffer, contentType: string | undefined): Promise<ErpIntakeResult> {
    return this.intake.receive(body, contentType, (bytes) => this.read(erp, documentType, bytes), rejectionOf);
  }

  private async read(erp: ErpSystem, documentType: string, body: Buffer): Promise<ReadDocument<ErpDocumentSummary>> {
    const endpoint = this.config[erp];
    const what = `${erp === 'kingdee' ? 'Kingdee' : 'Yonyou'} ${documentType} document`;
    const received = { json: readJsonDocument(body, { maxBytes: this.config.maxDocumentBytes, what }), text: body.toString('utf8') };
    const document = erp === 'kingdee' ? readKingdeeDocument(documentType, received, endpoint) : readYonyouDocument(documentType, received, endpoint);
    const items = await this.items.catalogueFor(erp, document.lines.map((line) => line.erpItem));
    const { movements, lots } = erpDocumentToLotMovements(document, { items, deliveryLegs: this.config.deliveryLegs });
    const recordedAt = new Date().toISOString();
    return {
      identity: { documentType: `${erp}:${documentType}`, sender: document.system, documentNumber: document.number },
      messages: [
        ...lots.map((lot) => outboxEntry(TOPICS.lotMaster, lotKey(lot.item, lot.batchNumber), `lot-master|${lot.source.system}|${lot.source.document}|${lot.source.line}`, toLotMasterContract(lot, recordedAt))),
        ...movements.map((movement) => outboxEntry(TOPICS.lotMovements, lotKey(movement.item, movement.batchNumber), movement.movementId, toMovementContract(movement))),
      ],
      summary: {
        erp,
        documentType,
        billNumber: document.number,
        movements: movements.map(({ movementId, item, batchNumber, quantity, unit }) => ({ movementId, item, batchNumber, quantity, unit })),
      },
    };
  }
}

function rejectionOf(error: unknown): { code: string; message: string } | undefined {
  if (error instanceof ErpDocumentRejected || error instanceof JsonDocumentRejected) return { code: error.code, message: error.message };
  return undefined;
}
