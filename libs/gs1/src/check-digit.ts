/**
 * The GS1 mod-10 check digit (GS1 General Specifications, "Check digit calculation"): from the right, the digits
 * before the check digit are weighted 3, 1, 3, 1 ...; the check digit brings the sum to a multiple of 10.
 * The same rule serves GTIN-8/12/13/14, SSCC, GLN, GRAI, GDTI, GSIN, GCN, GSRN.
 */
export function gs1CheckDigit(digitsWithoutCheckDigit: string): number {
  if (!/^\d+$/.test(digitsWithoutCheckDigit)) throw new TypeError(`not digits: ${JSON.stringify(digitsWithoutCheckDigit)}`);
  let sum = 0;
  for (let i = digitsWithoutCheckDigit.length - 1, weight = 3; i >= 0; i--, weight = 4 - weight) {
    sum += weight * Number(digitsWithoutCheckDigit[i]);
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the last digit of `digits` is the GS1 mod-10 check digit of the ones before it. */
export function hasValidCheckDigit(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  return gs1CheckDigit(digits.slice(0, -1)) === Number(digits.slice(-1));
}

/** `digits` with its check digit appended (handy for building test data). */
export function withCheckDigit(digitsWithoutCheckDigit: string): string {
  return `${digitsWithoutCheckDigit}${gs1CheckDigit(digitsWithoutCheckDigit)}`;
}
