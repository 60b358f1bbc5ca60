import { IdocRejected, missingField, rejectAt } from './idoc-errors';
import { childrenNamed, fieldsOf, optionalSegment, requiredField, requiredSegment } from './idoc-segments';
import { parseIdocXml, type IdocXmlOptions, type XmlElement } from './idoc-xml';

/**
 * The typed model of what we read from a delivery IDoc (message type DESADV, basic type DELVRY03/05/07).
 * Every value is the raw string exactly as written in the XML (leading zeros, spaces, case kept);
 * a field that is absent is undefined, a field written empty is ''. Interpretation (dates, quantities,
 * direction) happens in delivery-mapping.ts, so this model can be logged or compared as received.
 *
 * SAP facts this relies on (checked, not guessed):
 * - E1EDL24 fields POSNR, MATNR, WERKS, LGORT, CHARG (max 10), LFIMG, VRKME, HIPOS, HIEVW, VFDAT and LICHN
 *   (vendor batch, max 15), and E1EDL26 fields XCHBW (batch management indicator), SHKZG (returns
 *   indicator) are in the SAP-generated DELVRY03 XML schema (JAXB classes DELVRY03.E1EDL24 / .E1EDL26 in a
 *   public repository; the same field order appears in the DELVRY07 samples in test/samples/idoc).
 * - That schema has NO UECHA, HSDAT or LICHA in E1EDL24: UECHA (higher-level batch-split item) is the
 *   LIPS table field, LICHA/HSDAT are batch-master (MCH1/MCHA) fields. We read them anyway when a sender
 *   adds them (customer extension, non-SAP producer), as aliases: UECHA next to HIPOS, LICHA next to LICHN.
 * - Batch split in DELVRY: the main item keeps its POSNR; each batch is a sub-item (POSNR 9xxxxx) with
 *   HIPOS = main item's POSNR and its own CHARG and LFIMG; the main item's LFIMG may be 0 or the total
 *   (edigkim.wordpress.com "Typical X12/EDIFACT/SAP IDoc mapping: a batch split"; SAP KBA 2863002 on
 *   batch main items and sub-items).
 * - Root element: the basic type (DELVRY07), or the extension type of an extended IDoc (TraceLink
 *   guideline: "YM_DELVRY03 - root element for SAP IDoc DESADV.DELVRY03"); we also accept the message
 *   type (DESADV) as root. EDI_DC40 IDOCTYP/MESTYP are what decide.
 * - E1EDT13 QUALF values are SAP deadline qualifiers (the samples carry 001, 003, 006, 007, 010, 015, 499
 *   with NTANF/NTANZ planned and ISDD/ISDZ actual date/time and TZONE_BEG/TZONE_END SAP time zones). Their
 *   exact meanings could not be confirmed from a primary source, so they are kept raw and not used for
 *   the movement's instant.
 */

export const SUPPORTED_IDOC_TYPES = ['DELVRY03', 'DELVRY05', 'DELVRY07'] as const;
export type DeliveryIdocType = (typeof SUPPORTED_IDOC_TYPES)[number];

/** EDI_DC40: the control record. */
export interface IdocControlRecord {
  DOCNUM?: string;
  IDOCTYP: DeliveryIdocType;
  /** extension type, when the basic type was extended */
  CIMTYP?: string;
  MESTYP: 'DESADV';
  /** message code: a partner-profile variant, e.g. IBG/OBG/RET in the SAP 3PL scenario samples */
  MESCOD?: string;
  SNDPOR?: string;
  /** sender partner type: LS logical system, LI vendor, KU customer */
  SNDPRT?: string;
  SNDPRN?: string;
  RCVPRN?: string;
  /** creation date YYYYMMDD and time HHMMSS */
  CREDAT?: string;
  CRETIM?: string;
}

/** E1ADRM1: a partner of the delivery, by function (LF vendor, WE ship-to, AG sold-to, OSP shipping point ...). */
export interface DeliveryPartner {
  PARTNER_Q: string;
  PARTNER_ID?: string;
}

/** E1EDT13: a deadline (planned NTANF/NTANZ ... NTEND/NTENZ, actual ISDD/ISDZ ... IEDD/IEDZ). */
export interface DeliveryDeadline {
  QUALF: string;
  NTANF?: string;
  NTANZ?: string;
  NTEND?: string;
  NTENZ?: string;
  ISDD?: string;
  ISDZ?: string;
  IEDD?: string;
  IEDZ?: string;
  TZONE_BEG?: string;
  TZONE_END?: string;
}

/** E1EDL24 with the few E1EDL26 fields we need. */
export interface DeliveryItem {
  POSNR: string;
  MATNR?: string;
  /** E1EDL26 MATNR_LONG: the 40-character material number of S/4HANA systems */
  MATNR_LONG?: string;
  CHARG?: string;
  LFIMG?: string;
  VRKME?: string;
  WERKS?: string;
  LGORT?: string;
  /** shelf-life expiration date YYYYMMDD */
  VFDAT?: string;
  /** date of manufacture YYYYMMDD: not a standard E1EDL24 field, read when a sender adds it */
  HSDAT?: string;
  /** vendor batch number (standard E1EDL24 field) */
  LICHN?: string;
  /** vendor batch number under its batch-master name: not standard in E1EDL24, read as an alias of LICHN */
  LICHA?: string;
  /** higher-level item in the item hierarchy (batch split: the main item's POSNR) */
  HIPOS?: string;
  /** use of the hierarchy item */
  HIEVW?: string;
  /** higher-level item of a batch split item (LIPS name): not standard in E1EDL24, read as an alias of HIPOS */
  UECHA?: string;
  /** E1EDL26 XCHBW: "X" when the material is batch-managed */
  XCHBW?: string;
  /** E1EDL26 SHKZG: "X" on returns items */
  SHKZG?: string;
}

/** E1EDL44: one delivery item's quantity packed in a handling unit. */
export interface HandlingUnitContent {
  POSNR?: string;
  VBELN?: string;
  VEMNG?: string;
}

/** E1EDL37: a handling unit (pallet, parcel) with its external id EXIDV (an SSCC when GS1-labelled). */
export interface HandlingUnit {
  EXIDV?: string;
  contents: HandlingUnitContent[];
}

/** E1EDL20 and what hangs below it. */
export interface DeliveryHeader {
  VBELN: string;
  /** E1EDL21 LFART: delivery type (EL inbound, LF outbound, LR returns in SAP's standard configuration) */
  LFART?: string;
  partners: DeliveryPartner[];
  deadlines: DeliveryDeadline[];
  items: DeliveryItem[];
  handlingUnits: HandlingUnit[];
}

export interface DeliveryIdoc {
  /** the root element's name as written (DELVRY07, DESADV, or an extension type) */
  rootElement: string;
  control: IdocControlRecord;
  delivery: DeliveryHeader;
}

const EXPECTED = 'expected DESADV DELVRY03/05/07';

function isSupportedType(idocType: string | undefined): idocType is DeliveryIdocType {
  return (SUPPORTED_IDOC_TYPES as readonly string[]).includes(idocType ?? '');
}

function readControlRecord(root: XmlElement, idoc: XmlElement): IdocControlRecord {
  const where = { segment: 'EDI_DC40' };
  const dc = requiredSegment(idoc, 'EDI_DC40', { segment: 'IDOC' }, 'control record');
  const read = fieldsOf(dc, where);
  const IDOCTYP = read('IDOCTYP');
  const MESTYP = read('MESTYP');
  const CIMTYP = read('CIMTYP');

  if (!isSupportedType(IDOCTYP)) {
    throw rejectAt('IDOC.UNSUPPORTED_TYPE', { ...where, field: 'IDOCTYP' }, `unsupported IDoc type ${IDOCTYP || root.name} (${EXPECTED})`);
  }
  if (MESTYP !== 'DESADV') {
    const type = `${MESTYP || '(no MESTYP)'}.${IDOCTYP}`;
    throw rejectAt('IDOC.UNSUPPORTED_TYPE', { ...where, field: 'MESTYP' }, `unsupported IDoc type ${type} (${EXPECTED})`);
  }
  if (![IDOCTYP, MESTYP, CIMTYP].includes(root.name)) {
    const expected = `IDOCTYP ${IDOCTYP}, MESTYP ${MESTYP} nor CIMTYP ${CIMTYP || '(none)'}`;
    throw rejectAt('IDOC.INVALID_STRUCTURE', where, `root element ${root.name} matches neither ${expected}`);
  }
  return {
    DOCNUM: read('DOCNUM'),
    IDOCTYP,
    CIMTYP,
    MESTYP,
    MESCOD: read('MESCOD'),
    SNDPOR: read('SNDPOR'),
    SNDPRT: read('SNDPRT'),
    SNDPRN: read('SNDPRN'),
    RCVPRN: read('RCVPRN'),
    CREDAT: read('CREDAT'),
    CRETIM: read('CRETIM'),
  };
}

function readItem(segment: XmlElement, index: number): DeliveryItem {
  const POSNR = fieldsOf(segment, { segment: 'E1EDL24', item: `#${index + 1}` })('POSNR');
  if (POSNR === undefined || POSNR === '') throw missingField({ segment: 'E1EDL24', item: `#${index + 1}`, field: 'POSNR' });
  const where = { segment: 'E1EDL24', item: POSNR };
  const read = fieldsOf(segment, where);
  const readL26 = fieldsOf(optionalSegment(segment, 'E1EDL26', where), { segment: 'E1EDL26', item: POSNR });
  return {
    POSNR,
    MATNR: read('MATNR'),
    MATNR_LONG: readL26('MATNR_LONG'),
    CHARG: read('CHARG'),
    LFIMG: read('LFIMG'),
    VRKME: read('VRKME'),
    WERKS: read('WERKS'),
    LGORT: read('LGORT'),
    VFDAT: read('VFDAT'),
    HSDAT: read('HSDAT'),
    LICHN: read('LICHN'),
    LICHA: read('LICHA'),
    HIPOS: read('HIPOS'),
    HIEVW: read('HIEVW'),
    UECHA: read('UECHA'),
    XCHBW: readL26('XCHBW'),
    SHKZG: readL26('SHKZG'),
  };
}

function readDelivery(idoc: XmlElement): DeliveryHeader {
  const header = requiredSegment(idoc, 'E1EDL20', { segment: 'IDOC' }, 'delivery header');
  const where = { segment: 'E1EDL20' };
  const VBELN = requiredField(fieldsOf(header, where), where, 'VBELN');

  const partners = childrenNamed(header, 'E1ADRM1').map((segment) => {
    const read = fieldsOf(segment, { segment: 'E1ADRM1' });
    return { PARTNER_Q: requiredField(read, { segment: 'E1ADRM1' }, 'PARTNER_Q'), PARTNER_ID: read('PARTNER_ID') };
  });

  const deadlines = childrenNamed(header, 'E1EDT13').map((segment) => {
    const read = fieldsOf(segment, { segment: 'E1EDT13' });
    const deadline: DeliveryDeadline = { QUALF: requiredField(read, { segment: 'E1EDT13' }, 'QUALF') };
    for (const name of ['NTANF', 'NTANZ', 'NTEND', 'NTENZ', 'ISDD', 'ISDZ', 'IEDD', 'IEDZ', 'TZONE_BEG', 'TZONE_END'] as const) {
      const value = read(name);
      if (value !== undefined) deadline[name] = value;
    }
    return deadline;
  });

  return {
    VBELN,
    LFART: fieldsOf(optionalSegment(header, 'E1EDL21', where), { segment: 'E1EDL21' })('LFART'),
    partners,
    deadlines,
    items: childrenNamed(header, 'E1EDL24').map(readItem),
    handlingUnits: childrenNamed(header, 'E1EDL37').map((segment) => ({
      EXIDV: fieldsOf(segment, { segment: 'E1EDL37' })('EXIDV'),
      contents: childrenNamed(segment, 'E1EDL44').map((content) => {
        const read = fieldsOf(content, { segment: 'E1EDL44' });
        return { POSNR: read('POSNR'), VBELN: read('VBELN'), VEMNG: read('VEMNG') };
      }),
    })),
  };
}

/**
 * Reads a DESADV DELVRY03/05/07 IDoc from IDoc-XML. Throws IdocRejected (see idoc-errors.ts) when the XML is
 * unsafe or malformed, is another IDoc type, or lacks what identifies the delivery (EDI_DC40, E1EDL20 VBELN,
 * E1EDL24 POSNR). Field values are not interpreted here.
 */
export function parseDeliveryIdoc(xml: string | Uint8Array, options: IdocXmlOptions = {}): DeliveryIdoc {
  return deliveryIdocOf(parseIdocXml(xml, options));
}

/** The delivery IDoc in an already parsed document (see idoc-document.ts, which reads any supported type). */
export function deliveryIdocOf(root: XmlElement): DeliveryIdoc {
  const idocs = childrenNamed(root, 'IDOC');
  const [idoc, ...moreIdocs] = idocs;
  if (idoc === undefined) {
    // Without a control record the root name is all we know about the type.
    if (!isSupportedType(root.name) && root.name !== 'DESADV') {
      throw new IdocRejected('IDOC.UNSUPPORTED_TYPE', `unsupported IDoc type ${root.name} (${EXPECTED})`, { segment: root.name });
    }
    throw rejectAt('IDOC.MISSING_FIELD', { segment: root.name }, 'IDOC element is missing');
  }
  if (moreIdocs.length > 0) {
    const text = `contains ${idocs.length} IDOC elements; one IDoc per document is supported (split the packet first)`;
    throw rejectAt('IDOC.INVALID_STRUCTURE', { segment: root.name }, text);
  }
  const control = readControlRecord(root, idoc);
  return { rootElement: root.name, control, delivery: readDelivery(idoc) };
}
