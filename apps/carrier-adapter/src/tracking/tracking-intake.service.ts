import { Injectable } from '@nestjs/common';
import { CarrierEvent, CarrierEventRejected, readEpcisDocument, readEpcisXml, readTrackingWebhook } from '@lotbridge/carrier-events';
import { JsonDocumentRejected, readJsonDocument } from '@lotbridge/json-document';
import { XmlDocumentRejected } from '@lotbridge/xml-document';
import { InboundDocumentIntake, IntakeOutcome, ReadDocument } from '@lotbridge/persistence';
import { ADAPTER_DEAD_LETTERS, CARRIER_ADAPTER, OutboxRelayService } from '../persistence/outbox-relay.service';
import { PrismaService } from '../persistence/prisma.service';
import { ShipmentRepository } from '../shipments/shipment.repository';
import { EventOutcome, MovementSummary, ShipmentTracker, Written } from '../shipments/shipment-tracker';

/** Carrier webhooks and EPCIS documents are small; 1 MiB leaves room for an EPCIS document of a few hundred events. */
export const MAX_TRACKING_DOCUMENT_BYTES = 1024 * 1024;

export type TrackingDocumentKind = 'tracking-webhook' | 'epcis-document';

export interface TrackingSummary {
  format: CarrierEvent['format'];
  events: EventOutcome[];
  /** second-leg movements written by this document */
  movements: MovementSummary[];
}

export type TrackingIntakeResult = IntakeOutcome<TrackingSummary>;

/**
 * Tracking documents through the shared raw-first intake: the bytes are kept, then every event is recorded (once
 * per event id: a carrier re-sending its history changes nothing) and its stock meaning applied, with the second
 * legs and alerts written to the outbox in the same transaction.
 */
@Injectable()
export class TrackingIntakeService {
  private readonly intake: InboundDocumentIntake;

  constructor(prisma: PrismaService, relay: OutboxRelayService) {
    this.intake = new InboundDocumentIntake(prisma, { service: CARRIER_ADAPTER, deadLetters: ADAPTER_DEAD_LETTERS, wake: () => relay.wake() });
  }

  receive(kind: TrackingDocumentKind, body: Buffer, contentType: string | undefined): Promise<TrackingIntakeResult> {
    return this.intake.receive(body, contentType, (bytes) => readTracking(kind, bytes, contentType), rejectionOf);
  }
}

/** EPCIS comes in its XML binding too (content type application/xml or text/xml); webhooks are JSON. */
function isXml(contentType: string | undefined): boolean {
  return /^(application|text)\/([\w.+-]+\+)?xml\b/i.test(contentType ?? '');
}

function readTracking(kind: TrackingDocumentKind, body: Buffer, contentType: string | undefined): ReadDocument<TrackingSummary> {
  const document =
    kind === 'epcis-document' && isXml(contentType)
      ? readEpcisXml(body, MAX_TRACKING_DOCUMENT_BYTES)
      : readJsonDocument(body, { maxBytes: MAX_TRACKING_DOCUMENT_BYTES, what: kind === 'epcis-document' ? 'EPCIS document' : 'tracking webhook' });
  const events = kind === 'epcis-document' ? readEpcisDocument(document) : readTrackingWebhook(document);
  // Filled in by persist, inside the transaction: the intake answers with the summary object after it commits.
  const [first] = events;
  if (!first) throw new CarrierEventRejected('CARRIER.MISSING_FIELD', 'the document holds no event');
  const summary: TrackingSummary = { format: first.format, events: [], movements: [] };
  return {
    // Events are de-duplicated one by one (tracking_event), so the document is identified by its bytes only.
    identity: { documentType: kind, sender: first.carrier, documentNumber: null },
    messages: [],
    summary,
    persist: async (tx, documentId) => {
      const shipments = new ShipmentRepository(tx);
      await shipments.lockShipments();
      const tracker = new ShipmentTracker(shipments);
      const written: Written = { messages: [], movements: [] };
      for (const event of events) summary.events.push(await tracker.recordEvent(event, documentId, written));
      summary.movements.push(...written.movements);
      return written.messages;
    },
  };
}

function rejectionOf(error: unknown): { code: string; message: string } | undefined {
  return error instanceof JsonDocumentRejected || error instanceof XmlDocumentRejected || error instanceof CarrierEventRejected ? { code: error.code, message: error.message } : undefined;
}
