import {
  ALERT_KINDS,
  alertChanges,
  AlertCondition,
  countVarianceCondition,
  DEFAULT_ALERT_SETTINGS,
  expiryCondition,
  negativeStockCondition,
  safetyStockCondition,
  slowMovingCondition,
} from './alert-rules';

const settings = { nearExpiryDays: 10, slowMovingDays: 30 };
const lot = { item: 'MAT-1', batchNumber: ' b-01 ', expiryDate: '2026-03-20', onHand: '12.5', unit: 'KGM' };
const at = (date: string) => new Date(`${date}T12:00:00Z`);

describe('expiry', () => {
  it('is quiet before the horizon, near expiry within it, expired from the day after the expiry date', () => {
    expect(expiryCondition(lot, settings, at('2026-03-09'))).toBeUndefined();
    expect(expiryCondition(lot, settings, at('2026-03-10'))).toMatchObject({ kind: ALERT_KINDS.nearExpiry, subject: { item: 'MAT-1', batchNumber: ' b-01 ', location: null } });
    expect(expiryCondition(lot, settings, at('2026-03-20'))?.detail).toContain('in 0 days');
    expect(expiryCondition(lot, settings, at('2026-03-21'))).toMatchObject({ kind: ALERT_KINDS.expired });
  });

  it('says nothing of a lot without stock or without an expiry date', () => {
    expect(expiryCondition({ ...lot, onHand: '0' }, settings, at('2026-04-01'))).toBeUndefined();
    expect(expiryCondition({ ...lot, expiryDate: null }, settings, at('2026-04-01'))).toBeUndefined();
  });

  it('uses the horizon configured for the item', () => {
    expect(expiryCondition(lot, DEFAULT_ALERT_SETTINGS, at('2026-02-20'))?.kind).toBe(ALERT_KINDS.nearExpiry);
  });
});

describe('slow-moving', () => {
  const facts = { item: 'MAT-1', batchNumber: 'B', location: 'warehouse:DE01/MAIN', onHand: '5', unit: 'KGM', lastIssueAt: null, firstReceiptAt: '2026-01-01T00:00:00Z' };

  it('counts from the receipt while nothing was issued, from the last issue afterwards', () => {
    expect(slowMovingCondition(facts, settings, new Date('2026-01-30T23:59:59Z'))).toBeUndefined();
    expect(slowMovingCondition(facts, settings, new Date('2026-01-31T00:00:00Z'))?.detail).toContain('nothing issued since the receipt');
    expect(slowMovingCondition({ ...facts, lastIssueAt: '2026-01-20T00:00:00Z' }, settings, new Date('2026-01-31T00:00:00Z'))).toBeUndefined();
  });

  it('watches only items with a limit set', () => {
    expect(slowMovingCondition(facts, DEFAULT_ALERT_SETTINGS, new Date('2030-01-01T00:00:00Z'))).toBeUndefined();
  });

  it('says nothing of a location without stock', () => {
    expect(slowMovingCondition({ ...facts, onHand: '0' }, settings, new Date('2027-01-01T00:00:00Z'))).toBeUndefined();
  });
});

describe('safety stock, negative stock, count variance', () => {
  it('is below safety stock strictly under the level set for the item and plant', () => {
    const facts = { item: 'MAT-1', plant: 'DE01', onHand: '99.999', safetyStock: '100', unit: 'KGM' };
    expect(safetyStockCondition(facts)).toMatchObject({ kind: ALERT_KINDS.belowSafetyStock, subject: { item: 'MAT-1', batchNumber: null, location: 'plant:DE01' } });
    expect(safetyStockCondition({ ...facts, onHand: '100' })).toBeUndefined();
  });

  it('holds negative stock only below zero', () => {
    const subject = { item: 'MAT-1', batchNumber: 'B', location: 'warehouse:DE01/MAIN' };
    expect(negativeStockCondition(subject, '-0.001', 'KGM')?.kind).toBe(ALERT_KINDS.negativeStock);
    expect(negativeStockCondition(subject, '0', 'KGM')).toBeUndefined();
  });

  it('holds a count variance only above the threshold', () => {
    const line = { item: 'MAT-1', batchNumber: 'B', location: 'warehouse:DE01/MAIN', detail: 'counted 8, book 10' };
    expect(countVarianceCondition({ ...line, aboveThreshold: true })?.kind).toBe(ALERT_KINDS.countVariance);
    expect(countVarianceCondition({ ...line, aboveThreshold: false })).toBeUndefined();
  });
});

describe('raised once, cleared once', () => {
  const near: AlertCondition = { kind: ALERT_KINDS.nearExpiry, subject: { item: 'A', batchNumber: 'B', location: null }, detail: 'd' };
  const expired: AlertCondition = { ...near, kind: ALERT_KINDS.expired };

  it('raises what starts, leaves what continues, clears what ended', () => {
    expect(alertChanges([], [near, near])).toEqual({ raise: [near], clear: [] });
    expect(alertChanges([{ ...near, alertId: '1' }], [near])).toEqual({ raise: [], clear: [] });
    expect(alertChanges([{ ...near, alertId: '1' }], [expired])).toEqual({ raise: [expired], clear: [{ ...near, alertId: '1' }] });
  });

  it('tells a lot alert from an item-at-plant alert of the same names', () => {
    const plantLevel: AlertCondition = { ...near, subject: { item: 'A', batchNumber: null, location: 'B' } };
    expect(alertChanges([{ ...near }], [plantLevel]).raise).toEqual([plantLevel]);
  });
});
