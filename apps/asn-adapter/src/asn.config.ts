import { parseItemMapping, type ItemMapping } from '@lotbridge/asn';

/** How the ASN adapter maps items, when it decides "short", and which consumer group it joins. */
export interface AsnAdapterConfig {
  itemMapping: ItemMapping;
  /**
   * An open notice is closed, and its short lines reported, this long after it was accepted unless the buyer
   * closes it earlier (POST /asns/:key/close). Goods arrive in several receipts, so "short" cannot be decided
   * on the first one.
   */
  shortAfterMs: number;
  /** how often overdue notices are looked for */
  closeSweepMs: number;
  /** Kafka consumer group for lot.movements.v1 */
  groupId: string;
}

export const ASN_CONFIG = Symbol('ASN_CONFIG');

export function asnConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AsnAdapterConfig {
  const hours = Number(env['ASN_SHORT_AFTER_HOURS'] ?? 72);
  if (!(hours > 0)) throw new Error(`ASN_SHORT_AFTER_HOURS must be a positive number of hours, got ${env['ASN_SHORT_AFTER_HOURS']}`);
  return {
    itemMapping: env['ASN_ITEM_MAPPING'] ? parseItemMapping(env['ASN_ITEM_MAPPING']) : {},
    shortAfterMs: hours * 3_600_000,
    closeSweepMs: Number(env['ASN_CLOSE_SWEEP_MS'] ?? 60_000),
    groupId: env['ASN_GROUP_ID'] ?? 'asn-adapter',
  };
}
