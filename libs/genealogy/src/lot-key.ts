/**
 * A lot is (item, batch number). Its key is the key of the lot topics, JSON.stringify([item, batchNumber]):
 * unambiguous whatever characters the batch number holds, and the same text the rest of Lotbridge uses.
 */
export type LotKey = string;

export function lotKey(item: string, batchNumber: string): LotKey {
  return JSON.stringify([item, batchNumber]);
}

/** A lot as answers name it: the key to ask again with, and the item and batch number exactly as received. */
export interface LotRef {
  key: LotKey;
  item: string;
  batchNumber: string;
}

export function lotRef(key: LotKey): LotRef {
  // a key without a backslash escapes nothing, so it is ["item","batchNumber"] verbatim and the first "," splits it
  // (a quote inside would be escaped): slicing is several times cheaper than JSON.parse for every lot of a recall
  const split = key.indexOf('","');
  if (key.indexOf('\\') < 0 && split > 0) return { key, item: key.slice(2, split), batchNumber: key.slice(split + 3, -2) };
  const [item, batchNumber] = JSON.parse(key) as [string, string];
  return { key, item, batchNumber };
}

/** Code-unit order: the same on every machine and locale, so answers do not depend on where they are computed. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
