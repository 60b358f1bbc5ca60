import CircuitBreaker from 'opossum';
import type { ErpSystem } from '@lotbridge/erp-documents';
import type { ErpConnectorConfig } from '../erp.config';

export interface ErpRequest {
  method: 'GET' | 'POST';
  url: string;
  body?: unknown;
}

export interface ErpResponse {
  status: number;
  text: string;
}

/** An ERP call that failed for a reason worth retrying later (timeout, refused connection, 5xx, open breaker). */
export class ErpUnavailable extends Error {
  override readonly name = 'ErpUnavailable';
}

/**
 * Every call to one ERP goes through one opossum circuit breaker: a call that takes longer than `timeoutMs` fails
 * (and its request is aborted); when half of the calls of the last `breakerWindowMs` failed the breaker opens and calls fail at once
 * without touching the ERP, until after `breakerResetMs` one trial call is let through; its success closes the
 * breaker. The breaker protects the ERP (often an on-prem server with a licence seat limit) from a retry storm.
 */
export class ErpHttp {
  readonly breaker: CircuitBreaker<[ErpRequest], ErpResponse>;

  constructor(
    readonly erp: ErpSystem,
    config: Pick<ErpConnectorConfig, 'timeoutMs' | 'breakerResetMs' | 'breakerWindowMs'>,
  ) {
    this.breaker = new CircuitBreaker((request: ErpRequest) => send(request, config.timeoutMs), {
      name: `erp-${erp}`,
      timeout: config.timeoutMs,
      resetTimeout: config.breakerResetMs,
      errorThresholdPercentage: 50,
      volumeThreshold: 2,
      rollingCountTimeout: config.breakerWindowMs,
    });
  }

  async call(request: ErpRequest): Promise<ErpResponse> {
    try {
      return await this.breaker.fire(request);
    } catch (error) {
      if (error instanceof ErpUnavailable) throw error;
      const reason = this.breaker.opened && (error as { code?: string }).code === 'EOPENBREAKER' ? `circuit breaker open: ${this.erp} is not called until it recovers` : (error as Error).message;
      throw new ErpUnavailable(`${this.erp} ${request.method} ${request.url}: ${reason}`);
    }
  }

  shutdown(): void {
    this.breaker.shutdown();
  }
}

async function send(request: ErpRequest, timeoutMs: number): Promise<ErpResponse> {
  const response = await fetch(request.url, {
    method: request.method,
    headers: request.body === undefined ? {} : { 'content-type': 'application/json' },
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
    signal: AbortSignal.timeout(timeoutMs),
  }).catch((error: Error) => {
    throw new ErpUnavailable(`${request.method} ${request.url}: ${error.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : error.message}`);
  });
  const text = await response.text();
  if (response.status >= 500) throw new ErpUnavailable(`${request.method} ${request.url}: HTTP ${response.status} ${text.slice(0, 200)}`);
  return { status: response.status, text };
}
