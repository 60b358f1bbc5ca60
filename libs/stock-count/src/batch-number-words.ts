import { BatchNumberProblem, batchNumberProblem } from '@lotbridge/lot';

const BATCH_PROBLEM_WORDS: Record<BatchNumberProblem, string> = {
  empty: 'is empty',
  blank: 'is blank',
  'too-long': 'is longer than 255 characters',
  'control-character': 'contains a control character',
  'broken-unicode': 'is broken Unicode (a lone surrogate)',
};

/** "batch number \"…\" is blank" and the like, or undefined when the batch number can be carried. */
export function describeBatchNumberProblem(batchNumber: string): string | undefined {
  const problem = batchNumberProblem(batchNumber);
  return problem && `batch number ${JSON.stringify(batchNumber)} ${BATCH_PROBLEM_WORDS[problem]}`;
}
