import DecimalJs from 'decimal.js';

/** Same settings as libs/lot's quantities: 64 significant digits, never binary floats. */
const Decimal = DecimalJs.clone({ precision: 64, rounding: DecimalJs.ROUND_HALF_UP });

/** Places a variance percentage is shown with (half away from zero); thresholds are compared unrounded. */
export const PERCENT_SCALE = 2;

export function absolute(quantity: string): string {
  return new Decimal(quantity).abs().toFixed();
}

export function isZero(quantity: string): boolean {
  return new Decimal(quantity).isZero();
}

/** variance as a percentage of |base|, rounded to PERCENT_SCALE places; base must not be zero. */
export function percentOf(variance: string, base: string): string {
  const percent = new Decimal(variance).times(100).dividedBy(new Decimal(base).abs());
  const rounded = percent.toDecimalPlaces(PERCENT_SCALE, DecimalJs.ROUND_HALF_UP);
  return rounded.isZero() ? '0' : rounded.toFixed();
}

/** |variance| × 100 > threshold × |base|: the exact comparison, no division and no rounding. */
export function exceedsPercent(variance: string, base: string, thresholdPercent: string): boolean {
  return new Decimal(variance).abs().times(100).greaterThan(new Decimal(thresholdPercent).times(new Decimal(base).abs()));
}

/** Plain code-unit order, the same on every machine (no locale collation). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
