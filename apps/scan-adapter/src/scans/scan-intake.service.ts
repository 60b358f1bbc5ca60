import { Injectable } from '@nestjs/common';
import { TOPICS, lotKey } from '@lotbridge/contracts';
import { ScanRejected, parseScan } from '@lotbridge/gs1';
import { JsonDocumentRejected, readJsonDocument } from '@lotbridge/json-document';
import { toMovementContract } from '@lotbridge/lot-contracts';
import { outboxEntry } from '@lotbridge/messaging';
import { InboundDocumentIntake, IntakeOutcome, ReadDocument } from '@lotbridge/persistence';
import { ScanAction, ScanRequestRejected, readScanRequest, scanMovement } from '@lotbridge/scan-movements';
import { ADAPTER_DEAD_LETTERS, OutboxRelayService, SCAN_ADAPTER } from '../persistence/outbox-relay.service';
import { PrismaService } from '../persistence/prisma.service';

/** A scan request is a handful of fields; anything near this is not a scan. */
export const MAX_SCAN_REQUEST_BYTES = 16 * 1024;

export interface ScanSummary {
  movement: { movementId: string; kind: string; item: string; batchNumber: string; quantity: string; unit: string; from: string; to: string; expiryDate: string | null; sscc: string | null };
  gtin: string;
  symbology: string | null;
}

export type ScanIntakeResult = IntakeOutcome<ScanSummary>;

/**
 * Scans through the shared raw-first intake: the request is kept, the barcode parsed (libs/gs1) and mapped to one
 * movement (libs/scan-movements), written to the outbox with the document's status. The device's scan id makes a
 * retry a duplicate (nothing published again) while a second scan of the same label is a new movement.
 */
@Injectable()
export class ScanIntakeService {
  private readonly intake: InboundDocumentIntake;

  constructor(
    private readonly prisma: PrismaService,
    relay: OutboxRelayService,
  ) {
    this.intake = new InboundDocumentIntake(prisma, { service: SCAN_ADAPTER, deadLetters: ADAPTER_DEAD_LETTERS, wake: () => relay.wake() });
  }

  receive(action: ScanAction, body: Buffer, contentType: string | undefined): Promise<ScanIntakeResult> {
    return this.intake.receive(body, contentType, (bytes) => this.read(action, bytes), rejectionOf);
  }

  private async read(action: ScanAction, body: Buffer): Promise<ReadDocument<ScanSummary>> {
    const request = readScanRequest(action, readJsonDocument(body, { maxBytes: MAX_SCAN_REQUEST_BYTES, what: 'scan request' }));
    const receivedAt = new Date().toISOString();
    const scan = parseScan(request.scan, { today: receivedAt.slice(0, 10) });
    const gtin = scan.gtin ?? scan.contentGtin;
    const mapped = gtin === undefined ? undefined : (await this.prisma.$queryRawUnsafe<Array<{ item: string }>>('SELECT item FROM gtin_item WHERE gtin = $1', gtin))[0]?.item;
    const movement = scanMovement(request, scan, { itemOf: (code) => mapped ?? code, receivedAt });
    return {
      identity: { documentType: `scan-${action}`, sender: request.deviceId, documentNumber: request.scanId },
      messages: [outboxEntry(TOPICS.lotMovements, lotKey(movement.item, movement.batchNumber), movement.movementId, toMovementContract(movement))],
      summary: {
        movement: {
          movementId: movement.movementId,
          kind: movement.kind,
          item: movement.item,
          batchNumber: movement.batchNumber,
          quantity: movement.quantity,
          unit: movement.unit,
          from: `${movement.from.kind}:${movement.from.code}${movement.from.bin ? `#${movement.from.bin}` : ''}`,
          to: `${movement.to.kind}:${movement.to.code}${movement.to.bin ? `#${movement.to.bin}` : ''}`,
          expiryDate: movement.expiryDate ?? null,
          sscc: movement.sscc ?? null,
        },
        gtin: gtin ?? '',
        symbology: scan.symbology?.identifier ?? null,
      },
    };
  }
}

function rejectionOf(error: unknown): { code: string; message: string } | undefined {
  return error instanceof JsonDocumentRejected || error instanceof ScanRequestRejected || error instanceof ScanRejected ? { code: error.code, message: error.message } : undefined;
}
