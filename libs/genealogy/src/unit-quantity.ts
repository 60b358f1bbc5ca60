import { addQuantities } from '@lotbridge/lot';
import { appended } from './compact-list';
import { compareText } from './lot-key';

/** An exact decimal with its unit. Quantities in different units are never added: kg and pieces do not mix. */
export interface UnitQuantity {
  quantity: string;
  unit: string;
}

/** Adds into a per-unit list (a lot or a transformation rarely has more than one unit, so a list beats a Map); returns the list. */
export function addByUnit(totals: UnitQuantity[] | undefined, unit: string, quantity: string): UnitQuantity[] {
  const total = totals?.find((entry) => entry.unit === unit);
  if (!total) return appended(totals, { quantity, unit });
  total.quantity = addQuantities(total.quantity, quantity);
  return totals as UnitQuantity[];
}

/** Sums per unit, sorted by unit, zero totals left out. */
export function totalsByUnit(quantities: Iterable<UnitQuantity>): UnitQuantity[] {
  let totals: UnitQuantity[] = [];
  for (const { unit, quantity } of quantities) totals = addByUnit(totals, unit, quantity);
  return totals.filter((total) => !isZero(total.quantity)).sort((a, b) => compareText(a.unit, b.unit));
}

/**
 * Every quantity the genealogy holds is canonical (it went through canonicalQuantity or a decimal.js sum's toFixed),
 * so zero and sign can be read off the text: these run for every balance of every lot of a 10 k-lot trace.
 */
export function isZero(quantity: string): boolean {
  return quantity === '0' || quantity === '-0';
}

export function isNegative(quantity: string): boolean {
  return quantity.startsWith('-') && !isZero(quantity);
}
