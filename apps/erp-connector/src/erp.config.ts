import type { ErpSystem } from '@lotbridge/erp-documents';

/** One ERP installation the connector talks to. */
export interface ErpEndpoint {
  /** Kingdee data centre (acctid) / U8 account (帐套): part of every movement's source system */
  account: string;
  /** the ERP server's IANA time zone: both ERPs write local datetimes without a zone */
  timeZone: string;
  /** base URL for pulling and for outbound lot status (Kingdee: ".../k3cloud/", U8 OpenAPI: "https://api.yonyouup.com"); none: push only */
  baseUrl?: string;
}

export interface ErpConnectorConfig {
  kingdee: ErpEndpoint;
  yonyou: ErpEndpoint;
  /** 'goods-issue' leaves the second leg of a sales delivery (in-transit -> customer) to the carrier adapter */
  deliveryLegs: 'goods-issue-and-delivery' | 'goods-issue';
  /** 0 disables the scheduled pull (tests call pollOnce) */
  pollIntervalMs: number;
  /** how often due outbound lot status changes are delivered; 0 disables the loop */
  outboundIntervalMs: number;
  /** per ERP call, enforced by the circuit breaker */
  timeoutMs: number;
  /** how long an open breaker waits before letting one trial call through */
  breakerResetMs: number;
  /** the rolling window whose failure rate (50 %, at least 2 calls) opens the breaker */
  breakerWindowMs: number;
  /** exponential backoff of failed polls and deliveries: base * 2^failures, capped */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** rows per Kingdee ExecuteBillQuery page / U8 batch_get page */
  pageSize: number;
  maxDocumentBytes: number;
  groupId: string;
}

export const ERP_CONFIG = Symbol('ERP_CONFIG');

export function erpConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ErpConnectorConfig {
  const number = (name: string, fallback: number) => (env[name] ? Number(env[name]) : fallback);
  return {
    kingdee: { account: env['KINGDEE_ACCOUNT'] ?? 'K3CLOUD', timeZone: env['KINGDEE_TIME_ZONE'] ?? 'Asia/Shanghai', baseUrl: env['KINGDEE_URL'] || undefined },
    yonyou: { account: env['YONYOU_ACCOUNT'] ?? 'U8', timeZone: env['YONYOU_TIME_ZONE'] ?? 'Asia/Shanghai', baseUrl: env['YONYOU_URL'] || undefined },
    deliveryLegs: env['ERP_DELIVERY_LEGS'] === 'goods-issue' ? 'goods-issue' : 'goods-issue-and-delivery',
    pollIntervalMs: number('ERP_POLL_INTERVAL_MS', 60_000),
    outboundIntervalMs: number('ERP_OUTBOUND_INTERVAL_MS', 5_000),
    timeoutMs: number('ERP_TIMEOUT_MS', 10_000),
    breakerResetMs: number('ERP_BREAKER_RESET_MS', 30_000),
    breakerWindowMs: number('ERP_BREAKER_WINDOW_MS', 60_000),
    backoffBaseMs: number('ERP_BACKOFF_BASE_MS', 1_000),
    backoffMaxMs: number('ERP_BACKOFF_MAX_MS', 10 * 60_000),
    pageSize: number('ERP_PAGE_SIZE', 2000),
    maxDocumentBytes: number('ERP_MAX_DOCUMENT_BYTES', 5 * 1024 * 1024),
    groupId: env['ERP_CONNECTOR_GROUP_ID'] ?? 'erp-connector',
  };
}

export const ERPS: readonly ErpSystem[] = ['kingdee', 'yonyou'];

/** Exponential backoff with full jitter: a random wait up to base * 2^failures, capped. */
export function backoffDelay(failures: number, config: Pick<ErpConnectorConfig, 'backoffBaseMs' | 'backoffMaxMs'>, random = Math.random): number {
  const ceiling = Math.min(config.backoffMaxMs, config.backoffBaseMs * 2 ** Math.min(failures, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
