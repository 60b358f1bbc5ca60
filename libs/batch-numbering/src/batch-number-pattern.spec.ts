import fc from 'fast-check';
import { BatchNumberContextError, BatchNumberPatternError, chooseBatchNumber, parseBatchNumberPattern, renderBatchNumber, sequenceScope } from './batch-number-pattern';

const context = { date: '2026-02-03', plant: 'DE01', line: 'L2', supplier: '0000471100', model: 'X-9' };

describe('batch number patterns', () => {
  it('renders date, plant, line, supplier, model and a zero-padded sequence', () => {
    const pattern = parseBatchNumberPattern('{plant}{date:YYMMDD}-{line}-{supplier}/{model}-{seq:4}');
    expect(renderBatchNumber(pattern, context, 7)).toBe('DE01260203-L2-0000471100/X-9-0007');
  });

  it('writes the day of the year for Julian-dated batch codes', () => {
    expect(renderBatchNumber(parseBatchNumberPattern('{date:YYDDD}{seq:3}'), { date: '2024-12-31' }, 1)).toBe('24366001');
  });

  it('grows the sequence beyond its width instead of wrapping around', () => {
    expect(renderBatchNumber(parseBatchNumberPattern('A{seq:2}'), context, 100)).toBe('A100');
  });

  it('keeps the given values byte for byte (spaces, case, non-ASCII)', () => {
    expect(renderBatchNumber(parseBatchNumberPattern('{line}{seq:1}'), { date: '2026-01-01', line: ' ligne-é ' }, 1)).toBe(' ligne-é 1');
  });

  it('refuses a pattern without exactly one sequence, naming every problem', () => {
    expect(() => parseBatchNumberPattern('{plant}{date:YYMMDD}')).toThrow(BatchNumberPatternError);
    expect(() => parseBatchNumberPattern('{plant}{shift}{seq:0}{seq:3}{date:QQ}')).toThrow(
      /\{shift\} is no token.*the sequence width must be 1 to 12.*the date format must be made of/,
    );
    expect(() => parseBatchNumberPattern('{seq:3}}')).toThrow(/unbalanced brace/);
  });

  it('refuses a context that lacks a field the pattern needs', () => {
    const pattern = parseBatchNumberPattern('{plant}{line}{seq:3}');
    expect(() => renderBatchNumber(pattern, { date: '2026-02-30', plant: 'DE01' }, 1)).toThrow(BatchNumberContextError);
    expect(() => renderBatchNumber(pattern, { date: '2026-02-30', plant: 'DE01' }, 1)).toThrow(/date "2026-02-30".*needs line/);
  });

  it('counts per scope: other plant or day, other counter; same plant and day, same counter', () => {
    const pattern = parseBatchNumberPattern('{plant}{date:YYMMDD}{seq:3}');
    expect(sequenceScope(pattern, context)).toBe(sequenceScope(pattern, { ...context, line: 'other' }));
    expect(sequenceScope(pattern, context)).not.toBe(sequenceScope(pattern, { ...context, plant: 'DE02' }));
    expect(sequenceScope(pattern, context)).not.toBe(sequenceScope(pattern, { ...context, date: '2026-02-04' }));
  });

  it('never gives two sequence values of one scope the same number', () => {
    const pattern = parseBatchNumberPattern('{line}{seq:2}X');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 1, max: 1e9 }), (a, b) => {
        fc.pre(a !== b);
        expect(renderBatchNumber(pattern, context, a)).not.toBe(renderBatchNumber(pattern, context, b));
      }),
    );
  });

  it('never replaces a batch number that came from outside', async () => {
    const generate = () => Promise.resolve('GENERATED');
    await expect(chooseBatchNumber(' 0012 ab ', generate)).resolves.toEqual({ batchNumber: ' 0012 ab ', origin: 'outside' });
    await expect(chooseBatchNumber(undefined, generate)).resolves.toEqual({ batchNumber: 'GENERATED', origin: 'generated' });
  });
});
