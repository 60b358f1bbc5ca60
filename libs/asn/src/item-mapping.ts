/**
 * Which of our items an ASN line means. Suppliers identify a trade item by its GTIN or by their own part
 * number; the buyer's item master may use either. The mapping is configuration (ASN_ITEM_MAPPING for the
 * adapter), not guesswork: an identifier the mapping does not know and that is no GTIN is refused
 * (ASN.UNKNOWN_ITEM) rather than invented.
 */
export interface ItemMapping {
  /** GTIN (as written in the notice) -> our item */
  gtin?: Readonly<Record<string, string>>;
  /** supplier (as the notice names it) -> the supplier's part number -> our item */
  supplierPart?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** part numbers valid for every supplier: part number -> our item */
  anySupplierPart?: Readonly<Record<string, string>>;
  /** when no mapping names a GTIN, the GTIN itself is our item (default true: GS1 users key items by GTIN) */
  gtinIsItem?: boolean;
}

export interface ItemIdentifiers {
  gtin?: string;
  supplierPartNumber?: string;
}

/**
 * Order: an explicit GTIN mapping, then the supplier's part number (this supplier's table, then the shared one),
 * then the GTIN as the item. undefined when nothing names one of our items.
 */
export function resolveItem(mapping: ItemMapping, supplier: string, ids: ItemIdentifiers): string | undefined {
  if (ids.gtin !== undefined) {
    const mapped = mapping.gtin?.[ids.gtin];
    if (mapped !== undefined) return mapped;
  }
  if (ids.supplierPartNumber !== undefined) {
    const mapped = mapping.supplierPart?.[supplier]?.[ids.supplierPartNumber] ?? mapping.anySupplierPart?.[ids.supplierPartNumber];
    if (mapped !== undefined) return mapped;
  }
  if (ids.gtin !== undefined && mapping.gtinIsItem !== false) return ids.gtin;
  return undefined;
}

/** Reads the mapping from JSON configuration; throws a TypeError naming the wrong entry. */
export function parseItemMapping(json: string): ItemMapping {
  const value: unknown = JSON.parse(json);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError('item mapping must be a JSON object');
  const record = value as Record<string, unknown>;
  const table = (name: string, entry: unknown): Record<string, string> => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new TypeError(`item mapping: ${name} must be an object`);
    for (const [key, item] of Object.entries(entry)) if (typeof item !== 'string' || item === '') throw new TypeError(`item mapping: ${name}["${key}"] must be a non-empty string`);
    return entry as Record<string, string>;
  };
  const mapping: ItemMapping = {};
  if (record['gtin'] !== undefined) mapping.gtin = table('gtin', record['gtin']);
  if (record['anySupplierPart'] !== undefined) mapping.anySupplierPart = table('anySupplierPart', record['anySupplierPart']);
  if (record['supplierPart'] !== undefined) {
    const bySupplier = record['supplierPart'];
    if (typeof bySupplier !== 'object' || bySupplier === null || Array.isArray(bySupplier)) throw new TypeError('item mapping: supplierPart must be an object');
    mapping.supplierPart = Object.fromEntries(Object.entries(bySupplier).map(([supplier, parts]) => [supplier, table(`supplierPart["${supplier}"]`, parts)]));
  }
  if (record['gtinIsItem'] !== undefined) {
    if (typeof record['gtinIsItem'] !== 'boolean') throw new TypeError('item mapping: gtinIsItem must be true or false');
    mapping.gtinIsItem = record['gtinIsItem'];
  }
  return mapping;
}
