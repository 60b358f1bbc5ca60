import type { RawSql } from '@lotbridge/persistence';
import type { IdocAcknowledgement } from '@lotbridge/sap-idoc';

/** What waits in sap_outbound_message: an acknowledgement, or a batch status update for one lot. */
export type OutboundPayload =
  | { kind: 'ALEAUD'; ack: IdocAcknowledgement; receiver: string }
  | { kind: 'BATMAS'; material: string; batchNumber: string; restricted: boolean; status: string; changeId: string };

/**
 * Queues one outbound IDoc; a second request with the same dedup key (a redelivered status change, an ack of a
 * document already acknowledged) is ignored. Runs in the caller's transaction when given one.
 */
export async function enqueueOutbound(db: RawSql, dedupKey: string, orderingKey: string, payload: OutboundPayload): Promise<void> {
  await db.$executeRawUnsafe(
    'INSERT INTO sap_outbound_message (kind, dedup_key, ordering_key, payload) VALUES ($1, $2, $3, $4::jsonb) ON CONFLICT (dedup_key) DO NOTHING',
    payload.kind,
    dedupKey,
    orderingKey,
    JSON.stringify(payload),
  );
}
