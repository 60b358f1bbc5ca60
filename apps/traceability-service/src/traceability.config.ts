/** Where a traceability-service instance keeps its state and which services it asks. */
export interface TraceabilityConfig {
  databaseUrl: string;
  groupId: string;
  /** quality-service: a recall locks its lots through POST /holds */
  qualityUrl: string;
  /** allocation-service: open reservations of recalled lots (GET /reservations); optional, the recall works without it */
  allocationUrl: string;
  callTimeoutMs: number;
}

export const TRACEABILITY_CONFIG = Symbol('TRACEABILITY_CONFIG');

export function traceabilityConfigFromEnv(env: NodeJS.ProcessEnv = process.env): TraceabilityConfig {
  const databaseUrl = env['DATABASE_URL'];
  if (!databaseUrl) throw new Error('DATABASE_URL is not set; `npm run infra:up` writes it to .run/env');
  return {
    databaseUrl,
    groupId: env['TRACEABILITY_GROUP_ID'] ?? 'traceability-service',
    qualityUrl: env['QUALITY_URL'] ?? 'http://127.0.0.1:3004',
    allocationUrl: env['ALLOCATION_URL'] ?? 'http://127.0.0.1:3003',
    callTimeoutMs: Number(env['TRACEABILITY_CALL_TIMEOUT_MS'] ?? 5_000),
  };
}
