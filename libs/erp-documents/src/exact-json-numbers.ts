import Decimal from 'decimal.js';
import { ErpDocumentRejected } from './erp-errors';

/**
 * JSON numbers become binary doubles in JSON.parse: "12.30" survives as 12.3 (the same decimal), but a literal
 * with more significant digits than a double holds (e.g. 1234567890.1234567 or 0.10000000000000001) silently
 * becomes another number. ERPs send quantities as JSON numbers (Kingdee's ExecuteBillQuery writes FRealQty as
 * 120.0), so a document is checked against its own text: every number literal must survive the round trip
 * literal -> double -> shortest text exactly (as a decimal), or the document is refused. Any literal of up to
 * 15 significant digits does (IEEE 754 DBL_DIG); longer ones only when their extra digits are zeros.
 *
 * Runs over the text after readJsonDocument accepted it, so it may assume well-formed JSON.
 */
export function assertExactJsonNumbers(text: string, what: string): void {
  const literal = /"(?:[^"\\]|\\.)*"|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;
  for (let match = literal.exec(text); match; match = literal.exec(text)) {
    const number = match[1];
    if (number === undefined || significantDigits(number) <= 15) continue;
    if (!new Decimal(number).equals(new Decimal(String(Number(number))))) {
      throw new ErpDocumentRejected(
        'ERP.IMPRECISE_NUMBER',
        `${what} has the number ${number}, which a JSON reader cannot carry exactly (more than 15 significant digits); send it as a string ("${number}")`,
      );
    }
  }
}

function significantDigits(literal: string): number {
  const mantissa = literal.replace(/^-/, '').replace(/[eE].*$/, '').replace('.', '');
  return mantissa.replace(/^0+/, '').length;
}

/**
 * The exact decimal text of a JSON value that is a number: after assertExactJsonNumbers, the shortest text of the
 * double is the literal's value ("120.0" -> "120", 1e-7 -> "0.0000001").
 */
export function numberText(value: number): string {
  return new Decimal(String(value)).toFixed();
}
