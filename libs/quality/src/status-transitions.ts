import { Disposition, LotQualityState, LotStatus, statusOf } from './lot-status';
import { QualityError } from './quality-error';

/**
 * THE lot status state machine, in one table. Every change of a lot's status goes through `decideTransition`.
 *
 * | action                  | allowed when                                   | disposition after          | holds | recalls |
 * |-------------------------|------------------------------------------------|----------------------------|-------|---------|
 * | arrive-for-inspection   | lot unknown (first receipt / production)        | quarantine                 |       |         |
 * | arrive-released         | lot unknown, item needs no inspection           | released                   |       |         |
 * | accept (usage decision) | quarantine                                     | released                   |       |         |
 * | reject (usage decision) | quarantine, released                           | rejected                   |       |         |
 * | expire                  | quarantine, released                           | expired                    |       |         |
 * | hold                    | any (unknown too)                              | unchanged; unknown → quarantine | +1 |         |
 * | release-hold            | an active hold                                 | unchanged                  | -1    |         |
 * | recall                  | any (unknown too)                              | unchanged; unknown → quarantine |   | +1      |
 * | release-recall          | an active recall                               | unchanged                  |       | -1      |
 *
 * The visible status (lot-status.ts statusOf) is recalled while a recall is active, else on-hold while a hold is
 * active, else the disposition. So: quarantine → released | rejected by the usage decision; released → rejected or
 * expired; any → on-hold → back to what it was; any → recalled. A lot quality never saw that is held or recalled gets
 * the disposition quarantine: when the block is lifted nobody has yet decided it is good.
 */
export type StatusAction =
  | 'arrive-for-inspection'
  | 'arrive-released'
  | 'accept'
  | 'reject'
  | 'expire'
  | 'hold'
  | 'release-hold'
  | 'recall'
  | 'release-recall';

interface Transition {
  /** dispositions the action is allowed from ('any' includes a lot quality never saw) */
  from: readonly (Disposition | null)[] | 'any';
  disposition: Disposition | 'unchanged';
  holds?: 1 | -1;
  recalls?: 1 | -1;
}

const ANY_DISPOSITION: readonly (Disposition | null)[] = [null, 'quarantine', 'released', 'rejected', 'expired'];

export const TRANSITIONS: Readonly<Record<StatusAction, Transition>> = {
  'arrive-for-inspection': { from: [null], disposition: 'quarantine' },
  'arrive-released': { from: [null], disposition: 'released' },
  accept: { from: ['quarantine'], disposition: 'released' },
  reject: { from: ['quarantine', 'released'], disposition: 'rejected' },
  expire: { from: ['quarantine', 'released'], disposition: 'expired' },
  hold: { from: 'any', disposition: 'unchanged', holds: 1 },
  'release-hold': { from: 'any', disposition: 'unchanged', holds: -1 },
  recall: { from: 'any', disposition: 'unchanged', recalls: 1 },
  'release-recall': { from: 'any', disposition: 'unchanged', recalls: -1 },
};

export interface StatusTransition {
  action: StatusAction;
  before: LotQualityState;
  after: LotQualityState;
  previousStatus: LotStatus | null;
  /** never null after a transition: every action leaves the lot with a disposition */
  status: LotStatus;
}

/** The next state of a lot, or a QUALITY.INVALID_TRANSITION naming what is allowed. Pure. */
export function decideTransition(state: LotQualityState, action: StatusAction): StatusTransition {
  const transition = TRANSITIONS[action];
  const allowed = transition.from === 'any' ? ANY_DISPOSITION : transition.from;
  if (!allowed.includes(state.disposition)) {
    throw new QualityError(
      'QUALITY.INVALID_TRANSITION',
      `cannot ${action} a lot whose disposition is ${state.disposition ?? 'unknown'} (allowed from: ${allowed.map((from) => from ?? 'unknown').join(', ')})`,
    );
  }
  if (transition.holds === -1 && state.holds === 0) throw new QualityError('QUALITY.INVALID_TRANSITION', 'cannot release-hold: the lot has no active hold');
  if (transition.recalls === -1 && state.recalls === 0) throw new QualityError('QUALITY.INVALID_TRANSITION', 'cannot release-recall: the lot has no active recall');
  const blocks = (transition.holds ?? 0) + (transition.recalls ?? 0) > 0;
  const disposition = transition.disposition === 'unchanged' ? (state.disposition ?? (blocks ? 'quarantine' : null)) : transition.disposition;
  const after: LotQualityState = { disposition, holds: state.holds + (transition.holds ?? 0), recalls: state.recalls + (transition.recalls ?? 0) };
  const status = statusOf(after);
  // unreachable by the table (a release needs an earlier block, which set a disposition); kept as an invariant
  if (status === null) throw new Error(`transition ${action} left a lot without a status`);
  return { action, before: state, after, previousStatus: statusOf(state), status };
}
