import { addQuantities, canonicalQuantity, compareQuantities, quantityProblem, subtractQuantities } from './quantity';

describe('quantities are exact decimals', () => {
  it('adds without binary rounding', () => {
    expect(addQuantities('0.1', '0.2')).toBe('0.3');
    expect(subtractQuantities('12345678901234567890.000001', '0.000001')).toBe('12345678901234567890');
  });

  it('canonicalises SAP-style text', () => {
    expect(canonicalQuantity('5.000')).toBe('5');
    expect(canonicalQuantity('060.500')).toBe('60.5');
  });

  it.each([
    ['5,0', 'not-a-number'],
    ['1e3', 'not-a-number'],
    ['', 'not-a-number'],
    ['0.0000001', 'too-many-decimals'],
    ['100000000000000000000000000000000', 'too-large'],
  ])('names why %j cannot be carried', (text, problem) => {
    expect(quantityProblem(text)).toBe(problem);
    expect(() => canonicalQuantity(text)).toThrow(new RegExp(problem.replace(/-/g, ' ')));
  });

  it('compares', () => {
    expect(compareQuantities('2', '10')).toBe(-1);
    expect(compareQuantities('10.0', '10')).toBe(0);
  });
});
