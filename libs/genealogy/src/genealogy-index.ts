import { Location, MovementKind, TransformationRole, addQuantities, canonicalQuantity, locationKey, movementProblems } from '@lotbridge/lot';
import { GenealogyEvent, TRANSFORMATION_KINDS } from './genealogy-event';
import { LotKey, lotKey } from './lot-key';
import { appended } from './compact-list';
import { UnitQuantity, addByUnit } from './unit-quantity';

/** Where a movement came from: system, document, line (the SAP delivery and its item, a Kingdee bill ...). */
export interface Documented {
  movementId: string;
  system: string;
  document: string;
  line: string;
  quantity: string;
  unit: string;
  occurredAt: string;
}

export interface ReceiptFact extends Documented {
  supplier: string;
  supplierBatchNumber?: string;
  /** location key of the warehouse it was received into */
  receivedAt: string;
}

/** A delivery to a customer, or (kind 'return') a customer's return of it. */
export interface DeliveryFact extends Documented {
  kind: 'delivery' | 'return';
  customer: string;
  /** location key of the warehouse side: where it left from, or where a return came back to */
  warehouse: string;
}

export interface TransformationFact extends Documented {
  transformation: number;
  kind: MovementKind;
}

/** location and locationKey are shared by every lot at that location: one copy per place, not per lot. */
export interface BalanceFact {
  location: Location;
  locationKey: string;
  unit: string;
  quantity: string;
}

/**
 * What is known about one lot. Fields other than balances are created on first use: most lots are received
 * once or produced once and never consumed, and a million lots should not carry a million empty arrays each.
 */
export interface LotFacts {
  /** double entry: every location the lot touched, virtual ones included; the sum over all is zero */
  balances: BalanceFact[];
  receipts?: ReceiptFact[];
  deliveries?: DeliveryFact[];
  consumptions?: TransformationFact[];
  productions?: TransformationFact[];
  /**
   * Flows into and out of production locations, linked to a transformation or not. Kept apart from the balance
   * at the production location, because a lot that is produced there and consumed there again nets out to zero.
   */
  consumed?: UnitQuantity[];
  produced?: UnitQuantity[];
}

export interface TransformationRecord {
  id: string;
  /** each lot once, however many movements it took part with */
  inputLots: number[];
  outputLots: number[];
  inputTotals: UnitQuantity[];
  outputTotals: UnitQuantity[];
}

/** A production, split or merge movement without a transformation id: its lot cannot be linked to the others. */
export interface UnlinkedMovement {
  lot: number;
  movementId: string;
  kind: MovementKind;
}

export type ApplyOutcome = { outcome: 'applied' } | { outcome: 'duplicate' } | { outcome: 'rejected'; problems: string[] };

/**
 * The genealogy as compact in-memory arrays. Lots and transformations are interned to dense integer ids; the
 * graph is bipartite, lot -> transformation -> lot, so a transformation with m inputs and n outputs costs m + n
 * edges instead of m x n, an output arriving before its inputs needs no back-patching, and the transformation
 * that links two lots is the edge itself. Not exported from the library: queries go through `Genealogy`.
 */
export class GenealogyIndex {
  readonly lotIds = new Map<LotKey, number>();
  readonly lotKeys: LotKey[] = [];
  readonly facts: LotFacts[] = [];
  /** lot -> transformations it went into (forward edges) */
  readonly consumedIn: (number[] | undefined)[] = [];
  /** lot -> transformations that made it (backward edges) */
  readonly producedBy: (number[] | undefined)[] = [];
  readonly transformationIds = new Map<string, number>();
  readonly transformations: TransformationRecord[] = [];
  /** deliveries and returns, by customer and by document number */
  readonly lotsByCustomer = new Map<string, Set<number>>();
  readonly lotsByDocument = new Map<string, Set<number>>();
  readonly unlinked: UnlinkedMovement[] = [];
  private readonly applied = new Set<string>();
  /**
   * One instance of each location and of each often repeated text (unit, system, partner code): a decoded message
   * brings fresh copies, and a million copies of "warehouse:DE01/MAIN" adds tens of megabytes per million lots.
   */
  private readonly places = new Map<string, { location: Location; key: string }>();
  private readonly texts = new Map<string, string>();
  private edgeCount = 0;

  get movementCount(): number {
    return this.applied.size;
  }

  get edges(): number {
    return this.edgeCount;
  }

  lotId(key: LotKey): number | undefined {
    return this.lotIds.get(key);
  }

  lotKeyOf(lot: number): LotKey {
    return defined(this.lotKeys[lot], 'lot', lot);
  }

  factsOf(lot: number): LotFacts {
    return defined(this.facts[lot], 'lot', lot);
  }

  transformation(transformation: number): TransformationRecord {
    return defined(this.transformations[transformation], 'transformation', transformation);
  }

  /** Idempotent by movement id, in any arrival order: the same movement twice changes nothing. */
  apply(event: GenealogyEvent): ApplyOutcome {
    if (this.applied.has(event.movementId)) return { outcome: 'duplicate' };
    const problems = movementProblems(event);
    if (problems.length > 0) return { outcome: 'rejected', problems };
    this.applied.add(event.movementId);

    const lot = this.internLot(lotKey(event.item, event.batchNumber));
    const facts = this.factsOf(lot);
    const quantity = canonicalQuantity(event.quantity);
    const unit = this.text(event.unit);
    const from = this.place(event.from);
    const to = this.place(event.to);
    const documented: Documented = {
      movementId: event.movementId,
      system: this.text(event.source.system),
      document: event.source.document,
      line: event.source.line,
      quantity,
      unit,
      occurredAt: event.occurredAt,
    };

    post(facts, from, unit, `-${quantity}`);
    post(facts, to, unit, quantity);
    // A cancellation (SAP 102, 262, ...) takes stock back: no new receipt, delivery, production or consumption.
    if (event.reversal) return { outcome: 'applied' };
    if (from.location.kind === 'supplier') {
      const supplierBatch = event.supplierBatchNumber === undefined ? {} : { supplierBatchNumber: event.supplierBatchNumber };
      facts.receipts = appended(facts.receipts, { ...documented, supplier: this.text(from.location.code), ...supplierBatch, receivedAt: to.key });
    }
    if (to.location.kind === 'customer') this.recordDelivery(lot, facts, { ...documented, kind: 'delivery', customer: this.text(to.location.code), warehouse: from.key });
    if (from.location.kind === 'customer') this.recordDelivery(lot, facts, { ...documented, kind: 'return', customer: this.text(from.location.code), warehouse: to.key });
    if (to.location.kind === 'production') facts.consumed = addByUnit(facts.consumed, unit, quantity);
    if (from.location.kind === 'production') facts.produced = addByUnit(facts.produced, unit, quantity);

    if (event.transformation) this.link(lot, facts, event.transformation.transformationId, event.transformation.role, { ...documented, kind: event.kind });
    else if (TRANSFORMATION_KINDS.has(event.kind)) this.unlinked.push({ lot, movementId: event.movementId, kind: event.kind });
    return { outcome: 'applied' };
  }

  private recordDelivery(lot: number, facts: LotFacts, delivery: DeliveryFact): void {
    facts.deliveries = appended(facts.deliveries, delivery);
    addToIndex(this.lotsByCustomer, delivery.customer, lot);
    addToIndex(this.lotsByDocument, delivery.document, lot);
  }

  private link(lot: number, facts: LotFacts, transformationId: string, role: TransformationRole, fact: Omit<TransformationFact, 'transformation'>): void {
    const transformation = this.internTransformation(transformationId);
    const record = this.transformation(transformation);
    if (role === 'input') {
      facts.consumptions = appended(facts.consumptions, { ...fact, transformation });
      record.inputTotals = addByUnit(record.inputTotals, fact.unit, fact.quantity);
      this.addEdge(this.consumedIn, lot, transformation, record, 'inputLots');
    } else {
      facts.productions = appended(facts.productions, { ...fact, transformation });
      record.outputTotals = addByUnit(record.outputTotals, fact.unit, fact.quantity);
      this.addEdge(this.producedBy, lot, transformation, record, 'outputLots');
    }
  }

  /**
   * One edge per (lot, transformation), however many movements connect them. The membership test scans the
   * shorter side: a hub lot is consumed by thousands of small transformations, a big merge has thousands of
   * inputs, and neither should make every further movement slower.
   */
  private addEdge(edgesOfLot: (number[] | undefined)[], lot: number, transformation: number, record: TransformationRecord, side: 'inputLots' | 'outputLots'): void {
    const edges = edgesOfLot[lot] ?? [];
    const lots = record[side];
    const known = edges.length <= lots.length ? edges.includes(transformation) : lots.includes(lot);
    if (known) return;
    edgesOfLot[lot] = appended(edges, transformation);
    record[side] = appended(lots, lot);
    this.edgeCount++;
  }

  private place(location: Location): { location: Location; key: string } {
    const key = locationKey(location);
    let place = this.places.get(key);
    if (!place) {
      // a copy without `bin: undefined`, so that answers compare and serialise the same whatever the input held
      const copy: Location = location.bin === undefined ? { kind: location.kind, code: location.code } : { kind: location.kind, code: location.code, bin: location.bin };
      this.places.set(key, (place = { location: copy, key }));
    }
    return place;
  }

  private text(value: string): string {
    const known = this.texts.get(value);
    if (known !== undefined) return known;
    this.texts.set(value, value);
    return value;
  }

  private internLot(key: LotKey): number {
    const known = this.lotIds.get(key);
    if (known !== undefined) return known;
    const lot = this.lotKeys.length;
    this.lotIds.set(key, lot);
    this.lotKeys.push(key);
    this.facts.push({ balances: [] });
    this.consumedIn.push(undefined);
    this.producedBy.push(undefined);
    return lot;
  }

  private internTransformation(id: string): number {
    const known = this.transformationIds.get(id);
    if (known !== undefined) return known;
    const transformation = this.transformations.length;
    this.transformationIds.set(id, transformation);
    this.transformations.push({ id, inputLots: [], outputLots: [], inputTotals: [], outputTotals: [] });
    return transformation;
  }
}

/** Double entry: -quantity at from, +quantity at to, per location and unit. */
function post(facts: LotFacts, place: { location: Location; key: string }, unit: string, delta: string): void {
  const balance = facts.balances.find((entry) => entry.locationKey === place.key && entry.unit === unit);
  if (balance) balance.quantity = addQuantities(balance.quantity, delta);
  else facts.balances = appended(facts.balances, { location: place.location, locationKey: place.key, unit, quantity: canonicalQuantity(delta) });
}

function addToIndex(index: Map<string, Set<number>>, key: string, lot: number): void {
  let lots = index.get(key);
  if (!lots) index.set(key, (lots = new Set()));
  lots.add(lot);
}

function defined<T>(value: T | undefined, what: string, id: number): T {
  if (value === undefined) throw new RangeError(`no ${what} with id ${id} in the genealogy`);
  return value;
}
