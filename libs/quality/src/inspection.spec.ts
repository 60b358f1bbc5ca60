import { InspectionRecord, checkUsageDecision, conforms, judgeResults, readInspectionPlan } from './inspection';
import { QualityError } from './quality-error';
import { readHoldRequest } from './hold';

const plan = readInspectionPlan('MAT-1', {
  required: true,
  characteristics: [
    { name: 'moisture', unit: '%', lowerLimit: '0', upperLimit: '12.5' },
    { name: 'salmonella', expected: 'absent in 25 g' },
  ],
});
const record = (results: InspectionRecord['results'] = []): InspectionRecord => ({ characteristics: plan.characteristics, results, decision: null });
const codeOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return error instanceof QualityError ? error.code : String(error);
  }
  return 'no error';
};

describe('inspections', () => {
  it('judges numeric limits as exact decimals, limits included', () => {
    const moisture = plan.characteristics[0]!;
    expect(conforms(moisture, '12.5')).toBe(true);
    expect(conforms(moisture, '12.500001')).toBe(false);
    expect(conforms(moisture, '0')).toBe(true);
    expect(codeOf(() => conforms(moisture, 'wet'))).toBe('QUALITY.INVALID_REQUEST');
  });

  it('judges a qualitative characteristic byte for byte', () => {
    expect(conforms(plan.characteristics[1]!, 'absent in 25 g')).toBe(true);
    expect(conforms(plan.characteristics[1]!, 'present')).toBe(false);
  });

  it('accept needs a conforming result for every planned characteristic', () => {
    const partial = judgeResults(record(), [{ characteristic: 'moisture', value: '11' }], 'qm', '2026-01-01T00:00:00Z');
    expect(codeOf(() => checkUsageDecision(record(partial), 'accept'))).toBe('QUALITY.INSPECTION_INCOMPLETE');
    const failing = judgeResults(record(), [{ characteristic: 'moisture', value: '13' }, { characteristic: 'salmonella', value: 'absent in 25 g' }], 'qm', '2026-01-01T00:00:00Z');
    expect(codeOf(() => checkUsageDecision(record(failing), 'accept'))).toBe('QUALITY.NONCONFORMING_RESULTS');
    // a re-measurement replaces the failing one in the decision
    const remeasured = [...failing, ...judgeResults(record(), [{ characteristic: 'moisture', value: '12' }], 'qm', '2026-01-01T01:00:00Z')];
    expect(codeOf(() => checkUsageDecision(record(remeasured), 'accept'))).toBe('no error');
  });

  it('reject is always possible, a decision only once', () => {
    expect(codeOf(() => checkUsageDecision(record(), 'reject'))).toBe('no error');
    expect(codeOf(() => checkUsageDecision({ ...record(), decision: 'reject' }, 'accept'))).toBe('QUALITY.DECISION_ALREADY_MADE');
  });

  it('an unplanned characteristic needs the inspector\'s verdict', () => {
    expect(codeOf(() => judgeResults(record(), [{ characteristic: 'colour', value: 'brown' }], 'qm', '2026-01-01T00:00:00Z'))).toBe('QUALITY.UNKNOWN_CHARACTERISTIC');
    expect(judgeResults(record(), [{ characteristic: 'colour', value: 'brown', conforms: false }], 'qm', '2026-01-01T00:00:00Z')[0]).toMatchObject({ conforms: false });
  });

  it('refuses a plan with bad limits, naming the field', () => {
    expect(() => readInspectionPlan('M', { required: true, characteristics: [{ name: 'x', lowerLimit: '1,5' }] })).toThrow(/characteristics\[0\]\.lowerLimit/);
  });
});

describe('hold requests', () => {
  it('keeps batch numbers byte for byte and names every wrong field', () => {
    expect(readHoldRequest({ item: 'M', batchNumber: ' 批次 ', reason: 'r', by: 'qm', cascade: true })).toEqual({ lots: [{ item: 'M', batchNumber: ' 批次 ' }], reason: 'r', by: 'qm', cascade: true, recallCaseId: null });
    expect(() => readHoldRequest({ item: 'M', batchNumber: '', by: 3 })).toThrow(/batchNumber is empty; reason must be a non-empty string; by must be a non-empty string/);
    expect(readHoldRequest({ lots: [{ item: 'M', batchNumber: 'A' }], reason: 'r', by: 'x', recallCaseId: 'R-1' })).toMatchObject({ recallCaseId: 'R-1', cascade: false });
  });
});
