import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import {
  ErpDocumentRejected,
  type ErpSystem,
  KINGDEE_FORM_IDS,
  U8_VOUCHERS,
  assertExactJsonNumbers,
  kingdeeBillsFromRows,
  kingdeeQueryFieldKeys,
  kingdeeQueryRows,
} from '@lotbridge/erp-documents';
import { zonedInstant } from '@lotbridge/lot';
import { JsonDocumentRejected, readJsonDocument } from '@lotbridge/json-document';
import { ERP_CONFIG, ERPS, ErpConnectorConfig, backoffDelay } from '../erp.config';
import { ErpIntakeService } from '../push/erp-intake.service';
import { ErpHttp, ErpUnavailable } from './erp-http';
import { PullCursor, PullCursorRepository } from './pull-cursor.repository';

/** What one poll took in, per document. */
export interface PollReport {
  erp: ErpSystem;
  documents: Array<{ documentType: string; billNumber: string; status: string; code?: string }>;
  errors: string[];
}

/** U8 OpenAPI list resource per voucher table (…/api/<resource>/batch_get). Only purchasein is documented; see docs. */
const U8_LIST_RESOURCE: Readonly<Record<string, string>> = {
  rdrecord01: 'purchasein',
  rdrecord10: 'productin',
  rdrecord11: 'materialout',
  rdrecord32: 'saleout',
  TransVouch: 'transvouch',
};

const MAX_PAGES_PER_POLL = 50;

/**
 * Pull: polls each ERP's list/query API on a schedule, per document type, from a persisted cursor (modified time +
 * bill number), through the ERP's circuit breaker. Every bill found goes through the same intake as a push, so a
 * bill seen twice (two polls, or a push and a poll) is applied once. A failed poll is retried with exponential
 * backoff; the cursor only moves past bills the intake has recorded (accepted, duplicate or rejected).
 */
@Injectable()
export class ErpPullService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ErpPullService.name);
  readonly http: Record<ErpSystem, ErpHttp>;
  private readonly failures: Record<ErpSystem, number> = { kingdee: 0, yonyou: 0 };
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly intake: ErpIntakeService,
    private readonly cursors: PullCursorRepository,
    @Inject(ERP_CONFIG) private readonly config: ErpConnectorConfig,
  ) {
    this.http = { kingdee: new ErpHttp('kingdee', config), yonyou: new ErpHttp('yonyou', config) };
  }

  onModuleInit(): void {
    if (this.config.pollIntervalMs <= 0) return;
    for (const erp of ERPS) if (this.config[erp].baseUrl) this.schedule(erp, 0);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    for (const erp of ERPS) this.http[erp].shutdown();
  }

  /** The wait before the next poll: the interval after a good poll, exponential backoff after failed ones. */
  nextDelay(erp: ErpSystem): number {
    const failures = this.failures[erp];
    return failures === 0 ? this.config.pollIntervalMs : backoffDelay(failures, this.config);
  }

  private schedule(erp: ErpSystem, delay: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.pollOnce(erp)
        .catch((error: Error) => this.logger.error(`${erp} poll failed: ${error.message}`))
        .finally(() => {
          if (!this.stopped) this.schedule(erp, this.nextDelay(erp));
        });
    }, delay);
    timer.unref();
    this.timers.add(timer);
  }

  /** One poll of every document type of one ERP. */
  async pollOnce(erp: ErpSystem): Promise<PollReport> {
    const report: PollReport = { erp, documents: [], errors: [] };
    const types = erp === 'kingdee' ? KINGDEE_FORM_IDS : Object.keys(U8_VOUCHERS);
    for (const documentType of types) {
      try {
        if (erp === 'kingdee') await this.pullKingdee(documentType, report);
        else await this.pullYonyou(documentType, report);
      } catch (error) {
        if (!(error instanceof ErpUnavailable || error instanceof ErpDocumentRejected || error instanceof JsonDocumentRejected)) throw error;
        report.errors.push(`${documentType}: ${error.message}`);
      }
    }
    this.failures[erp] = report.errors.length > 0 ? this.failures[erp] + 1 : 0;
    if (report.errors.length > 0) this.logger.warn(`${erp} poll: ${report.errors.join(' | ')}`);
    return report;
  }

  private baseUrl(erp: ErpSystem): string {
    const base = this.config[erp].baseUrl;
    if (!base) throw new ErpUnavailable(`${erp}: no base URL configured`);
    return base.endsWith('/') ? base : `${base}/`;
  }

  /** Kingdee: ExecuteBillQuery pages of audited bills modified since the cursor, ordered by FModifyDate, FBillNo. */
  private async pullKingdee(formId: string, report: PollReport): Promise<void> {
    let cursor = await this.cursors.get('kingdee', this.config.kingdee.account, formId);
    const fieldKeys = kingdeeQueryFieldKeys(formId);
    const url = new URL('Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.ExecuteBillQuery.common.kdsvc', this.baseUrl('kingdee')).toString();
    const rows: unknown[][] = [];
    for (let page = 0, start = 0; page < MAX_PAGES_PER_POLL; page += 1, start += this.config.pageSize) {
      const filter = cursor ? `FModifyDate >= '${cursor.modifiedAt.replace(/'/g, "''")}' AND FDocumentStatus = 'C'` : "FDocumentStatus = 'C'";
      const body = { data: { FormId: formId, FieldKeys: fieldKeys.join(','), FilterString: filter, OrderString: 'FModifyDate ASC,FBillNo ASC', TopRowCount: start + this.config.pageSize, StartRow: start, Limit: this.config.pageSize } };
      const { text } = await this.http.kingdee.call({ method: 'POST', url, body });
      if (text.startsWith('response_error:')) throw new ErpUnavailable(`Kingdee ${formId}: ${text.slice(0, 300)}`);
      if (!text.trimStart().startsWith('[')) throw new ErpUnavailable(`Kingdee ${formId}: ExecuteBillQuery answer is not a JSON array: ${text.slice(0, 100)}`);
      // Safety (size, UTF-8, well-formedness, forbidden keys) by the shared reader; values losslessly by the row reader.
      readJsonDocument(Buffer.from(`{"rows":${text}}`), { maxBytes: this.config.maxDocumentBytes, what: `Kingdee ${formId} ExecuteBillQuery answer` });
      const answer = kingdeeQueryRows(text);
      if ('error' in answer) throw new ErpUnavailable(`Kingdee ${formId}: ${answer.error}`);
      rows.push(...answer.rows);
      if (answer.rows.length < this.config.pageSize) break;
    }
    const timeZone = this.config.kingdee.timeZone;
    for (const bill of kingdeeBillsFromRows(formId, fieldKeys, rows)) {
      const seen = { modifiedAt: textOf(bill['FModifyDate']), billNumber: textOf(bill['FBillNo']) };
      if (cursor && !isAfter(seen, cursor, timeZone)) continue;
      await this.takeIn('kingdee', formId, { Model: bill }, seen, report);
      cursor = seen;
    }
  }

  /** Yonyou U8 OpenAPI: <resource>/batch_get pages of vouchers modified since the cursor (modifydate_begin). */
  private async pullYonyou(voucher: string, report: PollReport): Promise<void> {
    let cursor = await this.cursors.get('yonyou', this.config.yonyou.account, voucher);
    const resource = U8_LIST_RESOURCE[voucher] ?? voucher;
    const vouchers: Array<Record<string, unknown>> = [];
    for (let page = 1; page <= MAX_PAGES_PER_POLL; page += 1) {
      const url = new URL(`api/${resource}/batch_get`, this.baseUrl('yonyou'));
      url.searchParams.set('to_account', this.config.yonyou.account);
      url.searchParams.set('page_index', String(page));
      url.searchParams.set('rows_per_page', String(this.config.pageSize));
      if (cursor) url.searchParams.set('modifydate_begin', cursor.modifiedAt);
      const { text } = await this.http.yonyou.call({ method: 'GET', url: url.toString() });
      const answer = readJsonDocument(Buffer.from(text), { maxBytes: this.config.maxDocumentBytes, what: `Yonyou ${resource}/batch_get answer` });
      // Vouchers are re-serialised one by one for the intake: a number JSON.parse changed must not pass silently.
      assertExactJsonNumbers(text, `Yonyou ${resource}/batch_get answer`);
      const errcode = textOf(answer['errcode']);
      if (errcode === '20002') break; // "no data" (seen in a U8 OpenAPI client)
      if (errcode !== '0') throw new ErpUnavailable(`Yonyou ${resource}/batch_get: errcode ${errcode} ${textOf(answer['errmsg'])}`);
      const list = answer[resource];
      if (!Array.isArray(list)) throw new ErpUnavailable(`Yonyou ${resource}/batch_get: no "${resource}" list in the answer`);
      vouchers.push(...(list as Array<Record<string, unknown>>));
      if (page >= Number(answer['page_count'] ?? 1)) break;
    }
    const timeZone = this.config.yonyou.timeZone;
    const seenOf = (v: Record<string, unknown>) => {
      const head = (v['head'] ?? {}) as Record<string, unknown>;
      const number = head[voucher === 'TransVouch' ? 'cTVCode' : 'cCode'];
      return { modifiedAt: textOf(head['dnmodifytime']), billNumber: textOf(number) };
    };
    const ordered = vouchers.map((v) => ({ v, seen: seenOf(v) })).sort((a, b) => (isAfter(a.seen, b.seen, timeZone) ? 1 : isAfter(b.seen, a.seen, timeZone) ? -1 : 0));
    for (const { v, seen } of ordered) {
      if (cursor && !isAfter(seen, cursor, timeZone)) continue;
      await this.takeIn('yonyou', voucher, v, seen, report);
      cursor = seen;
    }
  }

  private async takeIn(erp: ErpSystem, documentType: string, document: unknown, seen: PullCursor, report: PollReport): Promise<void> {
    const result = await this.intake.receive(erp, documentType, Buffer.from(JSON.stringify(document)), 'application/json');
    report.documents.push({ documentType, billNumber: seen.billNumber, status: result.status, ...(result.status === 'rejected' && { code: result.code }) });
    // A refused bill is kept with its dead letter: the cursor passes it, as it passes an accepted one.
    await this.cursors.advance(erp, this.config[erp].account, documentType, seen);
  }
}

/** (modified, bill) after the cursor: later modification time, or the same time and a later bill number. */
function isAfter(seen: PullCursor, cursor: PullCursor, timeZone: string): boolean {
  const instant = (text: string) => {
    const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.\d+)?$/.exec(text);
    return match ? Date.parse(zonedInstant(`${match[1]}T${match[2]}${(match[3] ?? '').slice(0, 4)}`, timeZone)) : Number.NaN;
  };
  const [a, b] = [instant(seen.modifiedAt), instant(cursor.modifiedAt)];
  if (!Number.isNaN(a) && !Number.isNaN(b) && a !== b) return a > b;
  if (Number.isNaN(a) || Number.isNaN(b)) if (seen.modifiedAt !== cursor.modifiedAt) return seen.modifiedAt > cursor.modifiedAt;
  return seen.billNumber > cursor.billNumber;
}

/** A scalar of an ERP answer as text ('' when absent or not a scalar). */
function textOf(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}
