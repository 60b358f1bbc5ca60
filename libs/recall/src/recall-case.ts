/**
 * A recall case's life: opened from one or more lots (the impact is computed then), locked (every affected lot put on
 * recall hold through quality in one action), recoveries recorded while it runs, closed. Pure.
 *
 * | event              | allowed in     | state after |
 * |--------------------|----------------|-------------|
 * | opened             | (new)          | open        |
 * | locked             | open           | locked      |
 * | recovery-recorded  | open, locked   | unchanged   |
 * | closed             | open, locked   | closed      |
 */
export type RecallState = 'open' | 'locked' | 'closed';
export type RecallEvent = 'opened' | 'locked' | 'recovery-recorded' | 'closed';

const ALLOWED: Readonly<Record<Exclude<RecallEvent, 'opened'>, { from: readonly RecallState[]; to: RecallState | 'unchanged' }>> = {
  locked: { from: ['open'], to: 'locked' },
  'recovery-recorded': { from: ['open', 'locked'], to: 'unchanged' },
  closed: { from: ['open', 'locked'], to: 'closed' },
};

export class RecallError extends Error {
  constructor(
    readonly code: 'RECALL.INVALID_TRANSITION' | 'RECALL.INVALID_REQUEST',
    message: string,
  ) {
    super(message);
    this.name = 'RecallError';
  }
}

export function nextRecallState(state: RecallState, event: Exclude<RecallEvent, 'opened'>): RecallState {
  const rule = ALLOWED[event];
  if (!rule.from.includes(state)) throw new RecallError('RECALL.INVALID_TRANSITION', `a recall case that is ${state} cannot be ${event.replace(/-/g, ' ')} (allowed when ${rule.from.join(' or ')})`);
  return rule.to === 'unchanged' ? state : rule.to;
}
