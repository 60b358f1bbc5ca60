import { Location, LocationKind, MovementKind, TransformationRole, movementIdFor } from '@lotbridge/lot';
import { toMillionths, millionthsText } from './exact-quantity';

/**
 * Every movement the genealogy has applied, one typed-array column per field, indexed by a dense movement number.
 * Ten million movements as objects would cost several hundred bytes each (an object per movement, per location,
 * per document reference, each string a heap object); here a movement is about 70 bytes: numbers in columns,
 * repeated texts (documents, lines, systems, units) interned once, and the few values that do not fit a column
 * (an unusual quantity or timestamp, a movement id not derived from its source) kept in side maps.
 */

export const KINDS: readonly MovementKind[] = [
  'receipt',
  'put-away',
  'transfer-out',
  'transfer-in',
  'production-consumption',
  'production-output',
  'split',
  'merge',
  'delivery',
  'customer-return',
  'scrap',
  'count-adjustment',
];
const KIND_CODE = new Map<MovementKind, number>(KINDS.map((kind, code) => [kind, code]));

export const ROLE_NONE = 0;
export const ROLE_INPUT = 1;
export const ROLE_OUTPUT = 2;

/** A place every movement starts or ends at: one shared instance per location, with its key. */
export interface Place {
  location: Location;
  key: string;
}

/** Repeated texts as dense numbers: one copy of "000010" or "SAP:QS1CLNT400" for the whole genealogy. */
export class TextTable {
  private readonly ids = new Map<string, number>();
  readonly texts: string[] = [];

  id(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.texts.length;
      this.ids.set(text, id);
      this.texts.push(text);
    }
    return id;
  }

  find(text: string): number | undefined {
    return this.ids.get(text);
  }

  text(id: number): string {
    return this.texts[id] as string;
  }
}

export interface MovementRecord {
  movementId: string;
  lot: number;
  kind: MovementKind;
  from: number;
  to: number;
  unit: number;
  /** canonical text */
  quantity: string;
  occurredAt: string;
  system: number;
  document: number;
  line: number;
  supplierBatchNumber?: string;
  transformation: number;
  role: TransformationRole | undefined;
}

/** Typed columns that double in size when full. */
class Columns {
  capacity: number;
  lot: Int32Array;
  kind: Uint8Array;
  from: Int32Array;
  to: Int32Array;
  unit: Int32Array;
  millionths: Float64Array;
  instant: Float64Array;
  /** digits after the second in the original text (0 to 3), or -1: the text is in a side map */
  instantDigits: Int8Array;
  system: Int32Array;
  document: Int32Array;
  line: Int32Array;
  transformation: Int32Array;
  role: Uint8Array;
  /** the lot's next movement (-1: none): each lot's movements are a chain through this column */
  nextOfLot: Int32Array;
  idHash: Int32Array;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.lot = new Int32Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.from = new Int32Array(capacity);
    this.to = new Int32Array(capacity);
    this.unit = new Int32Array(capacity);
    this.millionths = new Float64Array(capacity);
    this.instant = new Float64Array(capacity);
    this.instantDigits = new Int8Array(capacity);
    this.system = new Int32Array(capacity);
    this.document = new Int32Array(capacity);
    this.line = new Int32Array(capacity);
    this.transformation = new Int32Array(capacity);
    this.role = new Uint8Array(capacity);
    this.nextOfLot = new Int32Array(capacity);
    this.idHash = new Int32Array(capacity);
  }

  grownTo(capacity: number): Columns {
    const grown = new Columns(capacity);
    for (const name of COLUMN_NAMES) (grown[name] as { set(source: ArrayLike<number>): void }).set(this[name]);
    return grown;
  }
}
const COLUMN_NAMES = ['lot', 'kind', 'from', 'to', 'unit', 'millionths', 'instant', 'instantDigits', 'system', 'document', 'line', 'transformation', 'role', 'nextOfLot', 'idHash'] as const;

export class MovementLog {
  private columns = new Columns(1024);
  private count = 0;
  /** open addressing over movement numbers + 1 (0: empty), by a 32-bit hash of the movement id */
  private slots = new Int32Array(2048);
  private readonly quantityTexts = new Map<number, string>();
  private readonly instantTexts = new Map<number, string>();
  private readonly movementIds = new Map<number, string>();
  private readonly supplierBatches = new Map<number, string>();
  readonly texts = new TextTable();
  readonly places: Place[] = [];
  /** each place's kind by place id: the question most movements ask of a place, without reaching its object */
  private readonly placeKinds: LocationKind[] = [];
  private readonly placeIds = new Map<string, number>();

  get size(): number {
    return this.count;
  }

  place(id: number): Place {
    return this.places[id] as Place;
  }

  placeKind(id: number): LocationKind {
    return this.placeKinds[id] as LocationKind;
  }

  placeId(location: Location, key: string): number {
    let id = this.placeIds.get(key);
    if (id === undefined) {
      id = this.places.length;
      // a copy without `bin: undefined`, so that answers compare and serialise the same whatever the input held
      const copy: Location = location.bin === undefined ? { kind: location.kind, code: location.code } : { kind: location.kind, code: location.code, bin: location.bin };
      this.placeIds.set(key, id);
      this.places.push({ location: copy, key });
      this.placeKinds.push(copy.kind);
    }
    return id;
  }

  /** The number of the movement with this id, or undefined. */
  find(movementId: string): number | undefined {
    const hash = hashOf(movementId);
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot] as number;
      if (entry === 0) return undefined;
      const movement = entry - 1;
      if (this.columns.idHash[movement] === hash && this.movementId(movement) === movementId) return movement;
    }
  }

  /** Appends a movement (the caller checked it is new) and returns its number. */
  append(record: MovementRecord, previousOfLot: number): number {
    if (this.count === this.columns.capacity) this.columns = this.columns.grownTo(this.columns.capacity * 2);
    if ((this.count + 1) * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    const movement = this.count++;
    const columns = this.columns;
    columns.lot[movement] = record.lot;
    columns.kind[movement] = KIND_CODE.get(record.kind) as number;
    columns.from[movement] = record.from;
    columns.to[movement] = record.to;
    columns.unit[movement] = record.unit;
    columns.system[movement] = record.system;
    columns.document[movement] = record.document;
    columns.line[movement] = record.line;
    columns.transformation[movement] = record.transformation;
    columns.role[movement] = record.role === 'input' ? ROLE_INPUT : record.role === 'output' ? ROLE_OUTPUT : ROLE_NONE;
    columns.nextOfLot[movement] = -1;
    if (previousOfLot >= 0) columns.nextOfLot[previousOfLot] = movement;

    const millionths = toMillionths(record.quantity);
    columns.millionths[movement] = millionths;
    if (Number.isNaN(millionths)) this.quantityTexts.set(movement, record.quantity);
    const [instant, digits] = instantOf(record.occurredAt);
    columns.instant[movement] = instant;
    columns.instantDigits[movement] = digits;
    if (digits < 0) this.instantTexts.set(movement, record.occurredAt);
    if (record.supplierBatchNumber !== undefined) this.supplierBatches.set(movement, record.supplierBatchNumber);

    if (record.movementId !== movementIdFor(this.sourceOf(movement), record.kind)) this.movementIds.set(movement, record.movementId);
    const hash = hashOf(record.movementId);
    columns.idHash[movement] = hash;
    this.insertSlot(movement, hash);
    return movement;
  }

  lot(movement: number): number {
    return this.columns.lot[movement] as number;
  }

  kind(movement: number): MovementKind {
    return KINDS[this.columns.kind[movement] as number] as MovementKind;
  }

  from(movement: number): number {
    return this.columns.from[movement] as number;
  }

  to(movement: number): number {
    return this.columns.to[movement] as number;
  }

  unit(movement: number): string {
    return this.texts.text(this.columns.unit[movement] as number);
  }

  unitId(movement: number): number {
    return this.columns.unit[movement] as number;
  }

  /** NaN when the quantity is kept as text only */
  millionths(movement: number): number {
    return this.columns.millionths[movement] as number;
  }

  quantity(movement: number): string {
    const millionths = this.columns.millionths[movement] as number;
    return Number.isNaN(millionths) ? (this.quantityTexts.get(movement) as string) : millionthsText(millionths);
  }

  /** milliseconds since the epoch */
  instant(movement: number): number {
    return this.columns.instant[movement] as number;
  }

  /** the instant exactly as the movement wrote it */
  occurredAt(movement: number): string {
    const digits = this.columns.instantDigits[movement] as number;
    if (digits < 0) return this.instantTexts.get(movement) as string;
    return instantText(this.columns.instant[movement] as number, digits);
  }

  system(movement: number): string {
    return this.texts.text(this.columns.system[movement] as number);
  }

  document(movement: number): string {
    return this.texts.text(this.columns.document[movement] as number);
  }

  /** the document's id in `texts` */
  documentId(movement: number): number {
    return this.columns.document[movement] as number;
  }

  line(movement: number): string {
    return this.texts.text(this.columns.line[movement] as number);
  }

  supplierBatchNumber(movement: number): string | undefined {
    return this.supplierBatches.get(movement);
  }

  /** the transformation's number, or -1 */
  transformation(movement: number): number {
    return this.columns.transformation[movement] as number;
  }

  role(movement: number): TransformationRole | undefined {
    const role = this.columns.role[movement] as number;
    return role === ROLE_INPUT ? 'input' : role === ROLE_OUTPUT ? 'output' : undefined;
  }

  nextOfLot(movement: number): number {
    return this.columns.nextOfLot[movement] as number;
  }

  movementId(movement: number): string {
    return this.movementIds.get(movement) ?? movementIdFor(this.sourceOf(movement), this.kind(movement));
  }

  private sourceOf(movement: number): { system: string; document: string; line: string } {
    return { system: this.system(movement), document: this.document(movement), line: this.line(movement) };
  }

  private insertSlot(movement: number, hash: number): void {
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = movement + 1;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    for (let movement = 0; movement < this.count; movement++) this.insertSlot(movement, this.columns.idHash[movement] as number);
  }
}

/** FNV-1a over UTF-16 code units, then mixed so that similar ids spread over the table. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  return hash ^ (hash >>> 13);
}

/** Milliseconds and the number of fraction digits the text had, or digits -1 when rebuilding would not give the same text. */
function instantOf(text: string): [number, number] {
  const instant = Date.parse(text);
  if (Number.isNaN(instant)) return [instant, -1];
  const dot = text.indexOf('.');
  const digits = dot < 0 ? 0 : text.length - dot - 2;
  if (digits <= 3 && instantText(instant, digits) === text) return [instant, digits];
  return [instant, -1];
}

/**
 * Formatted instants, direct-mapped by second: the movements of one document, and the lots of one trace, mostly
 * share a handful of instants, and toISOString is the dearest step of rebuilding a movement's line.
 */
const CACHE_SIZE = 1024;
const cachedInstants = new Float64Array(CACHE_SIZE).fill(NaN);
const cachedIsos: string[] = new Array<string>(CACHE_SIZE).fill('');

function instantText(instant: number, digits: number): string {
  const slot = Math.floor(instant / 1000) & (CACHE_SIZE - 1);
  let iso = cachedIsos[slot] as string;
  if (cachedInstants[slot] !== instant) {
    iso = new Date(instant).toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ
    cachedInstants[slot] = instant;
    cachedIsos[slot] = iso;
  }
  return digits === 0 ? `${iso.slice(0, 19)}Z` : `${iso.slice(0, 20 + digits)}Z`;
}
