import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import CircuitBreaker from 'opossum';
import { aleaudXml, batchStatusXml, type OutboundControl } from '@lotbridge/sap-idoc';
import { PrismaService } from '../persistence/prisma.service';
import { SAP_ADAPTER_CONFIG, type SapAdapterConfig } from '../sap-adapter.config';
import type { OutboundPayload } from './sap-outbound.queue';

interface DueRow {
  id: bigint;
  kind: OutboundPayload['kind'];
  payload: OutboundPayload;
  attempts: number;
}

/** How long to wait before attempt n+1 (n >= 1): exponential from the base, capped at 5 minutes, full jitter. */
export function retryDelayMs(attempts: number, baseMs: number, random: () => number = Math.random): number {
  const cap = Math.min(baseMs * 2 ** Math.max(attempts - 1, 0), 300_000);
  return Math.round(cap / 2 + (random() * cap) / 2);
}

/**
 * Delivers sap_outbound_message rows to SAP over HTTP (IDoc-XML POST, as SAP's IDoc XML inbound service takes it):
 * one row at a time, claimed under FOR UPDATE SKIP LOCKED (several adapter instances share the work), oldest first, and never
 * a row while an older row of the same ordering key (the lot) is still pending, so a release never overtakes its
 * hold. Every call goes through an opossum circuit breaker with a timeout; a failure is retried with exponential
 * backoff and jitter, and after SAP_OUTBOUND_MAX_ATTEMPTS the row is marked failed with its last error. While the
 * breaker is open SAP is not called and the row waits without spending an attempt.
 */
@Injectable()
export class SapOutboundSender implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(SapOutboundSender.name);
  private readonly breaker: CircuitBreaker<[string, string], void>;
  private readonly resetTimeoutMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly prisma: PrismaService,
    @Inject(SAP_ADAPTER_CONFIG) private readonly config: SapAdapterConfig,
  ) {
    this.resetTimeoutMs = Math.max(config.outboundRetryBaseMs, 1000);
    this.breaker = new CircuitBreaker((url: string, body: string) => this.post(url, body), {
      timeout: config.outboundTimeoutMs,
      errorThresholdPercentage: 50,
      volumeThreshold: 3,
      resetTimeout: this.resetTimeoutMs,
    });
  }

  onModuleInit(): void {
    if (!this.urlOf('ALEAUD') && !this.urlOf('BATMAS')) return;
    this.timer = setInterval(() => this.wake(), Math.max(this.config.outboundRetryBaseMs / 2, 200));
    this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.breaker.shutdown();
    await this.running;
  }

  /** Send soon: call after committing a queued row. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((error: unknown) => this.logger.error(`outbound sender: ${String(error)}`))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private urlOf(kind: OutboundPayload['kind']): string | undefined {
    return kind === 'ALEAUD' ? this.config.ackUrl : this.config.batchStatusUrl;
  }

  /** Sends due rows until none is left. */
  private async drain(): Promise<void> {
    const kinds = (['ALEAUD', 'BATMAS'] as const).filter((kind) => this.urlOf(kind));
    while (!this.stopped && (await this.sendOne(kinds))) {
      /* next row */
    }
  }

  /**
   * Claims the oldest due row in a short transaction (it stays pending, so it still holds back its lot's later rows,
   * but its next attempt moves past the send's timeout so no other instance takes it meanwhile), sends it outside any
   * transaction (no database connection is held while SAP answers), then records the outcome.
   */
  private async sendOne(kinds: readonly string[]): Promise<boolean> {
    const leaseMs = this.config.outboundTimeoutMs + 30_000;
    const row = await this.prisma.$transaction(async (tx) => {
      const [due] = await tx.$queryRawUnsafe<DueRow[]>(
        `SELECT id, kind, payload, attempts FROM sap_outbound_message m
          WHERE status = 'pending' AND next_attempt_at <= now() AND kind = ANY($1::text[])
            AND NOT EXISTS (SELECT 1 FROM sap_outbound_message e WHERE e.ordering_key = m.ordering_key AND e.id < m.id AND e.status = 'pending')
          ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`,
        kinds,
      );
      if (due) await tx.$executeRawUnsafe("UPDATE sap_outbound_message SET next_attempt_at = now() + ($2::int * interval '1 millisecond') WHERE id = $1", due.id, leaseMs);
      return due;
    });
    if (!row) return false;
    const body = this.render(row);
    const url = this.urlOf(row.kind) ?? '';
    try {
      await this.breaker.fire(url, body);
    } catch (error) {
      if ((error as { code?: string }).code === 'EOPENBREAKER') {
        // Not an attempt: SAP was not asked. Wait for the breaker to try again (half-open).
        await this.prisma.$executeRawUnsafe("UPDATE sap_outbound_message SET next_attempt_at = now() + ($2::int * interval '1 millisecond') WHERE id = $1", row.id, this.resetTimeoutMs);
        return false;
      }
      const attempts = row.attempts + 1;
      const exhausted = attempts >= this.config.outboundMaxAttempts;
      await this.prisma.$executeRawUnsafe(
        `UPDATE sap_outbound_message SET attempts = $2, body = $3, last_error = $4, status = $5,
                next_attempt_at = now() + ($6::int * interval '1 millisecond') WHERE id = $1`,
        row.id,
        attempts,
        body,
        String((error as Error).message ?? error),
        exhausted ? 'failed' : 'pending',
        retryDelayMs(attempts, this.config.outboundRetryBaseMs),
      );
      if (exhausted) this.logger.error(`outbound ${row.kind} ${row.id} failed after ${attempts} attempts: ${String(error)}`);
      // Stop this round: the rest is probably failing the same way; the timer comes back.
      return false;
    }
    await this.prisma.$executeRawUnsafe("UPDATE sap_outbound_message SET status = 'sent', attempts = attempts + 1, body = $2, sent_at = now(), last_error = NULL WHERE id = $1", row.id, body);
    return true;
  }

  private render(row: DueRow): string {
    const payload = row.payload;
    const control = (receiver: string): OutboundControl => ({
      idocNumber: row.id.toString(),
      sender: this.config.logicalSystem,
      receiver,
      createdAt: new Date().toISOString(),
    });
    if (payload.kind === 'ALEAUD') return aleaudXml(payload.ack, control(payload.receiver));
    return batchStatusXml({ material: payload.material, batch: payload.batchNumber, restricted: payload.restricted }, control(this.config.receiverPartner));
  }

  private async post(url: string, body: string): Promise<void> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/xml; charset=utf-8' },
      body,
      signal: AbortSignal.timeout(this.config.outboundTimeoutMs),
    });
    // Drain the body so the connection is released.
    const text = await response.text();
    if (!response.ok) throw new Error(`SAP answered HTTP ${response.status}: ${text.slice(0, 200)}`);
  }
}
