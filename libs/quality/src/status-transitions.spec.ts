import { LotQualityState, UNKNOWN_LOT, isAllocatable, isOnHold, statusOf } from './lot-status';
import { inheritedArrivalAction, materialInputsOf } from './lot-arrival';
import { QualityError } from './quality-error';
import { StatusAction, decideTransition } from './status-transitions';

const run = (state: LotQualityState, ...actions: StatusAction[]) => actions.reduce((current, action) => decideTransition(current, action).after, state);
const codeOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return error instanceof QualityError ? error.code : String(error);
  }
  return 'no error';
};

describe('lot status state machine', () => {
  it('a new lot of an inspected item waits in quarantine; the usage decision releases or rejects it', () => {
    const quarantined = decideTransition(UNKNOWN_LOT, 'arrive-for-inspection');
    expect(quarantined).toMatchObject({ previousStatus: null, status: 'quarantine' });
    expect(decideTransition(quarantined.after, 'accept')).toMatchObject({ previousStatus: 'quarantine', status: 'released' });
    expect(decideTransition(quarantined.after, 'reject')).toMatchObject({ status: 'rejected' });
    expect(isAllocatable(quarantined.after)).toBe(false);
  });

  it('a new lot of an item without inspection is released at once', () => {
    const released = run(UNKNOWN_LOT, 'arrive-released');
    expect(statusOf(released)).toBe('released');
    expect(isAllocatable(released)).toBe(true);
  });

  it('a lot arrives once: a second arrival is an invalid transition', () => {
    expect(codeOf(() => decideTransition(run(UNKNOWN_LOT, 'arrive-released'), 'arrive-for-inspection'))).toBe('QUALITY.INVALID_TRANSITION');
  });

  it('accept only from quarantine: a rejected lot cannot be accepted', () => {
    expect(codeOf(() => decideTransition(run(UNKNOWN_LOT, 'arrive-for-inspection', 'reject'), 'accept'))).toBe('QUALITY.INVALID_TRANSITION');
  });

  it('a hold blocks a released lot and its release gives the disposition back', () => {
    const held = run(UNKNOWN_LOT, 'arrive-released', 'hold');
    expect(statusOf(held)).toBe('on-hold');
    expect(isOnHold(held)).toBe(true);
    expect(isAllocatable(held)).toBe(false);
    expect(decideTransition(held, 'release-hold')).toMatchObject({ previousStatus: 'on-hold', status: 'released' });
  });

  it('two holds: the lot stays on hold until both are released', () => {
    const twice = run(UNKNOWN_LOT, 'arrive-released', 'hold', 'hold');
    expect(statusOf(run(twice, 'release-hold'))).toBe('on-hold');
    expect(statusOf(run(twice, 'release-hold', 'release-hold'))).toBe('released');
  });

  it('a usage decision during a hold changes the disposition, not the visible status', () => {
    const held = run(UNKNOWN_LOT, 'arrive-for-inspection', 'hold', 'accept');
    expect(statusOf(held)).toBe('on-hold');
    expect(statusOf(run(held, 'release-hold'))).toBe('released');
  });

  it('a recall outranks a hold, and a lot quality never saw can be recalled; lifted, it is quarantine', () => {
    const recalled = run(UNKNOWN_LOT, 'hold', 'recall');
    expect(statusOf(recalled)).toBe('recalled');
    expect(statusOf(run(recalled, 'release-recall'))).toBe('on-hold');
    expect(statusOf(run(recalled, 'release-recall', 'release-hold'))).toBe('quarantine');
  });

  it('releasing what is not held is refused', () => {
    expect(codeOf(() => decideTransition(run(UNKNOWN_LOT, 'arrive-released'), 'release-hold'))).toBe('QUALITY.INVALID_TRANSITION');
    expect(codeOf(() => decideTransition(run(UNKNOWN_LOT, 'arrive-released', 'hold'), 'release-recall'))).toBe('QUALITY.INVALID_TRANSITION');
  });

  it('expiry ends released and quarantined lots, not rejected ones', () => {
    expect(statusOf(run(UNKNOWN_LOT, 'arrive-released', 'expire'))).toBe('expired');
    expect(codeOf(() => decideTransition(run(UNKNOWN_LOT, 'arrive-for-inspection', 'reject'), 'expire'))).toBe('QUALITY.INVALID_TRANSITION');
  });
});

describe('split and merge outputs arrive as their inputs are', () => {
  const released: LotQualityState = { disposition: 'released', holds: 0, recalls: 0 };
  it('released only when every input is released; anything else asks for a new decision', () => {
    expect(inheritedArrivalAction([released, { ...released, holds: 1 }])).toBe('arrive-released');
    expect(inheritedArrivalAction([released, { disposition: 'quarantine', holds: 0, recalls: 0 }])).toBe('arrive-for-inspection');
    expect(inheritedArrivalAction([{ disposition: 'rejected', holds: 0, recalls: 0 }])).toBe('arrive-for-inspection');
    expect(inheritedArrivalAction([{ disposition: null, holds: 0, recalls: 0 }])).toBe('arrive-for-inspection');
    expect(inheritedArrivalAction([])).toBe('arrive-for-inspection');
  });

  it('takes the inputs only from a split or merge output that names them', () => {
    const base = { movementId: 'm', item: 'I', batchNumber: 'B-1', quantity: '1', unit: 'KGM', from: { kind: 'production' as const, code: 'P' }, to: { kind: 'warehouse' as const, code: 'DE01/MAIN' }, occurredAt: '2026-01-01T00:00:00Z', source: { system: 'S', document: 'D', line: '1' } };
    const inputs = [{ item: 'I', batchNumber: 'B', quantity: '2', unit: 'KGM' }];
    expect(materialInputsOf({ ...base, kind: 'split', transformation: { transformationId: 'T', role: 'output', inputs } })).toEqual([{ item: 'I', batchNumber: 'B' }]);
    expect(materialInputsOf({ ...base, kind: 'split', transformation: { transformationId: 'T', role: 'input', inputs } })).toEqual([]);
    expect(materialInputsOf({ ...base, kind: 'production-output', transformation: { transformationId: 'T', role: 'output', inputs } })).toEqual([]);
    expect(materialInputsOf({ ...base, kind: 'merge', transformation: { transformationId: 'T', role: 'output' } })).toEqual([]);
  });
});
