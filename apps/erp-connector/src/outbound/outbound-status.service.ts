import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { ErpSystem } from '@lotbridge/erp-documents';
import { kingdeeQueryRows } from '@lotbridge/erp-documents';
import { ERP_CONFIG, ErpConnectorConfig, backoffDelay } from '../erp.config';
import { PrismaService } from '../persistence/prisma.service';
import { ErpUnavailable } from '../pull/erp-http';
import { ErpPullService } from '../pull/erp-pull.service';

interface QueuedStatus {
  id: bigint;
  erp: ErpSystem;
  change_id: string;
  erp_item: string;
  batch_number: string;
  status: string;
  attempts: number;
  payload: Record<string, unknown>;
}

/** The ERP answered and refused the change: re-sending it unchanged will not help. */
class ErpRefused extends Error {
  override readonly name = 'ErpRefused';
}

/** Kingdee MsgCodes that are worth retrying: 13 network lock (网控冲突), 14 call limit (调用限制). */
const KINGDEE_RETRYABLE = new Set([13, 14]);

/**
 * Delivers queued lot status changes to the ERPs through each ERP's circuit breaker. Rows are claimed with a lease
 * (next_attempt_at moved ahead, FOR UPDATE SKIP LOCKED) so that two instances never send one row at once, and sent
 * outside any transaction. Unavailable ERP (timeout, 5xx, open breaker, lock/limit codes): retried with exponential
 * backoff, never dropped. Refused by the ERP: state `failed` with the ERP's text (GET /outbound-statuses?state=failed).
 */
@Injectable()
export class OutboundStatusService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(OutboundStatusService.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = false;

  constructor(
    private readonly prisma: PrismaService,
    private readonly pull: ErpPullService,
    @Inject(ERP_CONFIG) private readonly config: ErpConnectorConfig,
  ) {}

  onModuleInit(): void {
    if (this.config.outboundIntervalMs > 0) this.schedule(this.config.outboundIntervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Deliver soon (after a change was queued). */
  wake(): void {
    if (this.config.outboundIntervalMs > 0) this.schedule(0);
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.deliverDue()
        .catch((error: Error) => this.logger.error(`outbound delivery failed: ${error.message}`))
        .finally(() => this.schedule(this.config.outboundIntervalMs));
    }, delay);
    this.timer.unref();
  }

  /** Sends every due queued change once; returns how each ended. */
  async deliverDue(): Promise<Array<{ changeId: string; erp: ErpSystem; state: 'delivered' | 'failed' | 'pending'; error?: string }>> {
    const leaseMs = this.config.timeoutMs * 3;
    const rows = await this.prisma.$queryRawUnsafe<QueuedStatus[]>(
      `UPDATE outbound_status SET next_attempt_at = now() + ($1 || ' milliseconds')::interval
        WHERE id IN (SELECT id FROM outbound_status WHERE state = 'pending' AND next_attempt_at <= now() ORDER BY id LIMIT 50 FOR UPDATE SKIP LOCKED)
        RETURNING id, erp, change_id, erp_item, batch_number, status, attempts, payload`,
      String(leaseMs),
    );
    const outcomes = [];
    for (const row of rows.sort((a, b) => Number(a.id - b.id))) {
      try {
        await (row.erp === 'kingdee' ? this.sendToKingdee(row) : this.sendToYonyou(row));
        await this.prisma.$executeRawUnsafe("UPDATE outbound_status SET state = 'delivered', attempts = attempts + 1, delivered_at = now(), last_error = NULL WHERE id = $1", row.id);
        outcomes.push({ changeId: row.change_id, erp: row.erp, state: 'delivered' as const });
      } catch (error) {
        if (!(error instanceof ErpUnavailable || error instanceof ErpRefused)) throw error;
        const refused = error instanceof ErpRefused;
        const delay = backoffDelay(row.attempts + 1, this.config);
        await this.prisma.$executeRawUnsafe(
          "UPDATE outbound_status SET state = $2, attempts = attempts + 1, last_error = $3, next_attempt_at = now() + ($4 || ' milliseconds')::interval WHERE id = $1",
          row.id,
          refused ? 'failed' : 'pending',
          error.message,
          String(delay),
        );
        outcomes.push({ changeId: row.change_id, erp: row.erp, state: refused ? ('failed' as const) : ('pending' as const), error: error.message });
      }
    }
    return outcomes;
  }

  /**
   * Kingdee: the lot master (BD_BatchMainFile) of this material and lot number is looked up (ExecuteBillQuery,
   * FLOTID), then forbidden (ExcuteOperation "Forbid", 禁用) on hold/recall/rejection or enabled on release.
   */
  private async sendToKingdee(row: QueuedStatus): Promise<void> {
    const base = this.baseUrl('kingdee');
    const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
    const query = await this.pull.http.kingdee.call({
      method: 'POST',
      url: `${base}Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.ExecuteBillQuery.common.kdsvc`,
      body: { data: { FormId: 'BD_BatchMainFile', FieldKeys: 'FLOTID', FilterString: `FNumber = ${quote(row.batch_number)} AND FMaterialId.FNumber = ${quote(row.erp_item)}`, Limit: 100 } },
    });
    const found = kingdeeQueryRows(query.text);
    if ('error' in found) throw new ErpRefused(found.error);
    const ids = found.rows.map((values) => String(values[0]));
    if (ids.length === 0) throw new ErpRefused(`Kingdee has no lot master BD_BatchMainFile ${row.batch_number} for material ${row.erp_item}`);
    const opNumber = row.status === 'RELEASED' ? 'Enable' : 'Forbid';
    const answer = await this.pull.http.kingdee.call({
      method: 'POST',
      url: `${base}Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.ExcuteOperation.common.kdsvc`,
      body: { formid: 'BD_BatchMainFile', opNumber, data: { Ids: ids.join(','), Numbers: [], CreateOrgId: 0 } },
    });
    const status = (JSON.parse(answer.text) as { Result?: { ResponseStatus?: { IsSuccess?: boolean; MsgCode?: number; Errors?: Array<{ Message?: string }> } } }).Result?.ResponseStatus;
    if (status?.IsSuccess === true) return;
    const message = `Kingdee ${opNumber} refused (MsgCode ${status?.MsgCode ?? '?'}): ${(status?.Errors ?? []).map((e) => e.Message).join('; ')}`;
    throw KINGDEE_RETRYABLE.has(status?.MsgCode ?? -1) ? new ErpUnavailable(message) : new ErpRefused(message);
  }

  /** Yonyou U8 OpenAPI: the batch property of (cInvCode, cBatch) edited, idempotent by biz_id = the change id. */
  private async sendToYonyou(row: QueuedStatus): Promise<void> {
    const url = new URL('api/batchproperty/edit', this.baseUrl('yonyou'));
    url.searchParams.set('to_account', this.config.yonyou.account);
    const answer = await this.pull.http.yonyou.call({
      method: 'POST',
      url: url.toString(),
      body: { biz_id: row.change_id, batchproperty: { cinvcode: row.erp_item, cbatch: row.batch_number, bforbid: row.status === 'RELEASED' ? 0 : 1, cstatus: row.status, creason: row.payload['reason'] } },
    });
    const { errcode, errmsg } = JSON.parse(answer.text) as { errcode?: string; errmsg?: string };
    if (String(errcode) !== '0') throw new ErpRefused(`Yonyou batchproperty/edit refused: errcode ${String(errcode)} ${errmsg ?? ''}`);
  }

  private baseUrl(erp: ErpSystem): string {
    const base = this.config[erp].baseUrl;
    if (!base) throw new ErpRefused(`${erp}: no base URL configured`);
    return base.endsWith('/') ? base : `${base}/`;
  }
}
