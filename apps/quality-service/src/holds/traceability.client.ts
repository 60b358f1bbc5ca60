import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import CircuitBreaker from 'opossum';
import { LotRef } from '@lotbridge/quality';
import { QUALITY_CONFIG, QualityConfig } from '../quality.config';

/** What a cascade needs of traceability's forward trace: every lot at depth ≥ 1. */
export interface Descendants {
  /** false: traceability does not know the lot (no movement of it yet), so there is nothing to cascade to */
  known: boolean;
  lots: LotRef[];
}

interface ForwardTraceBody {
  lots?: Array<{ lot: LotRef; depth: number }>;
}

/**
 * traceability-service GET /trace/forward behind an opossum breaker: a cascade must not hang on a slow or dead
 * traceability (the requested lot's own hold is committed regardless; see HoldsService).
 */
@Injectable()
export class TraceabilityClient implements OnModuleDestroy {
  private readonly breaker: CircuitBreaker<[LotRef], Descendants>;

  constructor(@Inject(QUALITY_CONFIG) private readonly config: QualityConfig) {
    this.breaker = new CircuitBreaker((lot: LotRef) => this.fetchDescendants(lot), {
      timeout: config.traceTimeoutMs,
      errorThresholdPercentage: 50,
      resetTimeout: 10_000,
      volumeThreshold: 3,
    });
  }

  descendants(lot: LotRef): Promise<Descendants> {
    return this.breaker.fire(lot);
  }

  onModuleDestroy(): void {
    this.breaker.shutdown();
  }

  private async fetchDescendants(lot: LotRef): Promise<Descendants> {
    const url = `${this.config.traceabilityUrl}/trace/forward?item=${encodeURIComponent(lot.item)}&batchNumber=${encodeURIComponent(lot.batchNumber)}`;
    const response = await fetch(url, { signal: AbortSignal.timeout(this.config.traceTimeoutMs) });
    if (response.status === 404) return { known: false, lots: [] };
    if (!response.ok) throw new Error(`traceability answered ${response.status} for ${url}`);
    const body = (await response.json()) as ForwardTraceBody;
    return { known: true, lots: (body.lots ?? []).filter((traced) => traced.depth > 0).map((traced) => ({ item: traced.lot.item, batchNumber: traced.lot.batchNumber })) };
  }
}
