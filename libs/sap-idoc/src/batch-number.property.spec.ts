import fc from 'fast-check';
import { batchNumberProblem } from '@lotbridge/lot';
import { readDeliveryIdoc } from './index';
import { fixture, replaceOnce, xmlEscape } from './spec-helpers';

/**
 * The project's promise, as a property: whatever batch number the supplier writes into CHARG (XML-escaped
 * as any correct IDoc-XML writer would), the movement and the lot carry exactly that string.
 */

const inbound = fixture('inbound-delvry07-batches.xml');

function withBatchOnItem20(batch: string): string {
  return replaceOnce(inbound, '<CHARG>lot-a7</CHARG>', `<CHARG>${xmlEscape(batch)}</CHARG>`);
}

/** Characters that break naive code: zeros (padding), cases, spaces (trimming), separators, XML specials, non-ASCII, astral. */
const trickyCharacter = fc.constantFrom('0', '0', '0', '1', '9', 'a', 'z', 'A', 'Z', ' ', ' ', '/', '-', '.', '_', '&', '<', '>', '"', "'", '批', '次', 'é', 'ß', 'Ω', 'İ', '😀');

/** What any correct writer may put in an XML text node (XML 1.0 Char), minus what the domain refuses anyway. */
function isAcceptableBatch(text: string): boolean {
  return !/[\uFFFE\uFFFF]/u.test(text) && batchNumberProblem(text) === undefined;
}

describe('batch numbers pass through unchanged (property)', () => {
  it('for batches built from tricky characters (leading zeros, case, inner/trailing spaces, / - ., XML specials, non-ASCII)', () => {
    fc.assert(
      fc.property(fc.string({ unit: trickyCharacter, minLength: 1, maxLength: 20 }).filter(isAcceptableBatch), (batch) => {
        const result = readDeliveryIdoc(withBatchOnItem20(batch));
        const movement = result.movements.find((m) => m.source.line === '000020');
        expect(movement?.batchNumber).toBe(batch);
        expect(result.lots.some((lot) => lot.item === '000000000000471200' && lot.batchNumber === batch)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('for arbitrary Unicode text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).filter(isAcceptableBatch), (batch) => {
        const movement = readDeliveryIdoc(withBatchOnItem20(batch)).movements.find((m) => m.source.line === '000020');
        expect(movement?.batchNumber).toBe(batch);
      }),
      { numRuns: 300 },
    );
  });

  it('also when the bytes arrive as a UTF-8 buffer', () => {
    fc.assert(
      fc.property(fc.string({ unit: trickyCharacter, minLength: 1, maxLength: 20 }).filter(isAcceptableBatch), (batch) => {
        const movement = readDeliveryIdoc(Buffer.from(withBatchOnItem20(batch), 'utf8')).movements.find((m) => m.source.line === '000020');
        expect(movement?.batchNumber).toBe(batch);
      }),
      { numRuns: 100 },
    );
  });
});
