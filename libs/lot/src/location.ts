/**
 * A location is where stock of a lot can be. Warehouses (an SAP plant + storage location, optionally a bin)
 * hold real stock; the virtual locations stand for the outside world, so that every movement has a from
 * and a to and a lot's quantity is conserved (double entry).
 */
export type LocationKind = 'warehouse' | 'supplier' | 'customer' | 'in-transit' | 'production' | 'scrap' | 'inventory-loss';

export interface Location {
  kind: LocationKind;
  /** warehouse: plant/storage location ("DE01/MAIN"); supplier/customer: the partner number; others: a free code. */
  code: string;
  bin?: string;
}

/** Only warehouses hold stock that can be counted, reserved and must never go negative. */
export function isInternal(location: Location): boolean {
  return location.kind === 'warehouse';
}

export function warehouse(plant: string, storageLocation?: string, bin?: string): Location {
  const code = storageLocation ? `${plant}/${storageLocation}` : plant;
  return bin ? { kind: 'warehouse', code, bin } : { kind: 'warehouse', code };
}

/** A stable text key of a location, used as a database key and in messages: "warehouse:DE01/MAIN#A-01-03". */
export function locationKey(location: Location): string {
  return `${location.kind}:${location.code}${location.bin ? `#${location.bin}` : ''}`;
}

/** The plant of a warehouse location ("DE01" of "DE01/MAIN"): policies such as negative stock are per plant. */
export function plantOf(location: Location): string {
  const slash = location.code.indexOf('/');
  return slash < 0 ? location.code : location.code.slice(0, slash);
}
