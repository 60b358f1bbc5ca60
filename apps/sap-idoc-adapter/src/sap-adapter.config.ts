import type { GoodsIssueDestination } from '@lotbridge/sap-idoc';

/** The adapter's settings, read once from the environment (README "sap-idoc-adapter" lists them). */
export interface SapAdapterConfig {
  /** IANA zone of the senders' EDI_DC40 CREDAT/CRETIM (SAP_SENDER_TIME_ZONE) */
  senderTimeZone?: string;
  /** SAP_GOODS_ISSUE_DESTINATION: in-transit (default; a carrier confirms delivery) or customer (no carrier step) */
  goodsIssueDestination: GoodsIssueDestination;
  /** SAP_ACK_URL: where ALEAUD acknowledgements are POSTed; none configured: acks are only answered synchronously */
  ackUrl?: string;
  /** SAP_BATCH_STATUS_URL (default SAP_ACK_URL): where BATMAS batch status updates are POSTed */
  batchStatusUrl?: string;
  /** SAP_LOGICAL_SYSTEM: our sender partner (SNDPRN) in outbound IDocs, default LOTBRIDGE */
  logicalSystem: string;
  /** SAP_RECEIVER_PARTNER: SAP's logical system (RCVPRN) for batch status updates; acks go back to the IDoc's sender */
  receiverPartner: string;
  /** SAP_OUTBOUND_TIMEOUT_MS (default 5000), SAP_OUTBOUND_MAX_ATTEMPTS (default 10), SAP_OUTBOUND_RETRY_BASE_MS (default 1000) */
  outboundTimeoutMs: number;
  outboundMaxAttempts: number;
  outboundRetryBaseMs: number;
  /** SAP_IDOC_DROP_DIR: polled folder (processed/ and rejected/ below it); SAP_IDOC_DROP_INTERVAL_MS (default 2000) */
  dropDir?: string;
  dropIntervalMs: number;
  /** a file younger than this (SAP_IDOC_DROP_SETTLE_MS, default 500) may still be being written: it waits for the next poll */
  dropSettleMs: number;
}

export const SAP_ADAPTER_CONFIG = Symbol('SapAdapterConfig');

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a non-negative number, got ${JSON.stringify(text)}`);
  return value;
}

export function sapAdapterConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SapAdapterConfig {
  const destination = env['SAP_GOODS_ISSUE_DESTINATION'] || 'in-transit';
  if (destination !== 'in-transit' && destination !== 'customer') {
    throw new RangeError(`SAP_GOODS_ISSUE_DESTINATION must be in-transit or customer, got ${JSON.stringify(destination)}`);
  }
  const ackUrl = env['SAP_ACK_URL'] || undefined;
  return {
    senderTimeZone: env['SAP_SENDER_TIME_ZONE'] || undefined,
    goodsIssueDestination: destination,
    ackUrl,
    batchStatusUrl: env['SAP_BATCH_STATUS_URL'] || ackUrl,
    logicalSystem: env['SAP_LOGICAL_SYSTEM'] || 'LOTBRIDGE',
    receiverPartner: env['SAP_RECEIVER_PARTNER'] || 'SAP',
    outboundTimeoutMs: positiveNumber(env, 'SAP_OUTBOUND_TIMEOUT_MS', 5000),
    outboundMaxAttempts: positiveNumber(env, 'SAP_OUTBOUND_MAX_ATTEMPTS', 10),
    outboundRetryBaseMs: positiveNumber(env, 'SAP_OUTBOUND_RETRY_BASE_MS', 1000),
    dropDir: env['SAP_IDOC_DROP_DIR'] || undefined,
    dropIntervalMs: positiveNumber(env, 'SAP_IDOC_DROP_INTERVAL_MS', 2000),
    dropSettleMs: positiveNumber(env, 'SAP_IDOC_DROP_SETTLE_MS', 500),
  };
}
