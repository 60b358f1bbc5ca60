import { addQuantities, subtractQuantities } from '@lotbridge/lot';
import { percentAccounted, type MassBalance, type MockRecallDrill } from '@lotbridge/genealogy';

/** Sums of the affected lots' books, per unit: what came in against where it can be shown to be. */
export interface MassBalanceTotals {
  unit: string;
  received: string;
  produced: string;
  source: string;
  onHand: string;
  inTransit: string;
  shipped: string;
  consumed: string;
  scrapped: string;
  returnedToSupplier: string;
  accounted: string;
  gap: string;
  /** accounted / source in per cent, 6 places, rounded away from 100; null when nothing came in */
  percentAccounted: string | null;
}

export interface MockRecallReport {
  /** every affected lot's books balance to the gram, and none moved in several units */
  balanced: boolean;
  totals: MassBalanceTotals[];
  lots: MassBalance[];
  /** lots whose books do not balance (or cannot be compared), with their gap */
  gaps: MassBalance[];
  unknownLots: string[];
}

const SUMMED = ['received', 'produced', 'source', 'onHand', 'inTransit', 'shipped', 'consumed', 'scrapped', 'returnedToSupplier', 'accounted'] as const;

/**
 * The BRCGS/IFS mock-recall mass balance over every lot a recall reaches: each lot's own books (libs/genealogy) summed
 * per unit. A raw lot's consumption is accounted for by the lots made from it, which are in the sum with their own
 * books, so the per cent is 100 exactly when every lot balances.
 */
export function mockRecallReportOf(drill: MockRecallDrill): MockRecallReport {
  const byUnit = new Map<string, MassBalanceTotals>();
  for (const balance of drill.lots) {
    if (!balance.comparable) continue;
    let totals = byUnit.get(balance.unit);
    if (!totals) byUnit.set(balance.unit, (totals = emptyTotals(balance.unit)));
    for (const field of SUMMED) totals[field] = addQuantities(totals[field], (balance)[field]);
  }
  const totals = [...byUnit.values()]
    .map((entry) => ({ ...entry, gap: subtractQuantities(entry.source, entry.accounted), percentAccounted: percentAccounted(entry.accounted, entry.source) }))
    .sort((a, b) => (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
  return { balanced: drill.balanced, totals, lots: drill.lots, gaps: drill.gaps, unknownLots: drill.unknownLots };
}

function emptyTotals(unit: string): MassBalanceTotals {
  return { unit, received: '0', produced: '0', source: '0', onHand: '0', inTransit: '0', shipped: '0', consumed: '0', scrapped: '0', returnedToSupplier: '0', accounted: '0', gap: '0', percentAccounted: null };
}
