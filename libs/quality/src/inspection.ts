import { compareQuantities, quantityProblem } from '@lotbridge/lot';
import { QualityError } from './quality-error';

/**
 * One characteristic an item's inspection checks: numeric within limits (exact decimals, limits inclusive) or
 * qualitative (the expected text, e.g. "conforms", "absent in 25 g").
 */
export interface CharacteristicSpec {
  name: string;
  unit?: string;
  lowerLimit?: string;
  upperLimit?: string;
  expected?: string;
}

/** Per item: whether a new lot waits in quarantine for an inspection, and what that inspection checks. */
export interface InspectionPlan {
  item: string;
  required: boolean;
  characteristics: CharacteristicSpec[];
}

export interface CharacteristicResult {
  characteristic: string;
  value: string;
  unit?: string;
  conforms: boolean;
  recordedBy: string;
  recordedAt: string;
}

export type UsageDecision = 'accept' | 'reject';

/** A certificate of analysis the supplier sent with the lot: a reference to the document, not the document. */
export interface CertificateOfAnalysis {
  reference: string;
  issuedBy?: string;
  issuedOn?: string;
}

export interface InspectionRecord {
  characteristics: CharacteristicSpec[];
  results: CharacteristicResult[];
  decision: UsageDecision | null;
}

export function readInspectionPlan(item: string, body: unknown): InspectionPlan {
  const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof input['required'] !== 'boolean') problems.push('required must be true or false');
  const raw = input['characteristics'] ?? [];
  if (!Array.isArray(raw)) problems.push('characteristics must be a list');
  const characteristics = (Array.isArray(raw) ? raw : []).map((entry: unknown, index) => readCharacteristic(entry, `characteristics[${index}]`, problems));
  const names = characteristics.map((spec) => spec.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined) problems.push(`characteristic "${duplicate}" is listed twice`);
  if (problems.length > 0) throw new QualityError('QUALITY.INVALID_REQUEST', problems.join('; '));
  return { item, required: input['required'] === true, characteristics };
}

function readCharacteristic(entry: unknown, path: string, problems: string[]): CharacteristicSpec {
  const input = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
  const spec: CharacteristicSpec = { name: String(input['name']) };
  if (typeof input['name'] !== 'string' || input['name'] === '') problems.push(`${path}.name must be a non-empty string`);
  for (const field of ['unit', 'lowerLimit', 'upperLimit', 'expected'] as const) {
    const value = input[field];
    if (value === undefined) continue;
    if (typeof value !== 'string') problems.push(`${path}.${field} must be a string`);
    else spec[field] = value;
  }
  for (const field of ['lowerLimit', 'upperLimit'] as const) {
    const limit = spec[field];
    const problem = limit === undefined ? undefined : quantityProblem(limit);
    if (problem) problems.push(`${path}.${field} "${String(limit)}" is ${problem.replace(/-/g, ' ')} (an exact decimal string)`);
  }
  return spec;
}

/**
 * Whether a measured value conforms to its characteristic: numeric limits compared as exact decimals, a
 * qualitative expectation compared byte for byte. A value that is not a number for a numeric characteristic
 * is refused, not judged.
 */
export function conforms(spec: CharacteristicSpec, value: string): boolean {
  if (spec.lowerLimit !== undefined || spec.upperLimit !== undefined) {
    if (quantityProblem(value) !== undefined) throw new QualityError('QUALITY.INVALID_REQUEST', `value "${value}" of ${spec.name} is not an exact decimal`);
    if (spec.lowerLimit !== undefined && compareQuantities(value, spec.lowerLimit) < 0) return false;
    if (spec.upperLimit !== undefined && compareQuantities(value, spec.upperLimit) > 0) return false;
    return true;
  }
  return spec.expected === undefined || value === spec.expected;
}

/**
 * Records results against the inspection's characteristics. Characteristics not in the plan need the inspector's
 * own `conforms` verdict; planned ones are judged by their limits. A later result for a characteristic replaces
 * the earlier one in the decision (both stay in the history).
 */
export function judgeResults(
  record: InspectionRecord,
  entries: readonly { characteristic: string; value: string; unit?: string; conforms?: boolean }[],
  by: string,
  at: string,
): CharacteristicResult[] {
  if (record.decision !== null) throw new QualityError('QUALITY.DECISION_ALREADY_MADE', `the usage decision (${record.decision}) is made; results can no longer change it`);
  return entries.map((entry) => {
    const spec = record.characteristics.find((candidate) => candidate.name === entry.characteristic);
    if (!spec && typeof entry.conforms !== 'boolean') {
      throw new QualityError('QUALITY.UNKNOWN_CHARACTERISTIC', `characteristic "${entry.characteristic}" is not in the inspection plan; give conforms: true|false for it`);
    }
    return {
      characteristic: entry.characteristic,
      value: entry.value,
      ...(entry.unit ?? spec?.unit ? { unit: entry.unit ?? spec?.unit } : {}),
      conforms: spec ? conforms(spec, entry.value) : entry.conforms === true,
      recordedBy: by,
      recordedAt: at,
    };
  });
}

/** The latest result of each characteristic, in recording order. */
export function latestResults(results: readonly CharacteristicResult[]): CharacteristicResult[] {
  const latest = new Map<string, CharacteristicResult>();
  for (const result of results) latest.set(result.characteristic, result);
  return [...latest.values()];
}

/**
 * The usage decision: accept needs a conforming result for every planned characteristic; reject is always possible
 * (a lot may be rejected on sight). Made once.
 */
export function checkUsageDecision(record: InspectionRecord, decision: UsageDecision): void {
  if (record.decision !== null) throw new QualityError('QUALITY.DECISION_ALREADY_MADE', `the usage decision was already made: ${record.decision}`);
  if (decision === 'reject') return;
  const latest = new Map(latestResults(record.results).map((result) => [result.characteristic, result]));
  const missing = record.characteristics.filter((spec) => !latest.has(spec.name)).map((spec) => spec.name);
  if (missing.length > 0) throw new QualityError('QUALITY.INSPECTION_INCOMPLETE', `cannot accept: no result yet for ${missing.join(', ')}`);
  const failed = [...latest.values()].filter((result) => !result.conforms).map((result) => `${result.characteristic} = ${result.value}`);
  if (failed.length > 0) throw new QualityError('QUALITY.NONCONFORMING_RESULTS', `cannot accept: nonconforming results ${failed.join(', ')}`);
}
