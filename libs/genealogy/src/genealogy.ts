import { Completeness, completenessOf } from './completeness';
import { GenealogyEvent } from './genealogy-event';
import { ApplyOutcome, GenealogyIndex } from './genealogy-index';
import { LotKey } from './lot-key';
import { MassBalance, MockRecallDrill, massBalanceOf, mockRecallDrillOf } from './mass-balance';
import { RecallImpact, RecallImpactWithDeliveries, recallImpactOf } from './recall-impact';
import {
  BackwardTrace,
  CustomerLots,
  DeliveryTrace,
  ForwardTrace,
  backwardTraceOf,
  backwardTraceOfCustomer,
  backwardTraceOfDelivery,
  forwardTraceOf,
  lotsDeliveredTo,
} from './trace';

export interface GenealogyStats {
  lots: number;
  transformations: number;
  movements: number;
  /** lot-transformation links: one per lot per transformation, however many movements */
  edges: number;
}

/**
 * The genealogy of every lot, built from movements in any order, answering trace and recall questions from memory.
 * Pure: no I/O. A service feeds it from its store at start and from the movement stream after, and keeps
 * PostgreSQL as the store of record. Every answer is a plain JSON-able object with exact decimal strings.
 * Unknown lots, documents and customers give `undefined` (or are listed as unknown), never an error.
 */
export class Genealogy {
  private readonly index = new GenealogyIndex();

  /** Idempotent by movement id; any arrival order (an output may come before its inputs). Invalid events are refused with their problems. */
  apply(event: GenealogyEvent): ApplyOutcome {
    return this.index.apply(event);
  }

  applyAll(events: Iterable<GenealogyEvent>): ApplyOutcome[] {
    return Array.from(events, (event) => this.index.apply(event));
  }

  has(lotKey: LotKey): boolean {
    return this.index.lotId(lotKey) !== undefined;
  }

  stats(): GenealogyStats {
    const { index } = this;
    return { lots: index.lotKeys.length, transformations: index.transformations.length, movements: index.movementCount, edges: index.edges };
  }

  /** The lot and every lot made from it, breadth first, with stock, deliveries and further consumption of each. */
  forwardTrace(lotKey: LotKey): ForwardTrace | undefined {
    const lot = this.index.lotId(lotKey);
    return lot === undefined ? undefined : forwardTraceOf(this.index, [lot]);
  }

  /** The forward traces of several lots as one (a lot reached from two of them is listed once); unknown lots are left out. */
  forwardTraceOfLots(lotKeys: readonly LotKey[]): ForwardTrace {
    const lots = lotKeys.map((key) => this.index.lotId(key)).filter((lot): lot is number => lot !== undefined);
    return forwardTraceOf(this.index, lots);
  }

  /** The lot and every lot it was made from, up to the supplier receipts. */
  backwardTrace(lotKey: LotKey): BackwardTrace | undefined {
    const lot = this.index.lotId(lotKey);
    return lot === undefined ? undefined : backwardTraceOf(this.index, [lot]);
  }

  /** Every lot a delivery document (delivery or return) carried, traced back to its supplier receipts. */
  backwardTraceOfDelivery(document: string): DeliveryTrace | undefined {
    return backwardTraceOfDelivery(this.index, document);
  }

  /** What a customer got: lots with their deliveries and returns. */
  lotsDeliveredTo(customer: string): CustomerLots {
    return lotsDeliveredTo(this.index, customer);
  }

  /** Where everything a customer got came from. */
  backwardTraceOfCustomer(customer: string): BackwardTrace | undefined {
    return backwardTraceOfCustomer(this.index, customer);
  }

  /** What a recall of the lots reaches: affected lots, stock per location, shipments per customer with their deliveries. */
  recallImpact(lotKeys: readonly LotKey[]): RecallImpact;
  /** The same with every customer's delivery and return lines (the notification list). */
  recallImpact(lotKeys: readonly LotKey[], options: { withDeliveries: true }): RecallImpactWithDeliveries;
  recallImpact(lotKeys: readonly LotKey[], options: { withDeliveries?: boolean } = {}): RecallImpact {
    return recallImpactOf(this.index, lotKeys, options);
  }

  massBalance(lotKey: LotKey): MassBalance | undefined {
    const lot = this.index.lotId(lotKey);
    return lot === undefined ? undefined : massBalanceOf(this.index, lot);
  }

  /** The mass balance of every lot a recall of these lots would touch, and the ones that do not balance. */
  mockRecallDrill(lotKeys: readonly LotKey[]): MockRecallDrill {
    return mockRecallDrillOf(this.index, lotKeys);
  }

  /** Shipped lots not traceable to supplier receipts, transformations that do not balance, unlinked movements. */
  completeness(): Completeness {
    return completenessOf(this.index);
  }
}
