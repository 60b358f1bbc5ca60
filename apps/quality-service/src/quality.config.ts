/** Where a quality-service instance keeps its state, which consumer group it joins and where traceability answers. */
export interface QualityConfig {
  databaseUrl: string;
  groupId: string;
  /** base URL of traceability-service, asked for the descendants of a lot when a hold cascades */
  traceabilityUrl: string;
  /** how long a cascade waits for the forward trace before the breaker counts a failure */
  traceTimeoutMs: number;
}

export const QUALITY_CONFIG = Symbol('QUALITY_CONFIG');

export function qualityConfigFromEnv(env: NodeJS.ProcessEnv = process.env): QualityConfig {
  const databaseUrl = env['DATABASE_URL'];
  if (!databaseUrl) throw new Error('DATABASE_URL is not set; `npm run infra:up` writes it to .run/env');
  return {
    databaseUrl,
    groupId: env['QUALITY_GROUP_ID'] ?? 'quality-service',
    traceabilityUrl: env['TRACEABILITY_URL'] ?? 'http://127.0.0.1:3005',
    traceTimeoutMs: Number(env['QUALITY_TRACE_TIMEOUT_MS'] ?? 5_000),
  };
}
