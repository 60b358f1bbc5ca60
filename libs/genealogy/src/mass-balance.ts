import DecimalJs from 'decimal.js';
import { LocationKind, addQuantities, subtractQuantities } from '@lotbridge/lot';
import { BalanceFact, GenealogyIndex, LotFacts } from './genealogy-index';
import { LotKey, LotRef, compareText, lotRef } from './lot-key';
import { StockLine, askedLots, stockLines } from './lot-view';
import { isNegative, isZero } from './unit-quantity';
import { walk } from './walk';

/** Same precision as libs/lot: the division for the per cent is the only place this library divides. */
const Decimal = DecimalJs.clone({ precision: 64 });

/** Decimal places of the per cent; rounded away from 100, so "100" is shown only when nothing is missing. */
const PERCENT_DECIMALS = 6;

export interface ComparableMassBalance {
  lot: LotRef;
  comparable: true;
  unit: string;
  /** from suppliers, net of receipt reversals (SAP 102) */
  received: string;
  /** out of production: production output, split and merge results, net of their reversals; a return from production (SAP 262) is not production */
  produced: string;
  /** received + produced */
  source: string;
  onHand: string;
  inTransit: string;
  /** from the goods issue on (in transit to the customer or delivered), net of returns; the proof of delivery does not add to it */
  shipped: string;
  /** into production: consumption, split and merge sources, net of returns from production (SAP 262) */
  consumed: string;
  scrapped: string;
  returnedToSupplier: string;
  /** onHand + inTransit + shipped + consumed + scrapped + returnedToSupplier */
  accounted: string;
  /** source - accounted: positive when some is missing, negative when more is accounted than ever came in */
  gap: string;
  /** accounted / source in per cent; null when nothing was received or produced */
  percentAccounted: string | null;
  balanced: boolean;
  /** written off by counts (negative: found by a count) - the books' own word for "we do not know where" */
  inventoryLoss: string;
  /** a negative balance is not stock: it shows a movement out of a place the lot never arrived at (a missing movement) */
  negativeBalances: StockLine[];
}

export interface IncomparableMassBalance {
  lot: LotRef;
  comparable: false;
  /** the lot moved in more than one unit: adding kg to pieces would be a guess */
  units: string[];
}

export type MassBalance = ComparableMassBalance | IncomparableMassBalance;

export interface MockRecallDrill {
  requested: LotKey[];
  unknownLots: LotKey[];
  /** the mass balance of every affected lot, in forward-trace order */
  lots: MassBalance[];
  /** lots not balanced to the gram, or not comparable */
  gaps: MassBalance[];
  balanced: boolean;
}

/**
 * A lot's books for a mock-recall drill: what came in (received, produced) against where it can be shown to be
 * (stock, transit, customers, consumption, scrap, back at the supplier). Double entry makes the books balance by
 * construction, so a gap here is what the books themselves admit: count write-offs, and negative balances that
 * betray a missing inbound movement. A delivery that never reached the books still looks like stock: only a count
 * (booked as a count adjustment) shows that one.
 */
export function massBalanceOf(index: GenealogyIndex, lot: number): MassBalance {
  const ref = lotRef(index.lotKeyOf(lot));
  const facts = index.factsOf(lot);
  const units = unitsOf(facts);
  if (units.length > 1) return { lot: ref, comparable: false, units };
  const unit = units[0] ?? '';
  const sum = (quantities: Iterable<{ quantity: string; unit: string }>) =>
    [...quantities].filter((entry) => entry.unit === unit).reduce((total, entry) => addQuantities(total, entry.quantity), '0');
  const positive = (counts: (balance: BalanceFact) => boolean) => sum(facts.balances.filter((balance) => counts(balance) && !isNegative(balance.quantity)));
  const at = (kind: LocationKind) => (balance: BalanceFact) => balance.location.kind === kind && balance.shipTo === undefined;

  const received = sum(facts.receipts ?? []);
  const produced = sum(facts.produced ?? []);
  const source = addQuantities(received, produced);
  const parts = {
    onHand: positive(at('warehouse')),
    inTransit: positive(at('in-transit')),
    // shipped at goods issue: on its way to the customer (in-transit <shipTo>/<delivery>) or there
    shipped: positive((balance) => balance.location.kind === 'customer' || balance.shipTo !== undefined),
    consumed: sum(facts.consumed ?? []),
    scrapped: positive(at('scrap')),
    // the supplier's balance is returned - received
    returnedToSupplier: addQuantities(sum(facts.balances.filter((balance) => balance.location.kind === 'supplier')), received),
  };
  const accounted = Object.values(parts).reduce(addQuantities, '0');
  const gap = subtractQuantities(source, accounted);
  return {
    lot: ref,
    comparable: true,
    unit,
    received,
    produced,
    source,
    ...parts,
    accounted,
    gap,
    percentAccounted: percentAccounted(accounted, source),
    balanced: isZero(gap),
    inventoryLoss: sum(facts.balances.filter((balance) => balance.location.kind === 'inventory-loss')),
    negativeBalances: stockLines(facts, ['warehouse', 'in-transit', 'customer', 'scrap'], true).filter((line) => isNegative(line.quantity)),
  };
}

export function mockRecallDrillOf(index: GenealogyIndex, lotKeys: readonly LotKey[]): MockRecallDrill {
  const { known, requested, unknownLots } = askedLots(index, lotKeys);
  const lots = walk(index, known, 'forward').map((visit) => massBalanceOf(index, visit.lot));
  const gaps = lots.filter((balance) => !balance.comparable || !balance.balanced);
  return {
    requested,
    unknownLots,
    lots,
    gaps,
    balanced: gaps.length === 0,
  };
}

function unitsOf(facts: LotFacts): string[] {
  return [...new Set(facts.balances.map((balance) => balance.unit))].sort(compareText);
}

/** accounted / source in per cent, rounded away from 100 ("100" only when nothing is missing); null when nothing came in. */
export function percentAccounted(accounted: string, source: string): string | null {
  if (isZero(source)) return null;
  const percent = new Decimal(accounted).times(100).div(source);
  const rounding = percent.lt(100) ? Decimal.ROUND_DOWN : Decimal.ROUND_UP;
  return percent.toDecimalPlaces(PERCENT_DECIMALS, rounding).toFixed();
}
