/** Where an inventory-service instance keeps its state and which consumer group it joins. */
export interface InventoryConfig {
  databaseUrl: string;
  /** Kafka consumer group; a second group with its own database replays the topics independently. */
  groupId: string;
}

export const INVENTORY_CONFIG = Symbol('INVENTORY_CONFIG');

export function inventoryConfigFromEnv(env: NodeJS.ProcessEnv = process.env): InventoryConfig {
  const databaseUrl = env['DATABASE_URL'];
  if (!databaseUrl) throw new Error('DATABASE_URL is not set; `npm run infra:up` writes it to .run/env');
  return { databaseUrl, groupId: env['INVENTORY_GROUP_ID'] ?? 'inventory-service' };
}
