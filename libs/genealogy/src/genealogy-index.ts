import { Location, MovementKind, TransformationRole, canonicalQuantity, locationKey, movementProblems } from '@lotbridge/lot';
import { GenealogyEvent, TRANSFORMATION_KINDS } from './genealogy-event';
import { LotKey, lotKey } from './lot-key';
import { appended } from './compact-list';
import { lotFactsOf } from './lot-facts';
import { MovementLog } from './movement-log';
import { customerOfShipment, isReversal, shipmentLeg } from './movement-meaning';
import { UnitQuantity, addByUnit } from './unit-quantity';

/** Where a movement came from: system, document, line (the SAP delivery and its item, a Kingdee bill ...). */
export interface Documented {
  movementId: string;
  system: string;
  document: string;
  line: string;
  /** negative for a reversal (SAP 102, 262): it takes back what the line it reverses brought */
  quantity: string;
  unit: string;
  occurredAt: string;
}

/** Facts (not the lines answers are made of) keep the instant as a number: sorting them parses no text. */
interface Instant {
  /** occurredAt in milliseconds since the epoch */
  instant: number;
}

export interface ReceiptFact extends Documented, Instant {
  supplier: string;
  supplierBatchNumber?: string;
  /** location key of the warehouse it was received into (for a reversal: taken back from) */
  receivedAt: string;
}

/** A shipment to a customer (at goods issue), or (kind 'return') a customer's return or a reversed goods issue. */
export interface DeliveryFact extends Documented, Instant {
  kind: 'delivery' | 'return';
  customer: string;
  /** location key of the warehouse side: where it left from, or where a return came back to */
  warehouse: string;
  /** proof of delivery: when the second leg reached the customer */
  deliveredAt?: string;
  /** the in-transit location key of a goods issue: its proof of delivery leaves from there */
  transit?: string;
}

export interface TransformationFact extends Documented, Instant {
  transformation: number;
  kind: MovementKind;
}

/** location and locationKey are shared by every lot at that location: one copy per place, not per lot. */
export interface BalanceFact {
  location: Location;
  locationKey: string;
  unit: string;
  quantity: string;
  /** an in-transit location a goods issue shipped to: what is there counts as shipped to this customer */
  shipTo?: string;
}

/**
 * What is known about one lot, derived from its movements when asked (see lot-facts.ts): nothing per lot is kept
 * but the chain of its movements, so a million lots cost a few integers each.
 */
export interface LotFacts {
  /** double entry: every location the lot touched, virtual ones included; the sum over all is zero */
  balances: BalanceFact[];
  receipts?: ReceiptFact[];
  deliveries?: DeliveryFact[];
  consumptions?: TransformationFact[];
  productions?: TransformationFact[];
  /**
   * Flows into and out of production locations, net of reversals, linked to a transformation or not. Kept apart from
   * the balance at the production location, because a lot that is produced there and consumed there again nets out to zero.
   */
  consumed?: UnitQuantity[];
  produced?: UnitQuantity[];
}

export interface TransformationRecord {
  id: string;
  /** each lot once, however many movements it took part with */
  inputLots: number[];
  outputLots: number[];
  /** net of reversals */
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

/** A growable Int32 column per lot. */
class LotColumn {
  values = new Int32Array(1024);

  get(lot: number): number {
    return this.values[lot] as number;
  }

  set(lot: number, value: number): void {
    if (lot >= this.values.length) {
      const grown = new Int32Array(Math.max(this.values.length * 2, lot + 1));
      grown.set(this.values);
      this.values = grown;
    }
    this.values[lot] = value;
  }
}

/**
 * The genealogy as compact in-memory columns. Movements live in a MovementLog (typed arrays); lots and transformations
 * are interned to dense integer ids; the graph is bipartite, lot -> transformation -> lot, so a transformation with m
 * inputs and n outputs costs m + n edges instead of m x n, an output arriving before its inputs needs no
 * back-patching, and the transformation that links two lots is the edge itself. Per lot only the first and last of
 * its movements are kept; its facts are derived when a question reaches it. Not exported from the library: queries
 * go through `Genealogy`.
 */
export class GenealogyIndex {
  readonly log = new MovementLog();
  readonly lotIds = new Map<LotKey, number>();
  readonly lotKeys: LotKey[] = [];
  private readonly firstMovement = new LotColumn();
  private readonly lastMovement = new LotColumn();
  /** lot -> transformations it went into (forward edges) */
  readonly consumedIn: (number[] | undefined)[] = [];
  /** lot -> transformations that made it (backward edges) */
  readonly producedBy: (number[] | undefined)[] = [];
  readonly transformationIds = new Map<string, number>();
  readonly transformations: TransformationRecord[] = [];
  /** shipments and returns, by customer and by document number */
  readonly lotsByCustomer = new Map<string, Set<number>>();
  /**
   * Shipped lots by the document's text id: most delivery documents carry one lot, so the one lot is kept as a number
   * and only a document with several gets an array (millions of one-element arrays would be millions of heap objects
   * for every garbage collection to visit).
   */
  private readonly lotsByDocument = new Map<number, number | number[]>();
  readonly unlinked: UnlinkedMovement[] = [];
  private edgeCount = 0;

  get movementCount(): number {
    return this.log.size;
  }

  get edges(): number {
    return this.edgeCount;
  }

  get lotCount(): number {
    return this.lotKeys.length;
  }

  lotId(key: LotKey): number | undefined {
    return this.lotIds.get(key);
  }

  lotKeyOf(lot: number): LotKey {
    return defined(this.lotKeys[lot], 'lot', lot);
  }

  /** `parts`: FACTS bits (lot-facts.ts); the facts left out are absent or empty. */
  factsOf(lot: number, parts?: number): LotFacts {
    this.lotKeyOf(lot);
    return lotFactsOf(this, lot, parts);
  }

  /** The lot's first movement in arrival order, -1 for none; `log.nextOfLot` gives the next (a loop, no generator per lot). */
  firstMovementOf(lot: number): number {
    return this.firstMovement.get(lot);
  }

  /** Whether any movement brought the lot from a supplier: cheaper than its facts, for whole-genealogy sweeps. */
  hasSupplierReceipt(lot: number): boolean {
    for (let movement = this.firstMovement.get(lot); movement >= 0; movement = this.log.nextOfLot(movement)) {
      if (this.log.fromKind(movement) === 'supplier') return true;
    }
    return false;
  }

  transformation(transformation: number): TransformationRecord {
    return defined(this.transformations[transformation], 'transformation', transformation);
  }

  /** Idempotent by movement id, in any arrival order: the same movement twice changes nothing. */
  apply(event: GenealogyEvent): ApplyOutcome {
    const { log } = this;
    if (log.find(event.movementId) !== undefined) return { outcome: 'duplicate' };
    const problems = movementProblems(event);
    if (problems.length > 0) return { outcome: 'rejected', problems };

    const lot = this.internLot(lotKey(event.item, event.batchNumber));
    const quantity = canonicalQuantity(event.quantity);
    const unit = log.texts.id(event.unit);
    const from = log.placeId(event.from, locationKey(event.from));
    const to = log.placeId(event.to, locationKey(event.to));
    const link = event.transformation;
    const transformation = link ? this.internTransformation(link.transformationId) : -1;
    const document = log.texts.id(event.source.document);
    const movement = log.append(
      {
        movementId: event.movementId,
        lot,
        kind: event.kind,
        from,
        to,
        unit,
        quantity,
        occurredAt: event.occurredAt,
        system: log.texts.id(event.source.system),
        document,
        line: log.texts.id(event.source.line),
        ...(event.supplierBatchNumber === undefined ? {} : { supplierBatchNumber: event.supplierBatchNumber }),
        transformation,
        role: link?.role,
      },
      this.lastMovement.get(lot),
    );
    if (this.lastMovement.get(lot) < 0) this.firstMovement.set(lot, movement);
    this.lastMovement.set(lot, movement);

    this.indexShipment(lot, event, document);
    if (link) this.link(lot, transformation, link.role, event.unit, isReversal(event.kind, event.from.kind, event.to.kind, link.role) ? `-${quantity}` : quantity);
    else if (TRANSFORMATION_KINDS.has(event.kind)) this.unlinked.push({ lot, movementId: event.movementId, kind: event.kind });
    return { outcome: 'applied' };
  }

  /** Lots by customer and by document: which lots' facts a question about a customer or a delivery must read. */
  private indexShipment(lot: number, event: GenealogyEvent, documentId: number): void {
    const leg = shipmentLeg(event.kind, event.from.kind, event.to.kind);
    if (leg === undefined) return;
    const { document } = event.source;
    const customer = customerOfShipment(leg, event.from.code, event.to.code, document);
    let byCustomer = this.lotsByCustomer.get(customer);
    if (!byCustomer) this.lotsByCustomer.set(customer, (byCustomer = new Set()));
    byCustomer.add(lot);
    const byDocument = this.lotsByDocument.get(documentId);
    if (byDocument === undefined) this.lotsByDocument.set(documentId, lot);
    else if (typeof byDocument === 'number') {
      if (byDocument !== lot) this.lotsByDocument.set(documentId, [byDocument, lot]);
    } else if (!byDocument.includes(lot)) byDocument.push(lot);
  }

  /** The lots a delivery or return document carried, or undefined for a document that shipped nothing. */
  lotsOfDocument(document: string): readonly number[] | undefined {
    const documentId = this.log.texts.find(document);
    const lots = documentId === undefined ? undefined : this.lotsByDocument.get(documentId);
    return typeof lots === 'number' ? [lots] : lots;
  }

  private link(lot: number, transformation: number, role: TransformationRole, unit: string, quantity: string): void {
    const record = this.transformation(transformation);
    if (role === 'input') {
      record.inputTotals = addByUnit(record.inputTotals, unit, quantity);
      this.addEdge(this.consumedIn, lot, transformation, record, 'inputLots');
    } else {
      record.outputTotals = addByUnit(record.outputTotals, unit, quantity);
      this.addEdge(this.producedBy, lot, transformation, record, 'outputLots');
    }
  }

  /**
   * One edge per (lot, transformation), however many movements connect them; a reversed issue keeps its edge (the
   * lot was at the order: a recall errs on the side of including it). The membership test scans the shorter side:
   * a hub lot is consumed by thousands of small transformations, a big merge has thousands of inputs, and neither
   * should make every further movement slower.
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

  private internLot(key: LotKey): number {
    const known = this.lotIds.get(key);
    if (known !== undefined) return known;
    const lot = this.lotKeys.length;
    this.lotIds.set(key, lot);
    this.lotKeys.push(key);
    this.firstMovement.set(lot, -1);
    this.lastMovement.set(lot, -1);
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

function defined<T>(value: T | undefined, what: string, id: number): T {
  if (value === undefined) throw new RangeError(`no ${what} with id ${id} in the genealogy`);
  return value;
}
