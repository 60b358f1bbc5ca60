import DecimalJs from 'decimal.js';

/** decimal.js rounds to 20 significant digits by default; quantities need all of theirs. */
const Decimal = DecimalJs.clone({ precision: 64 });

/**
 * Quantities are exact decimals carried as canonical strings ("5", "0.125", "-3.5"): never binary floats.
 * The scale is bounded because the Avro contract stores them as decimal(38, 6).
 */
export const QUANTITY_SCALE = 6;
export const QUANTITY_PRECISION = 38;

export type QuantityProblem = 'not-a-number' | 'too-many-decimals' | 'too-large';

const DECIMAL_PATTERN = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const QUANTITY_LIMIT = new Decimal(10).pow(QUANTITY_PRECISION - QUANTITY_SCALE);

/** Why a textual quantity cannot be carried exactly, or undefined when it can. */
export function quantityProblem(text: string): QuantityProblem | undefined {
  if (!DECIMAL_PATTERN.test(text)) return 'not-a-number';
  const value = new Decimal(text);
  if (value.decimalPlaces() > QUANTITY_SCALE) return 'too-many-decimals';
  if (value.abs().gte(QUANTITY_LIMIT)) return 'too-large';
  return undefined;
}

/** Canonical text of an exact decimal: no exponent, no trailing zeros ("5.000" -> "5"). */
export function canonicalQuantity(text: string): string {
  const problem = quantityProblem(text);
  if (problem) throw new RangeError(`quantity "${text}" is ${problem.replace(/-/g, ' ')}`);
  return new Decimal(text).toFixed();
}

export function addQuantities(a: string, b: string): string {
  return new Decimal(a).plus(b).toFixed();
}

export function subtractQuantities(a: string, b: string): string {
  return new Decimal(a).minus(b).toFixed();
}

export function compareQuantities(a: string, b: string): -1 | 0 | 1 {
  return new Decimal(a).comparedTo(b) as -1 | 0 | 1;
}

export function isPositiveQuantity(text: string): boolean {
  return new Decimal(text).gt(0);
}
