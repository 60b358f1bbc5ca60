/** Where an allocation-service instance keeps its state, which consumer group it joins and where quality answers. */
export interface AllocationConfig {
  databaseUrl: string;
  /** Kafka consumer group of the stock, lot master and lot status projections. */
  groupId: string;
  /** Base URL of the quality service (POST {qualityUrl}/lots/statuses). */
  qualityUrl: string;
  /** How long a decision waits for quality before it fails closed (HTTP 503). */
  qualityTimeoutMs: number;
}

export const ALLOCATION_CONFIG = Symbol('ALLOCATION_CONFIG');

export function allocationConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AllocationConfig {
  const databaseUrl = env['DATABASE_URL'];
  if (!databaseUrl) throw new Error('DATABASE_URL is not set; `npm run infra:up` writes it to .run/env');
  return {
    databaseUrl,
    groupId: env['ALLOCATION_GROUP_ID'] ?? 'allocation-service',
    qualityUrl: env['QUALITY_URL'] ?? 'http://127.0.0.1:3004',
    qualityTimeoutMs: Number(env['QUALITY_TIMEOUT_MS'] ?? 2000),
  };
}
