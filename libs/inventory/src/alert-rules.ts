import { compareQuantities, isCalendarDate } from '@lotbridge/lot';

/**
 * Inventory's alert rules, all in one place. Each rule says whether a condition holds now; the service keeps at
 * most one open alert per condition and subject, raises it when the condition starts and clears it when it ends
 * (`alertChanges`), so a condition that keeps holding never raises a second alert.
 */
export const ALERT_KINDS = {
  nearExpiry: 'INVENTORY.NEAR_EXPIRY',
  expired: 'INVENTORY.EXPIRED',
  slowMoving: 'INVENTORY.SLOW_MOVING',
  belowSafetyStock: 'INVENTORY.BELOW_SAFETY_STOCK',
  negativeStock: 'INVENTORY.NEGATIVE_STOCK',
  issueParked: 'INVENTORY.ISSUE_PARKED',
  countVariance: 'INVENTORY.COUNT_VARIANCE',
} as const;

export type AlertKind = (typeof ALERT_KINDS)[keyof typeof ALERT_KINDS];

/** What an alert is about: a lot (batch number set), a lot at a location, or an item at a plant (no batch number). */
export interface AlertSubject {
  item: string;
  batchNumber: string | null;
  /** location key ("warehouse:DE01/MAIN") or plant key ("plant:DE01"); null for a lot as a whole */
  location: string | null;
}

export interface AlertCondition {
  kind: AlertKind;
  subject: AlertSubject;
  detail: string;
}

/** Per item; the defaults apply to items nobody configured. */
export interface ItemAlertSettings {
  /** a lot is near expiry when its expiry date is at most this many days ahead */
  nearExpiryDays: number;
  /** a lot at a location is slow-moving when nothing was issued from there for this many days; null: not watched */
  slowMovingDays: number | null;
}

/**
 * For items nobody configured: near expiry 30 days ahead; slow-moving is only watched where someone set N (what is
 * slow differs too much between items to guess).
 */
export const DEFAULT_ALERT_SETTINGS: ItemAlertSettings = { nearExpiryDays: 30, slowMovingDays: null };

/** A lot with its stock over all warehouse locations. */
export interface LotExpiryFacts {
  item: string;
  batchNumber: string;
  /** calendar date, the last day the lot may be used */
  expiryDate: string | null;
  /** on hand over all warehouse locations */
  onHand: string;
  unit: string;
}

/** Expired once the day after its expiry date has begun (UTC); near expiry within the item's horizon before that. */
export function expiryCondition(lot: LotExpiryFacts, settings: ItemAlertSettings, now: Date): AlertCondition | undefined {
  if (lot.expiryDate === null || !isCalendarDate(lot.expiryDate) || compareQuantities(lot.onHand, '0') <= 0) return undefined;
  const daysLeft = daysBetween(utcDate(now), lot.expiryDate);
  const subject = { item: lot.item, batchNumber: lot.batchNumber, location: null };
  if (daysLeft < 0) {
    return { kind: ALERT_KINDS.expired, subject, detail: `lot expired on ${lot.expiryDate} with ${lot.onHand} ${lot.unit} on hand` };
  }
  if (daysLeft <= settings.nearExpiryDays) {
    return {
      kind: ALERT_KINDS.nearExpiry,
      subject,
      detail: `lot expires on ${lot.expiryDate} (in ${daysLeft} days, horizon ${settings.nearExpiryDays}) with ${lot.onHand} ${lot.unit} on hand`,
    };
  }
  return undefined;
}

/** A lot at one warehouse location, with when stock last left it. */
export interface LotMovementFacts {
  item: string;
  batchNumber: string;
  location: string;
  onHand: string;
  unit: string;
  /** the last issue from this location (UTC instant), null when nothing ever left */
  lastIssueAt: string | null;
  /** the first receipt at this location (UTC instant): the clock of a lot never issued starts here */
  firstReceiptAt: string;
}

export function slowMovingCondition(lot: LotMovementFacts, settings: ItemAlertSettings, now: Date): AlertCondition | undefined {
  if (settings.slowMovingDays === null || compareQuantities(lot.onHand, '0') <= 0) return undefined;
  const since = lot.lastIssueAt ?? lot.firstReceiptAt;
  const idleDays = Math.floor((now.getTime() - Date.parse(since)) / 86_400_000);
  if (idleDays < settings.slowMovingDays) return undefined;
  const what = lot.lastIssueAt === null ? `nothing issued since the receipt on ${since}` : `last issue on ${since}`;
  return {
    kind: ALERT_KINDS.slowMoving,
    subject: { item: lot.item, batchNumber: lot.batchNumber, location: lot.location },
    detail: `${what} (${idleDays} days, limit ${settings.slowMovingDays}); ${lot.onHand} ${lot.unit} on hand`,
  };
}

/** An item's stock at one plant (all its warehouse locations and lots) against the safety stock set for it. */
export interface SafetyStockFacts {
  item: string;
  plant: string;
  onHand: string;
  safetyStock: string;
  unit: string;
}

export function safetyStockCondition(facts: SafetyStockFacts): AlertCondition | undefined {
  if (compareQuantities(facts.onHand, facts.safetyStock) >= 0) return undefined;
  return {
    kind: ALERT_KINDS.belowSafetyStock,
    subject: { item: facts.item, batchNumber: null, location: plantKey(facts.plant) },
    detail: `${facts.onHand} ${facts.unit} on hand at plant ${facts.plant}, below the safety stock of ${facts.safetyStock} ${facts.unit}`,
  };
}

/** A warehouse balance below zero (possible only where the plant allows negative stock). */
export function negativeStockCondition(subject: { item: string; batchNumber: string; location: string }, onHand: string, unit: string): AlertCondition | undefined {
  if (compareQuantities(onHand, '0') >= 0) return undefined;
  return { kind: ALERT_KINDS.negativeStock, subject, detail: `on hand ${onHand} ${unit}` };
}

/** A counted lot whose variance is above the count's threshold; the next count within the threshold clears it. */
export function countVarianceCondition(line: { item: string; batchNumber: string; location: string; aboveThreshold: boolean; detail: string }): AlertCondition | undefined {
  if (!line.aboveThreshold) return undefined;
  return { kind: ALERT_KINDS.countVariance, subject: { item: line.item, batchNumber: line.batchNumber, location: line.location }, detail: line.detail };
}

export function plantKey(plant: string): string {
  return `plant:${plant}`;
}

/** One open alert per kind and subject: its key. */
export function conditionKey(kind: string, subject: AlertSubject): string {
  return JSON.stringify([kind, subject.item, subject.batchNumber, subject.location]);
}

/**
 * Given the alerts open in an evaluated scope and the conditions that hold there now: raise what holds and is not
 * open, clear what is open and no longer holds. Everything else is left alone (no repeat).
 */
export function alertChanges<Open extends { kind: string; subject: AlertSubject }>(
  open: readonly Open[],
  holding: readonly AlertCondition[],
): { raise: AlertCondition[]; clear: Open[] } {
  const openKeys = new Set(open.map((alert) => conditionKey(alert.kind, alert.subject)));
  const holdingKeys = new Set(holding.map((condition) => conditionKey(condition.kind, condition.subject)));
  const raised = new Set<string>();
  const raise = holding.filter((condition) => {
    const key = conditionKey(condition.kind, condition.subject);
    if (openKeys.has(key) || raised.has(key)) return false;
    raised.add(key);
    return true;
  });
  return { raise, clear: open.filter((alert) => !holdingKeys.has(conditionKey(alert.kind, alert.subject))) };
}

/** The UTC calendar date of an instant. */
export function utcDate(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** Whole days from one calendar date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
