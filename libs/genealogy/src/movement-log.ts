import { Location, LocationKind, MovementKind, TransformationRole, movementIdFor } from '@lotbridge/lot';
import { ExactTotal, toMillionths, millionthsText } from './exact-quantity';

/**
 * Every movement the genealogy has applied, one fixed-size row of numbers each (Rows below), indexed by a dense
 * movement number. Ten million movements as objects would cost several hundred bytes each (an object per movement,
 * per location, per document reference, each string a heap object); here a movement is 64 bytes of row plus its
 * share of the id table: repeated texts (documents, lines, systems, units) interned once, and the few values that
 * do not fit a row (an unusual quantity or timestamp, a movement id not derived from its source) kept in side maps.
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
const LOCATION_KINDS: readonly LocationKind[] = ['warehouse', 'supplier', 'customer', 'in-transit', 'production', 'scrap', 'inventory-loss'];
const LOCATION_KIND_CODE = new Map<LocationKind, number>(LOCATION_KINDS.map((kind, code) => [kind, code]));

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

/**
 * One 64-byte row per movement (a cache line), its fields at fixed offsets of an Int32Array, and the two float fields
 * read through a Float64Array over the same buffer. A trace reads most fields of each movement it visits, and the
 * movements of one lot lie far apart in a log of millions: row by row that is one cache miss per movement, where a
 * typed array per field was one per field. The rows double in number when full.
 */
const STRIDE = 16;
const LOT = 0;
/** the movement's kind in the low byte, the kinds of its from and to locations in the next two: most questions a trace asks of a movement, without reaching its places */
const KIND = 1;
const FROM = 2;
const TO = 3;
const UNIT = 4;
const SYSTEM = 5;
const DOCUMENT = 6;
const LINE = 7;
const TRANSFORMATION = 8;
/** the lot's next movement (-1: none): each lot's movements are a chain through this field */
const NEXT_OF_LOT = 9;
const ID_HASH = 10;
/** role (ROLE_*) in the low 4 bits; above them the digits after the second in the original text (0 to 3) plus one, 0: the text is in a side map */
const ROLE_AND_DIGITS = 11;
/** float offsets: int slots 12-13 and 14-15 */
const MILLIONTHS = 6;
const INSTANT = 7;

class Rows {
  readonly capacity: number;
  readonly ints: Int32Array;
  readonly floats: Float64Array;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.ints = new Int32Array(capacity * STRIDE);
    this.floats = new Float64Array(this.ints.buffer);
  }

  grownTo(capacity: number): Rows {
    const grown = new Rows(capacity);
    grown.ints.set(this.ints);
    return grown;
  }
}

export class MovementLog {
  private rows = new Rows(1024);
  private count = 0;
  /** open addressing over movement numbers + 1 (0: empty), by a 32-bit hash of the movement id */
  private slots = new Int32Array(2048);
  private readonly quantityTexts = new Map<number, string>();
  private readonly instantTexts = new Map<number, string>();
  private readonly movementIds = new Map<number, string>();
  private readonly supplierBatches = new Map<number, string>();
  readonly texts = new TextTable();
  readonly places: Place[] = [];
  private readonly placeIds = new Map<string, number>();

  get size(): number {
    return this.count;
  }

  place(id: number): Place {
    return this.places[id] as Place;
  }

  placeCode(id: number): string {
    return this.place(id).location.code;
  }

  placeId(location: Location, key: string): number {
    let id = this.placeIds.get(key);
    if (id === undefined) {
      id = this.places.length;
      // a copy without `bin: undefined`, so that answers compare and serialise the same whatever the input held
      const copy: Location = location.bin === undefined ? { kind: location.kind, code: location.code } : { kind: location.kind, code: location.code, bin: location.bin };
      this.placeIds.set(key, id);
      this.places.push({ location: copy, key });
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
      if (this.rows.ints[movement * STRIDE + ID_HASH] === hash && this.movementId(movement) === movementId) return movement;
    }
  }

  /** Appends a movement (the caller checked it is new) and returns its number. */
  append(record: MovementRecord, previousOfLot: number): number {
    if (this.count === this.rows.capacity) this.rows = this.rows.grownTo(this.rows.capacity * 2);
    if ((this.count + 1) * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    const movement = this.count++;
    const { ints, floats } = this.rows;
    const row = movement * STRIDE;
    ints[row + LOT] = record.lot;
    const kindCode = (place: number) => LOCATION_KIND_CODE.get(this.place(place).location.kind) as number;
    ints[row + KIND] = (KIND_CODE.get(record.kind) as number) | (kindCode(record.from) << 8) | (kindCode(record.to) << 16);
    ints[row + FROM] = record.from;
    ints[row + TO] = record.to;
    ints[row + UNIT] = record.unit;
    ints[row + SYSTEM] = record.system;
    ints[row + DOCUMENT] = record.document;
    ints[row + LINE] = record.line;
    ints[row + TRANSFORMATION] = record.transformation;
    ints[row + NEXT_OF_LOT] = -1;
    if (previousOfLot >= 0) ints[previousOfLot * STRIDE + NEXT_OF_LOT] = movement;

    const millionths = toMillionths(record.quantity);
    floats[movement * 8 + MILLIONTHS] = millionths;
    if (Number.isNaN(millionths)) this.quantityTexts.set(movement, record.quantity);
    const [instant, digits] = instantOf(record.occurredAt);
    floats[movement * 8 + INSTANT] = instant;
    const role = record.role === 'input' ? ROLE_INPUT : record.role === 'output' ? ROLE_OUTPUT : ROLE_NONE;
    ints[row + ROLE_AND_DIGITS] = role | ((digits + 1) << 4);
    if (digits < 0) this.instantTexts.set(movement, record.occurredAt);
    if (record.supplierBatchNumber !== undefined) this.supplierBatches.set(movement, record.supplierBatchNumber);

    if (record.movementId !== movementIdFor(this.sourceOf(movement), record.kind)) this.movementIds.set(movement, record.movementId);
    const hash = hashOf(record.movementId);
    ints[row + ID_HASH] = hash;
    this.insertSlot(movement, hash);
    return movement;
  }

  lot(movement: number): number {
    return this.rows.ints[movement * STRIDE + LOT] as number;
  }

  kind(movement: number): MovementKind {
    return KINDS[(this.rows.ints[movement * STRIDE + KIND] as number) & 0xff] as MovementKind;
  }

  fromKind(movement: number): LocationKind {
    return LOCATION_KINDS[((this.rows.ints[movement * STRIDE + KIND] as number) >> 8) & 0xff] as LocationKind;
  }

  toKind(movement: number): LocationKind {
    return LOCATION_KINDS[((this.rows.ints[movement * STRIDE + KIND] as number) >> 16) & 0xff] as LocationKind;
  }

  from(movement: number): number {
    return this.rows.ints[movement * STRIDE + FROM] as number;
  }

  to(movement: number): number {
    return this.rows.ints[movement * STRIDE + TO] as number;
  }

  unit(movement: number): string {
    return this.texts.text(this.rows.ints[movement * STRIDE + UNIT] as number);
  }

  unitId(movement: number): number {
    return this.rows.ints[movement * STRIDE + UNIT] as number;
  }

  /** NaN when the quantity is kept as text only */
  millionths(movement: number): number {
    return this.rows.floats[movement * 8 + MILLIONTHS] as number;
  }

  quantity(movement: number): string {
    const millionths = this.rows.floats[movement * 8 + MILLIONTHS] as number;
    return Number.isNaN(millionths) ? (this.quantityTexts.get(movement) as string) : millionthsText(millionths);
  }

  /** Adds the movement's quantity to the total (`sign` -1 subtracts); its text is made only when millionths cannot carry it. */
  addTo(total: ExactTotal, movement: number, sign: 1 | -1): void {
    const millionths = this.millionths(movement);
    if (!total.addMillionths(millionths, sign)) total.add(this.quantity(movement), millionths, sign);
  }

  /** milliseconds since the epoch */
  instant(movement: number): number {
    return this.rows.floats[movement * 8 + INSTANT] as number;
  }

  /** the instant exactly as the movement wrote it */
  occurredAt(movement: number): string {
    const digits = ((this.rows.ints[movement * STRIDE + ROLE_AND_DIGITS] as number) >> 4) - 1;
    if (digits < 0) return this.instantTexts.get(movement) as string;
    return instantText(this.rows.floats[movement * 8 + INSTANT] as number, digits);
  }

  system(movement: number): string {
    return this.texts.text(this.rows.ints[movement * STRIDE + SYSTEM] as number);
  }

  document(movement: number): string {
    return this.texts.text(this.rows.ints[movement * STRIDE + DOCUMENT] as number);
  }

  /** the document's id in `texts` */
  documentId(movement: number): number {
    return this.rows.ints[movement * STRIDE + DOCUMENT] as number;
  }

  line(movement: number): string {
    return this.texts.text(this.rows.ints[movement * STRIDE + LINE] as number);
  }

  supplierBatchNumber(movement: number): string | undefined {
    return this.supplierBatches.get(movement);
  }

  /** the transformation's number, or -1 */
  transformation(movement: number): number {
    return this.rows.ints[movement * STRIDE + TRANSFORMATION] as number;
  }

  role(movement: number): TransformationRole | undefined {
    const role = (this.rows.ints[movement * STRIDE + ROLE_AND_DIGITS] as number) & 0xf;
    return role === ROLE_INPUT ? 'input' : role === ROLE_OUTPUT ? 'output' : undefined;
  }

  nextOfLot(movement: number): number {
    return this.rows.ints[movement * STRIDE + NEXT_OF_LOT] as number;
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
    for (let movement = 0; movement < this.count; movement++) this.insertSlot(movement, this.rows.ints[movement * STRIDE + ID_HASH] as number);
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
 * The instant as ISO 8601 text with `digits` fraction digits, the way the movement wrote it. Written out from the
 * milliseconds with the day's "YYYY-MM-DDT" cached (direct-mapped by day): toISOString for every line of every trace
 * was a tenth of a trace's time. Years outside 0000-9999 (six-digit ISO years) go through toISOString.
 */
const DAY = 86_400_000;
const LAST_FOUR_DIGIT_YEAR_INSTANT = Date.UTC(10000, 0, 1);
const DAY_CACHE_SIZE = 1024;
const cachedDays = new Float64Array(DAY_CACHE_SIZE).fill(NaN);
const cachedDayPrefixes: string[] = new Array<string>(DAY_CACHE_SIZE).fill('');
const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));

export function instantText(instant: number, digits: number): string {
  if (!(instant >= 0 && instant < LAST_FOUR_DIGIT_YEAR_INSTANT)) {
    const iso = new Date(instant).toISOString();
    const dot = iso.lastIndexOf('.');
    return `${iso.slice(0, digits <= 0 ? dot : dot + 1 + digits)}Z`;
  }
  const day = Math.floor(instant / DAY);
  const slot = day & (DAY_CACHE_SIZE - 1);
  let prefix = cachedDayPrefixes[slot] as string;
  if (cachedDays[slot] !== day) {
    prefix = new Date(day * DAY).toISOString().slice(0, 11);
    cachedDays[slot] = day;
    cachedDayPrefixes[slot] = prefix;
  }
  let rest = instant - day * DAY;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const text = `${prefix}${TWO_DIGITS[hours] as string}:${TWO_DIGITS[minutes] as string}:${TWO_DIGITS[seconds] as string}`;
  if (digits <= 0) return `${text}Z`;
  const millis = String(rest - seconds * 1000).padStart(3, '0');
  return `${text}.${millis.slice(0, digits)}Z`;
}
