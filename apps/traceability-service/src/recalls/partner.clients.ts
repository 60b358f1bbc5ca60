import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import CircuitBreaker from 'opossum';
import { TRACEABILITY_CONFIG, TraceabilityConfig } from '../traceability.config';

export interface LotRefBody {
  item: string;
  batchNumber: string;
}

/** quality-service's answer to POST /holds, as far as a recall needs it. */
export interface PlacedHolds {
  groupId: string;
  holds: { holdId: string; item: string; batchNumber: string; status: string }[];
}

export type OpenAllocations =
  | { available: true; reservations: unknown[] }
  | { available: false; reason: string };

function breaker<A extends unknown[], R>(action: (...args: A) => Promise<R>, timeout: number): CircuitBreaker<A, R> {
  return new CircuitBreaker(action, { timeout, errorThresholdPercentage: 50, resetTimeout: 10_000, volumeThreshold: 3 });
}

/**
 * The two services a recall talks to, each behind an opossum breaker. Quality must answer (a lock that did not
 * happen is an error); allocation may be absent (the open allocations are then reported as unavailable).
 */
@Injectable()
export class PartnerClients implements OnModuleDestroy {
  private readonly holds: CircuitBreaker<[LotRefBody[], string, string, string], PlacedHolds>;
  private readonly reservations: CircuitBreaker<[LotRefBody], unknown[]>;

  constructor(@Inject(TRACEABILITY_CONFIG) private readonly config: TraceabilityConfig) {
    this.holds = breaker((lots, reason, by, recallCaseId) => this.postHolds(lots, reason, by, recallCaseId), config.callTimeoutMs * 2);
    this.reservations = breaker((lot) => this.getReservations(lot), config.callTimeoutMs);
  }

  /** Locks every lot in one call (one transaction in quality): status recalled, published on lot.status.v1. */
  lock(lots: LotRefBody[], reason: string, by: string, recallCaseId: string): Promise<PlacedHolds> {
    return this.holds.fire(lots, reason, by, recallCaseId);
  }

  /** Open reservations of the lots, from allocation-service GET /reservations?item=&batchNumber=&state=reserved. */
  async openAllocations(lots: readonly LotRefBody[]): Promise<OpenAllocations> {
    try {
      const found: unknown[] = [];
      for (const lot of lots) found.push(...(await this.reservations.fire(lot)));
      return { available: true, reservations: found };
    } catch (error) {
      return { available: false, reason: `allocation-service did not answer GET ${this.config.allocationUrl}/reservations: ${String(error)}` };
    }
  }

  onModuleDestroy(): void {
    this.holds.shutdown();
    this.reservations.shutdown();
  }

  private async postHolds(lots: LotRefBody[], reason: string, by: string, recallCaseId: string): Promise<PlacedHolds> {
    const response = await fetch(`${this.config.qualityUrl}/holds`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ lots, reason, by, recallCaseId }),
      signal: AbortSignal.timeout(this.config.callTimeoutMs * 2),
    });
    const body = (await response.json().catch(() => ({}))) as PlacedHolds & { message?: string };
    if (response.status !== 201) throw new Error(`quality-service answered ${response.status}: ${body.message ?? JSON.stringify(body)}`);
    return body;
  }

  private async getReservations(lot: LotRefBody): Promise<unknown[]> {
    const url = `${this.config.allocationUrl}/reservations?item=${encodeURIComponent(lot.item)}&batchNumber=${encodeURIComponent(lot.batchNumber)}&state=reserved`;
    const response = await fetch(url, { signal: AbortSignal.timeout(this.config.callTimeoutMs) });
    if (!response.ok) throw new Error(`${response.status} from ${url}`);
    const body = (await response.json());
    const list = Array.isArray(body) ? body : (body as { reservations?: unknown }).reservations;
    if (!Array.isArray(list)) throw new Error(`${url} answered neither a list nor {"reservations":[…]}`);
    return list as unknown[];
  }
}
