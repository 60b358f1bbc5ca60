import { lookupAi } from './ai-dictionary';
import { readGs1Date, type Gs1Date } from './dates';
import { ScanRejected, describeElement } from './errors';

/** One AI element string: the AI and its value exactly as scanned (after percent-decoding, for Digital Link). */
export interface Gs1Element {
  readonly ai: string;
  readonly value: string;
}

/** A variable measure (AIs 31nn to 36nn): the last digit of the AI is the number of decimals. */
export interface Gs1Measure {
  readonly ai: string;
  /** From the dictionary title: 'NET WEIGHT', 'GROSS WEIGHT', 'LENGTH', 'NET VOLUME', 'AREA' ... */
  readonly measure: string;
  /** 'kg', 'lb', 'm', 'l', 'm³', 'qt (US)' ... */
  readonly unit: string;
  /** True for the logistic measures (titles ending in ", log", AIs 33nn, 34nn, 353n-355n, 362n-363n, 367n-369n). */
  readonly logistic: boolean;
  /** Exact decimal string: '000123' with 3 decimals gives '0.123', with 0 decimals '123'. Trailing zeros are kept. */
  readonly value: string;
  readonly decimals: number;
  /** The six digits as scanned. */
  readonly raw: string;
}

export interface DigitalLinkParts {
  /** Scheme, domain and any path before the primary key, e.g. 'https://example.com/some/path'. */
  readonly stem: string;
  readonly primaryKey: Gs1Element;
  /** Key qualifiers from the path, in path order (for GTIN: 22, 10, 21 or 235). */
  readonly qualifiers: readonly Gs1Element[];
  /** AIs from the query string, in query order. */
  readonly attributes: readonly Gs1Element[];
  /** Non-AI query parameters (linkType, vendor parameters ...), percent-decoded. */
  readonly otherParameters: readonly { readonly key: string; readonly value?: string }[];
  readonly linkType?: string;
  readonly fragment?: string;
}

export type ScanSource = 'element-string' | 'bracketed' | 'digital-link';

export interface Gs1Symbology {
  /** The symbology identifier as scanned, e.g. ']C1'. */
  readonly identifier: string;
  readonly name: string;
}

/** What a scan says. Every element is in `elements`; the named fields are conveniences over them. */
export interface Gs1Scan {
  readonly source: ScanSource;
  readonly symbology?: Gs1Symbology;
  readonly elements: readonly Gs1Element[];
  /** AI (00) */
  readonly sscc?: string;
  /** AI (01) */
  readonly gtin?: string;
  /** AI (02): GTIN of the trade items contained in a logistic unit. */
  readonly contentGtin?: string;
  /** AI (10), byte for byte as scanned: never trimmed, padded or re-cased. */
  readonly batchNumber?: string;
  /** AI (21), byte for byte as scanned. */
  readonly serial?: string;
  /** AI (22) consumer product variant. */
  readonly consumerProductVariant?: string;
  /** AI (20) */
  readonly variant?: string;
  /** AI (11) */
  readonly productionDate?: Gs1Date;
  /** AI (12) */
  readonly dueDate?: Gs1Date;
  /** AI (13) */
  readonly packagingDate?: Gs1Date;
  /** AI (15) */
  readonly bestBeforeDate?: Gs1Date;
  /** AI (16) */
  readonly sellByDate?: Gs1Date;
  /** AI (17) */
  readonly expiryDate?: Gs1Date;
  /** AI (30) variable count of items. */
  readonly variableCount?: number;
  /** AI (37) count of trade items or trade item pieces contained in a logistic unit. */
  readonly count?: number;
  /** First net weight measure: AI 310n (kg), 320n (lb) or 356n (troy oz). */
  readonly netWeight?: Gs1Measure;
  /** First net volume measure: AI 315n (l), 316n (m³), 357n, 360n, 361n, 364n-366n. */
  readonly netVolume?: Gs1Measure;
  /** Every measure of AIs 31nn to 36nn, in scan order. */
  readonly variableMeasures?: readonly Gs1Measure[];
  /** AI (400) customer's purchase order number. */
  readonly orderNumber?: string;
  /** AI (410) */
  readonly shipToGln?: string;
  /** AI (411) */
  readonly billToGln?: string;
  /** AI (412) */
  readonly purchasedFromGln?: string;
  /** AI (413) */
  readonly shipForGln?: string;
  /** AI (414) */
  readonly locationGln?: string;
  /** AI (420) */
  readonly shipToPostalCode?: string;
  /** AI (8003) GRAI */
  readonly grai?: string;
  /** AI (8004) GIAI */
  readonly giai?: string;
  /** Present when the scan was a GS1 Digital Link URI. */
  readonly digitalLink?: DigitalLinkParts;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const STRING_FIELDS: Record<string, keyof Gs1Scan> = {
  '00': 'sscc',
  '01': 'gtin',
  '02': 'contentGtin',
  '10': 'batchNumber',
  '20': 'variant',
  '21': 'serial',
  '22': 'consumerProductVariant',
  '400': 'orderNumber',
  '410': 'shipToGln',
  '411': 'billToGln',
  '412': 'purchasedFromGln',
  '413': 'shipForGln',
  '414': 'locationGln',
  '420': 'shipToPostalCode',
  '8003': 'grai',
  '8004': 'giai',
};

const DATE_FIELDS: Record<string, keyof Gs1Scan> = {
  '11': 'productionDate',
  '12': 'dueDate',
  '13': 'packagingDate',
  '15': 'bestBeforeDate',
  '16': 'sellByDate',
  '17': 'expiryDate',
};

const NET_WEIGHT_AIS = /^(310|320|356)\d$/;
const NET_VOLUME_AIS = /^(315|316|357|360|361|364|365|366)\d$/;

/**
 * Builds the scan result from validated elements. Refuses the same AI twice with different values (GS1 General
 * Specifications: an AI may be repeated only with the same value); an identical repeat is kept in `elements`.
 */
export function summarise(
  elements: readonly Gs1Element[],
  context: { source: ScanSource; currentYear: number; symbology?: Gs1Symbology; digitalLink?: DigitalLinkParts },
): Gs1Scan {
  const seen = new Map<string, string>();
  for (const { ai, value } of elements) {
    const earlier = seen.get(ai);
    if (earlier !== undefined && earlier !== value) {
      throw new ScanRejected('GS1.DUPLICATE_AI', `${describeElement(ai, value)}: AI (${ai}) already given as ${JSON.stringify(earlier)}`, {
        ai,
        value,
      });
    }
    seen.set(ai, value);
  }

  const scan: Mutable<Gs1Scan> = { source: context.source, elements: [...elements] };
  if (context.symbology) scan.symbology = context.symbology;
  const measures: Gs1Measure[] = [];
  for (const { ai, value } of elements) {
    const stringField = STRING_FIELDS[ai];
    const dateField = DATE_FIELDS[ai];
    if (stringField && scan[stringField] === undefined) (scan as Record<string, unknown>)[stringField] = value;
    else if (dateField && scan[dateField] === undefined) {
      const date = readGs1Date(value, { currentYear: context.currentYear, allowDayZero: true });
      if (!('problem' in date)) (scan as Record<string, unknown>)[dateField] = date;
    } else if (ai === '37' && scan.count === undefined) scan.count = Number(value);
    else if (ai === '30' && scan.variableCount === undefined) scan.variableCount = Number(value);
    else if (/^3[1-6]\d\d$/.test(ai)) {
      const measure = toMeasure(ai, value);
      measures.push(measure);
      if (NET_WEIGHT_AIS.test(ai) && !scan.netWeight) scan.netWeight = measure;
      if (NET_VOLUME_AIS.test(ai) && !scan.netVolume) scan.netVolume = measure;
    }
  }
  if (measures.length > 0) scan.variableMeasures = measures;
  if (context.digitalLink) scan.digitalLink = context.digitalLink;
  return scan;
}

/** A variable measure from its AI (31nn to 36nn) and six digits. */
export function toMeasure(ai: string, raw: string): Gs1Measure {
  const decimals = Number(ai.slice(3));
  const title = lookupAi(ai)?.title ?? '';
  const { measure, unit, logistic } = measureOfTitle(title);
  return { ai, measure, unit, logistic, value: decimalString(raw, decimals), decimals, raw };
}

/** '000123', 3 -> '0.123'; '001500', 2 -> '15.00'; '000123', 0 -> '123'. */
export function decimalString(digits: string, decimals: number): string {
  const integer = digits.slice(0, digits.length - decimals).replace(/^0+(?=\d)/, '') || '0';
  const fraction = decimals > 0 ? digits.slice(digits.length - decimals) : '';
  return fraction ? `${integer}.${fraction}` : integer;
}

/** 'NET WEIGHT (kg)' -> NET WEIGHT / kg; 'VOLUME (gal (US)), log' -> VOLUME / gal (US) / logistic; 'KG PER m²'. */
function measureOfTitle(title: string): { measure: string; unit: string; logistic: boolean } {
  const match = /^(.+?) \((.+)\)(, log)?$/.exec(title);
  if (match) return { measure: match[1] ?? title, unit: match[2] ?? '', logistic: Boolean(match[3]) };
  if (title === 'KG PER m²') return { measure: 'KG PER m²', unit: 'kg/m²', logistic: false };
  return { measure: title, unit: '', logistic: false };
}
