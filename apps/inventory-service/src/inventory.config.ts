/** Where an inventory-service instance keeps its state and which consumer group it joins. */
export interface InventoryConfig {
  databaseUrl: string;
  /** Kafka consumer group; a second group with its own database replays the topics independently. */
  groupId: string;
  /** the time alerts are evaluated at; tests pass a clock they move (default: the system clock) */
  clock?: () => Date;
  /** how often time-driven alerts (expiry, slow-moving) are evaluated; 0 turns the schedule off (default 60 s) */
  alertEvaluationIntervalMs?: number;
}

export const INVENTORY_CONFIG = Symbol('INVENTORY_CONFIG');

export function inventoryConfigFromEnv(env: NodeJS.ProcessEnv = process.env): InventoryConfig {
  const databaseUrl = env['DATABASE_URL'];
  if (!databaseUrl) throw new Error('DATABASE_URL is not set; `npm run infra:up` writes it to .run/env');
  const interval = env['INVENTORY_ALERT_INTERVAL_MS'];
  return { databaseUrl, groupId: env['INVENTORY_GROUP_ID'] ?? 'inventory-service', ...(interval !== undefined && { alertEvaluationIntervalMs: Number(interval) }) };
}
