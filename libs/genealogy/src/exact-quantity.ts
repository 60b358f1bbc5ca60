import { addQuantities } from '@lotbridge/lot';

/**
 * Quantities kept as whole numbers of millionths (the contract's decimal(38, 6) scale) in a Float64Array slot:
 * exact while they stay safe integers (below 2^53 millionths, about 9 billion units), which nearly every movement
 * is. Anything else (NaN in the slot) keeps its decimal text beside it. Sums over a lot's movements then cost
 * an integer addition instead of a decimal.js object per step, and stay exact: an addition that would leave the
 * safe range goes to decimal text instead.
 */
const SCALE = 1_000_000;
const SCALED = /^(-?)(\d{1,9})(?:\.(\d{1,6}))?$/;

/** Millionths of a canonical or plain decimal text, or NaN when it does not fit exactly. */
export function toMillionths(text: string): number {
  const match = SCALED.exec(text);
  if (!match) return NaN;
  const [, sign, whole = '', fraction = ''] = match;
  const value = Number(whole) * SCALE + Number(fraction.padEnd(6, '0'));
  return sign === '-' ? -value : value;
}

/** The canonical text (as libs/lot canonicalQuantity writes it) of a whole number of millionths. */
export function millionthsText(millionths: number): string {
  if (millionths === 0) return '0';
  const sign = millionths < 0 ? '-' : '';
  const magnitude = Math.abs(millionths);
  const whole = Math.floor(magnitude / SCALE);
  const fraction = magnitude - whole * SCALE;
  if (fraction === 0) return `${sign}${whole}`;
  return `${sign}${whole}.${String(fraction).padStart(6, '0').replace(/0+$/, '')}`;
}

/** An exact running total: integers while they are safe, decimal text for the rest. */
export class ExactTotal {
  private millionths = 0;
  private text: string | undefined;

  /** `millionths` is the slot of `quantity` (NaN when it has none); `sign` -1 subtracts. */
  add(quantity: string, millionths: number, sign: 1 | -1 = 1): void {
    if (!this.addMillionths(millionths, sign)) this.text = addQuantities(this.text ?? '0', sign === 1 ? quantity : `-${quantity}`);
  }

  /**
   * Adds a slot's whole millionths without its text; false, with nothing added, when the slot is NaN or the sum would
   * leave the safe range: then `add` the text. Most movements never need their quantity as text.
   */
  addMillionths(millionths: number, sign: 1 | -1 = 1): boolean {
    const next = this.millionths + sign * millionths;
    if (!Number.isSafeInteger(next)) return false;
    this.millionths = next;
    return true;
  }

  reset(): void {
    this.millionths = 0;
    this.text = undefined;
  }

  addTotal(other: ExactTotal): void {
    if (other.text === undefined && this.addMillionths(other.millionths)) return;
    const value = other.value();
    this.text = addQuantities(this.text ?? '0', value);
  }

  /** -1, 0 or 1: the sign of the total, from its millionths while it has no text part */
  sign(): number {
    if (this.text === undefined) return Math.sign(this.millionths);
    const value = this.value();
    return value === '0' || value === '-0' ? 0 : value.startsWith('-') ? -1 : 1;
  }

  value(): string {
    const exact = millionthsText(this.millionths);
    return this.text === undefined ? exact : addQuantities(this.text, exact);
  }
}
