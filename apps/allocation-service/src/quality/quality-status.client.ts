import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import CircuitBreaker from 'opossum';
import { CandidateStatus, LOT_STATUSES, LotStatus } from '@lotbridge/allocation';
import { lotKey } from '@lotbridge/contracts';
import { ALLOCATION_CONFIG, AllocationConfig } from '../allocation.config';

export interface LotRef {
  item: string;
  batchNumber: string;
}

/** Quality could not say (down, too slow, breaker open, answer unreadable): allocation fails closed. */
export class QualityUnavailableError extends Error {
  readonly code = 'ALLOCATION.QUALITY_UNAVAILABLE';

  constructor(reason: string) {
    super(`quality service cannot confirm lot statuses: ${reason}`);
    this.name = 'QualityUnavailableError';
  }
}

interface StatusAnswer {
  item: string;
  batchNumber: string;
  status: LotStatus | null;
  onHold: boolean;
}

/**
 * The one place allocation talks to quality: `POST {QUALITY_URL}/lots/statuses` with the lots a decision may
 * take, answered from quality's own database (a hold committed before the call is seen). Behind an opossum
 * circuit breaker with a timeout: when quality is down or slow, calls fail fast instead of piling up, and the
 * caller refuses the decision (nothing is reserved).
 */
@Injectable()
export class QualityStatusClient implements OnModuleDestroy {
  private readonly breaker: CircuitBreaker<[LotRef[]], StatusAnswer[]>;

  constructor(@Inject(ALLOCATION_CONFIG) private readonly config: AllocationConfig) {
    this.breaker = new CircuitBreaker((lots: LotRef[]) => this.ask(lots), {
      timeout: config.qualityTimeoutMs,
      errorThresholdPercentage: 50,
      volumeThreshold: 5,
      resetTimeout: 5_000,
    });
  }

  /**
   * The status of each lot as allocation must treat it: quality's status, `on-hold` when a hold is open on a
   * lot quality would otherwise call released or in quarantine, `none` when quality has no status record.
   * Keyed by lotKey(item, batchNumber).
   */
  async statusesOf(lots: readonly LotRef[]): Promise<Map<string, CandidateStatus>> {
    const statuses = new Map<string, CandidateStatus>();
    if (lots.length === 0) return statuses;
    let answers: StatusAnswer[];
    try {
      answers = await this.breaker.fire([...lots]);
    } catch (error) {
      throw error instanceof QualityUnavailableError ? error : new QualityUnavailableError(error instanceof Error ? error.message : String(error));
    }
    for (const answer of answers) statuses.set(lotKey(answer.item, answer.batchNumber), effectiveStatus(answer));
    // a lot quality did not answer for is a lot without a status: not allocatable
    for (const lot of lots) if (!statuses.has(lotKey(lot.item, lot.batchNumber))) statuses.set(lotKey(lot.item, lot.batchNumber), 'none');
    return statuses;
  }

  onModuleDestroy(): void {
    this.breaker.shutdown();
  }

  private async ask(lots: LotRef[]): Promise<StatusAnswer[]> {
    const response = await fetch(`${this.config.qualityUrl}/lots/statuses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ lots: lots.map(({ item, batchNumber }) => ({ item, batchNumber })) }),
      signal: AbortSignal.timeout(this.config.qualityTimeoutMs),
    });
    if (response.status !== 200) throw new QualityUnavailableError(`POST /lots/statuses answered ${response.status}`);
    return parseAnswer(await response.json());
  }
}

function effectiveStatus(answer: StatusAnswer): CandidateStatus {
  if (answer.onHold && (answer.status === null || answer.status === 'released' || answer.status === 'quarantine')) return 'on-hold';
  return answer.status ?? 'none';
}

function parseAnswer(body: unknown): StatusAnswer[] {
  const statuses = (body as { statuses?: unknown } | null)?.statuses;
  if (!Array.isArray(statuses)) throw new QualityUnavailableError('answer has no "statuses" array');
  return statuses.map((entry: unknown, index) => {
    const { item, batchNumber, status, onHold } = (entry ?? {}) as Record<string, unknown>;
    const known = status === null || (typeof status === 'string' && (LOT_STATUSES as readonly string[]).includes(status));
    if (typeof item !== 'string' || typeof batchNumber !== 'string' || !known || typeof onHold !== 'boolean') {
      throw new QualityUnavailableError(`statuses[${index}] is not {item, batchNumber, status, onHold}: ${JSON.stringify(entry)}`);
    }
    return { item, batchNumber, status: status as LotStatus | null, onHold };
  });
}
