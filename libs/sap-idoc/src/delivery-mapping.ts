import {
  batchNumberProblem,
  isPositiveQuantity,
  movementIdFor,
  movementProblems,
  warehouse,
  type Location,
  type LotMasterData,
  type LotMovement,
  type MovementKind,
  type SourceReference,
} from '@lotbridge/lot';
import { invalidField, missingField, rejectAt } from './idoc-errors';
import type { DeliveryIdoc, DeliveryItem } from './delivery-idoc';
import { hasValidCheckDigit } from '@lotbridge/gs1';
import { goodsIssueLegs, inTransitLocation, type GoodsIssueDestination } from './goods-issue';
import { controlInstant } from './idoc-control';
import { assertTimeZone, sapDate, sapQuantity } from './sap-values';

/** An E1EDL24 item that produced no movement, and why (not lot-managed, batch-split main item, zero quantity). */
export interface SkippedItem {
  line: string;
  reason: string;
}

export type DeliveryDirection = 'inbound' | 'outbound' | 'return';

export interface DeliveryLotMapping {
  direction: DeliveryDirection;
  movements: LotMovement[];
  lots: LotMasterData[];
  skippedItems: SkippedItem[];
}

export interface DeliveryMappingOptions {
  /**
   * IANA time zone in which the sender wrote EDI_DC40 CREDAT/CRETIM. SAP fills them with the sending
   * system's local date and time and the IDoc does not say which zone that is, so without this option
   * they are read as UTC (wrong by the system's offset if it does not run on UTC: set it per sender).
   */
  senderTimeZone?: string;
  /** LFART -> direction for customer-defined delivery types (e.g. { ZLF: 'outbound' }); wins over the table. */
  deliveryTypes?: Readonly<Record<string, DeliveryDirection>>;
  /**
   * Outbound deliveries are two-legged (goods-issue.ts): warehouse -> in-transit "<shipTo>/<VBELN>" always, and
   * with `customer` also in-transit -> customer at once (a sender without a carrier step).
   */
  goodsIssueDestination?: GoodsIssueDestination;
}

/**
 * The one table of what a delivery means for stock. A delivery is recognised by its delivery type
 * (E1EDL21 LFART) and by the control record's message code (EDI_DC40 MESCOD).
 * - LFART: SAP's standard delivery types (SAP Help, ERP "Delivery Types": LF outbound delivery, LO outbound
 *   delivery without reference, LR returns delivery, EL inbound delivery, WOD/WID/WRD their WMS variants);
 *   the samples' E1EDL23 LFART_BEZ texts agree ("Inbound Delivery", "Outbound Delivery", "Returns Delivery").
 *   Deliberately absent: NL/UL (stock transfers between plants), LB (to a subcontractor), LP (projects):
 *   they are neither a supplier receipt nor a customer delivery, so they are refused, not guessed.
 * - MESCOD: IBG/OBG/RET are the partner-profile codes of SAP's 3PL integration scenario the samples come
 *   from; they are configuration, not SAP standard, hence only the second signal.
 */
export const DELIVERY_DIRECTIONS = {
  inbound: { kind: 'receipt', deliveryTypes: ['EL', 'WID'], messageCodes: ['IBG'], from: 'supplier', to: 'warehouse' },
  outbound: { kind: 'delivery', deliveryTypes: ['LF', 'LO', 'WOD'], messageCodes: ['OBG'], from: 'warehouse', to: 'in-transit' },
  return: { kind: 'customer-return', deliveryTypes: ['LR', 'WRD'], messageCodes: ['RET'], from: 'customer', to: 'warehouse' },
} as const satisfies Record<
  DeliveryDirection,
  { kind: MovementKind; deliveryTypes: readonly string[]; messageCodes: readonly string[]; from: string; to: 'warehouse' | 'customer' | 'in-transit' }
>;

const DIRECTIONS = Object.keys(DELIVERY_DIRECTIONS) as DeliveryDirection[];

/**
 * Whether goods come in, go out or come back. Rule: look the delivery type (LFART, options first) and the
 * message code (MESCOD) up in the table; if both are known they must agree, if one is known it decides,
 * if neither is known the IDoc is refused (IDOC.UNKNOWN_DIRECTION) rather than guessed.
 */
export function deliveryDirection(idoc: DeliveryIdoc, options: DeliveryMappingOptions = {}): DeliveryDirection {
  const { LFART } = idoc.delivery;
  const { MESCOD } = idoc.control;
  const listed = (codes: readonly string[], code: string | undefined) => code !== undefined && code !== '' && codes.includes(code);
  const configured = LFART && options.deliveryTypes && Object.hasOwn(options.deliveryTypes, LFART) ? options.deliveryTypes[LFART] : undefined;
  const byType = configured ?? DIRECTIONS.find((d) => listed(DELIVERY_DIRECTIONS[d].deliveryTypes, LFART));
  const byCode = DIRECTIONS.find((d) => listed(DELIVERY_DIRECTIONS[d].messageCodes, MESCOD));
  if (byType && byCode && byType !== byCode) {
    throw rejectAt(
      'IDOC.UNKNOWN_DIRECTION',
      { segment: 'E1EDL21', field: 'LFART' },
      `delivery type LFART ${LFART} means ${byType} but message code MESCOD ${MESCOD} means ${byCode}`,
    );
  }
  const direction = byType ?? byCode;
  if (!direction) {
    throw rejectAt(
      'IDOC.UNKNOWN_DIRECTION',
      { segment: 'E1EDL21', field: 'LFART' },
      'cannot tell inbound, outbound or return delivery from ' +
        `LFART ${JSON.stringify(LFART ?? '')} and MESCOD ${JSON.stringify(MESCOD ?? '')} ` +
        `(known: LFART ${DIRECTIONS.flatMap((d) => DELIVERY_DIRECTIONS[d].deliveryTypes).join('/')}, ` +
        `MESCOD ${DIRECTIONS.flatMap((d) => DELIVERY_DIRECTIONS[d].messageCodes).join('/')}; ` +
        'map customer delivery types with the deliveryTypes option)',
    );
  }
  return direction;
}

/** The PARTNER_ID of the E1ADRM1 with this PARTNER_Q; undefined when absent, an error when ambiguous. */
function partnerId(idoc: DeliveryIdoc, qualifier: string): string | undefined {
  const ids = [...new Set(idoc.delivery.partners.flatMap((p) => (p.PARTNER_Q === qualifier && p.PARTNER_ID ? [p.PARTNER_ID] : [])))];
  if (ids.length > 1) {
    throw invalidField({ segment: 'E1ADRM1', field: 'PARTNER_ID' }, ids.join(', '), `names ${ids.length} different ${qualifier} partners`);
  }
  return ids[0];
}

/**
 * The vendor: E1ADRM1 PARTNER_Q LF, or the sender itself when the sender is a vendor (EDI_DC40 SNDPRT LI:
 * a DESADV sent by the vendor's EDI). A sender that is a logical system (SNDPRT LS) is an SAP system,
 * not a supplier, so its SNDPRN is never used as one.
 */
function supplierCode(idoc: DeliveryIdoc): string {
  const vendor = partnerId(idoc, 'LF') ?? (idoc.control.SNDPRT === 'LI' ? idoc.control.SNDPRN : undefined);
  if (!vendor) {
    const why = 'no vendor: no E1ADRM1 with PARTNER_Q LF, and the sender is not a vendor (EDI_DC40 SNDPRT LI)';
    throw missingField({ segment: 'E1ADRM1', field: 'PARTNER_ID' }, why);
  }
  return vendor;
}

/**
 * The customer: the ship-to party (E1ADRM1 PARTNER_Q WE), for deliveries and returns alike, so that a
 * return comes back from the location the goods went to (not from the sold-to AG, who may be a head office).
 */
function customerCode(idoc: DeliveryIdoc): string {
  const shipTo = partnerId(idoc, 'WE');
  if (!shipTo) throw missingField({ segment: 'E1ADRM1', field: 'PARTNER_ID' }, 'no ship-to party: no E1ADRM1 with PARTNER_Q WE');
  return shipTo;
}

/**
 * The SSCC of each item packed in exactly one handling unit (E1EDL37 EXIDV, with E1EDL44 POSNR naming the item) whose
 * id is an SSCC: 18 digits with a valid GS1 check digit (SAP's 20-character EXIDV may carry it with the AI "00" in
 * front). An item spread over several handling units gets none: its quantity per unit is the carrier's business.
 */
function ssccsByItem(idoc: DeliveryIdoc): Map<string, string> {
  const units = new Map<string, Set<string>>();
  for (const unit of idoc.delivery.handlingUnits) {
    for (const content of unit.contents) {
      if (!content.POSNR || (content.VBELN && content.VBELN !== idoc.delivery.VBELN)) continue;
      units.set(content.POSNR, (units.get(content.POSNR) ?? new Set()).add(unit.EXIDV ?? ''));
    }
  }
  const ssccs = new Map<string, string>();
  for (const [line, ids] of units) {
    const [only, ...more] = [...ids];
    const sscc = only !== undefined && more.length === 0 ? ssccOf(only) : undefined;
    if (sscc) ssccs.set(line, sscc);
  }
  return ssccs;
}

function ssccOf(exidv: string): string | undefined {
  const digits = /^(?:00)?(\d{18})$/.exec(exidv)?.[1];
  return digits !== undefined && hasValidCheckDigit(digits) ? digits : undefined;
}

/** SAP writes an unset item reference as zeros ("000000"). */
function itemReference(value: string | undefined): string | undefined {
  return value && !/^0*$/.test(value) ? value : undefined;
}

function materialOf(item: DeliveryItem): string | undefined {
  const { MATNR, MATNR_LONG } = item;
  if (MATNR && MATNR_LONG && MATNR !== MATNR_LONG) {
    const where = { segment: 'E1EDL26', item: item.POSNR, field: 'MATNR_LONG' };
    throw invalidField(where, MATNR_LONG, `differs from E1EDL24 MATNR ${JSON.stringify(MATNR)}`);
  }
  return MATNR_LONG || MATNR || undefined;
}

/**
 * Batch split: a sub-item points to its main item with UECHA (LIPS name) or HIPOS (E1EDL24 name), carries
 * the same material and its own batch and quantity. A HIPOS link between different materials is another
 * kind of hierarchy (e.g. a bill of material) and not a split: both items then count on their own.
 * Returns sub-item POSNR -> main item.
 */
function batchSplits(items: DeliveryItem[], byLine: Map<string, DeliveryItem>): Map<string, DeliveryItem> {
  const mainOf = new Map<string, DeliveryItem>();
  for (const item of items) {
    const where = { segment: 'E1EDL24', item: item.POSNR };
    const viaUecha = itemReference(item.UECHA);
    const viaHipos = itemReference(item.HIPOS);
    if (viaUecha && viaHipos && viaUecha !== viaHipos) {
      throw invalidField({ ...where, field: 'UECHA' }, viaUecha, `differs from HIPOS ${JSON.stringify(viaHipos)}`);
    }
    const reference = viaUecha ?? viaHipos;
    if (!reference) continue;
    const field = viaUecha ? 'UECHA' : 'HIPOS';
    const main = byLine.get(reference);
    if (!main || main === item) throw invalidField({ ...where, field }, reference, 'refers to no other E1EDL24 item of this delivery');
    const material = materialOf(item);
    const sameMaterial = !material || material === materialOf(main);
    if (!sameMaterial && viaUecha) {
      throw invalidField({ ...where, field: 'MATNR' }, material, `differs from the material of its batch-split main item ${main.POSNR}`);
    }
    if (sameMaterial) mainOf.set(item.POSNR, main);
  }
  return mainOf;
}

/** A sub-item may leave plant, storage location, unit and material empty: they are its main item's. */
function withMainItemDefaults(item: DeliveryItem, main: DeliveryItem | undefined): DeliveryItem {
  if (!main) return item;
  const inherited = { ...item };
  for (const field of ['MATNR', 'MATNR_LONG', 'WERKS', 'LGORT', 'VRKME'] as const) {
    if (!inherited[field]) inherited[field] = main[field];
  }
  return inherited;
}

function supplierBatchOf(item: DeliveryItem): string | undefined {
  const { LICHN, LICHA } = item;
  if (LICHN && LICHA && LICHN !== LICHA) {
    throw invalidField({ segment: 'E1EDL24', item: item.POSNR, field: 'LICHA' }, LICHA, `differs from LICHN ${JSON.stringify(LICHN)}`);
  }
  return LICHN || LICHA || undefined;
}

/** Adds a lot's data, refusing a document that says two different things about the same lot. */
function addLot(lots: Map<string, { lot: LotMasterData; line: string }>, lot: LotMasterData, line: string): void {
  const key = JSON.stringify([lot.item, lot.batchNumber]);
  const known = lots.get(key);
  if (!known) {
    lots.set(key, { lot, line });
    return;
  }
  for (const [name, field] of [['productionDate', 'HSDAT'], ['expiryDate', 'VFDAT'], ['supplierBatchNumber', 'LICHN']] as const) {
    const before = known.lot[name];
    const now = lot[name];
    if (before !== undefined && now !== undefined && before !== now) {
      const lotName = `batch ${JSON.stringify(lot.batchNumber)} of ${lot.item}`;
      throw invalidField({ segment: 'E1EDL24', item: line, field }, now, `contradicts item ${known.line} (${JSON.stringify(before)}) for ${lotName}`);
    }
    if (before === undefined && now !== undefined) known.lot[name] = now;
  }
}

/**
 * Maps a parsed delivery IDoc to lot movements and lot master data. Items without a batch are skipped
 * (not lot-managed), batch-split main items are skipped in favour of their sub-items, everything else
 * that cannot become a valid movement rejects the whole IDoc (throws IdocRejected), so a delivery is taken
 * all or nothing and can be retried as a whole (movement ids are stable).
 */
export function mapDeliveryToLotMovements(idoc: DeliveryIdoc, options: DeliveryMappingOptions = {}): DeliveryLotMapping {
  const timeZone = options.senderTimeZone ?? 'UTC';
  assertTimeZone(timeZone);
  const direction = deliveryDirection(idoc, options);
  const rule = DELIVERY_DIRECTIONS[direction];
  const { VBELN, items } = idoc.delivery;
  // Needed only once an item becomes a movement: a delivery without batches is not refused for lacking them.
  let facts: { sender: string; instant: string; partner: Location } | undefined;
  const documentFacts = () => {
    if (facts) return facts;
    const sender = idoc.control.SNDPRN;
    if (!sender) throw missingField({ segment: 'EDI_DC40', field: 'SNDPRN' }, 'it names the source system of every movement');
    const partner: Location =
      rule.from === 'supplier' ? { kind: 'supplier', code: supplierCode(idoc) } : { kind: 'customer', code: customerCode(idoc) };
    return (facts = { sender, instant: controlInstant(idoc.control, timeZone), partner });
  };

  const byLine = new Map<string, DeliveryItem>();
  for (const item of items) {
    if (byLine.has(item.POSNR)) {
      throw rejectAt('IDOC.INVALID_STRUCTURE', { segment: 'E1EDL24', item: item.POSNR, field: 'POSNR' }, 'POSNR occurs more than once');
    }
    byLine.set(item.POSNR, item);
  }
  const mainOf = batchSplits(items, byLine);
  const subItemsOf = new Map<string, string[]>();
  for (const [sub, main] of mainOf) subItemsOf.set(main.POSNR, [...(subItemsOf.get(main.POSNR) ?? []), sub]);

  const ssccs = ssccsByItem(idoc);
  const movements: LotMovement[] = [];
  const lots = new Map<string, { lot: LotMasterData; line: string }>();
  const skippedItems: SkippedItem[] = [];

  for (const original of items) {
    const line = original.POSNR;
    const where = { segment: 'E1EDL24', item: line };
    const subItems = subItemsOf.get(line);
    if (subItems) {
      skippedItems.push({ line, reason: `batch-split main item: its batches and quantities are on sub-items ${subItems.join(', ')}` });
      continue;
    }
    const item = withMainItemDefaults(original, mainOf.get(line));

    const batchNumber = item.CHARG;
    if (batchNumber === undefined || batchNumber === '') {
      const reason =
        item.XCHBW === 'X'
          ? 'no batch (CHARG): the material is batch-managed (E1EDL26 XCHBW) but no batch is assigned yet'
          : 'no batch (CHARG): not lot-managed';
      skippedItems.push({ line, reason });
      continue;
    }
    const batchProblem = batchNumberProblem(batchNumber);
    if (batchProblem) {
      throw invalidField({ ...where, field: 'CHARG' }, batchNumber, `is not a batch number (${batchProblem.replace(/-/g, ' ')})`);
    }

    if (item.LFIMG === undefined || item.LFIMG === '') {
      throw missingField({ ...where, field: 'LFIMG' }, `batch ${JSON.stringify(batchNumber)} needs its delivered quantity`);
    }
    const quantity = sapQuantity(item.LFIMG, { ...where, field: 'LFIMG' });
    if (quantity === '0') {
      skippedItems.push({ line, reason: `LFIMG is 0: nothing of batch ${JSON.stringify(batchNumber)} moves` });
      continue;
    }
    if (!isPositiveQuantity(quantity)) throw invalidField({ ...where, field: 'LFIMG' }, item.LFIMG, 'is negative');
    if (!item.VRKME) throw missingField({ ...where, field: 'VRKME' });
    const material = materialOf(item);
    if (!material) throw missingField({ ...where, field: 'MATNR' });
    if (!item.WERKS) throw missingField({ ...where, field: 'WERKS' }, 'the plant is the warehouse the batch moves in or out of');

    const productionDate = sapDate(item.HSDAT, { ...where, field: 'HSDAT' });
    const expiryDate = sapDate(item.VFDAT, { ...where, field: 'VFDAT' });
    const supplierBatchNumber = supplierBatchOf(item);
    const { sender, instant, partner } = documentFacts();
    const plant = warehouse(item.WERKS, item.LGORT || undefined);
    const source: SourceReference = { system: `SAP:${sender}`, document: VBELN, line };

    const movement: LotMovement = {
      movementId: movementIdFor(source, rule.kind),
      kind: rule.kind,
      item: material,
      batchNumber,
      quantity,
      unit: item.VRKME,
      from: rule.from === 'warehouse' ? plant : partner,
      to: rule.to === 'warehouse' ? plant : rule.to === 'in-transit' ? inTransitLocation(partner.code, VBELN) : partner,
      occurredAt: instant,
      source,
      ...(productionDate !== undefined && { productionDate }),
      ...(expiryDate !== undefined && { expiryDate }),
      ...(supplierBatchNumber !== undefined && { supplierBatchNumber }),
      ...(ssccs.get(line) !== undefined && { sscc: ssccs.get(line) }),
    };
    const problems = movementProblems(movement);
    // A safety net: the checks above should leave nothing for the domain to refuse.
    if (problems.length > 0) throw rejectAt('IDOC.INVALID_MOVEMENT', where, `the movement is not valid: ${problems.join('; ')}`);
    movements.push(...(rule.to === 'in-transit' ? goodsIssueLegs(movement, partner.code, options.goodsIssueDestination ?? 'in-transit') : [movement]));

    addLot(
      lots,
      {
        item: material,
        batchNumber,
        ...(productionDate !== undefined && { productionDate }),
        ...(expiryDate !== undefined && { expiryDate }),
        ...(supplierBatchNumber !== undefined && { supplierBatchNumber }),
        ...(partner.kind === 'supplier' && { supplier: partner.code }),
        source,
      },
      line,
    );
  }

  return { direction, movements, lots: [...lots.values()].map((entry) => entry.lot), skippedItems };
}
