import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expandAiTable, lookupAi } from './ai-dictionary';
import { AI_TABLE, SYNTAX_DICTIONARY_RELEASE } from './ai-table';
import { parseSyntaxDictionary, renderAiTable, syntaxDictionaryRelease } from './syntax-dictionary';
import { readSample } from './test-support/samples';

const dictionary = readSample('gs1-syntax-dictionary.txt');

describe('AI table against the GS1 Barcode Syntax Dictionary (test/samples/gs1-barcode/gs1-syntax-dictionary.txt)', () => {
  it('has exactly the rows of the dictionary (regenerate with libs/gs1/scripts/generate-ai-table.ts)', () => {
    const rows = parseSyntaxDictionary(dictionary);
    const entryLines = dictionary.split('\n').filter((line) => line.trim() !== '' && !line.trim().startsWith('#'));
    expect(rows).toHaveLength(entryLines.length);
    expect(AI_TABLE).toEqual(rows);
    expect(SYNTAX_DICTIONARY_RELEASE).toBe(syntaxDictionaryRelease(dictionary));
  });

  it('ai-table.ts is byte for byte what the generator writes (no hand edits)', () => {
    const committed = readFileSync(join(__dirname, 'ai-table.ts'), 'utf8');
    expect(committed).toBe(renderAiTable(parseSyntaxDictionary(dictionary), syntaxDictionaryRelease(dictionary)));
  });

  it('is prefix-free: no AI is the start of another, so raw element strings split unambiguously', () => {
    const ais = [...expandAiTable(AI_TABLE).keys()];
    for (const ai of ais) {
      expect(ais.filter((other) => other !== ai && other.startsWith(ai))).toEqual([]);
    }
  });

  it('predefined-length AIs (flag *, no FNC1) are all of one fixed length', () => {
    for (const row of AI_TABLE.filter((r) => !r.fnc1)) {
      expect(row.components.every((c) => c.min === c.max && !c.optional)).toBe(true);
    }
  });

  // The AIs the scanning issue names, as the dictionary defines them.
  it.each([
    ['00', { fnc1: false, minLength: 18, maxLength: 18, cset: 'N', linters: ['csum', 'gcppos2'] }],
    ['01', { fnc1: false, minLength: 14, maxLength: 14, cset: 'N', linters: ['csum', 'gcppos2'] }],
    ['02', { fnc1: false, minLength: 14, maxLength: 14, cset: 'N', linters: ['csum', 'gcppos2'] }],
    ['10', { fnc1: true, minLength: 1, maxLength: 20, cset: 'X', linters: [] }],
    ['11', { fnc1: false, minLength: 6, maxLength: 6, cset: 'N', linters: ['yymmd0'] }],
    ['13', { fnc1: false, minLength: 6, maxLength: 6, cset: 'N', linters: ['yymmd0'] }],
    ['15', { fnc1: false, minLength: 6, maxLength: 6, cset: 'N', linters: ['yymmd0'] }],
    ['16', { fnc1: false, minLength: 6, maxLength: 6, cset: 'N', linters: ['yymmd0'] }],
    ['17', { fnc1: false, minLength: 6, maxLength: 6, cset: 'N', linters: ['yymmd0'] }],
    ['21', { fnc1: true, minLength: 1, maxLength: 20, cset: 'X', linters: [] }],
    ['30', { fnc1: true, minLength: 1, maxLength: 8, cset: 'N', linters: [] }],
    ['37', { fnc1: true, minLength: 1, maxLength: 8, cset: 'N', linters: [] }],
    ['3100', { fnc1: false, minLength: 6, maxLength: 6, cset: 'N', linters: [] }],
    ['3105', { fnc1: false, minLength: 6, maxLength: 6, cset: 'N', linters: [] }],
    ['3163', { fnc1: false, minLength: 6, maxLength: 6, cset: 'N', linters: [] }],
    ['400', { fnc1: true, minLength: 1, maxLength: 30, cset: 'X', linters: [] }],
    ['410', { fnc1: false, minLength: 13, maxLength: 13, cset: 'N', linters: ['csum', 'gcppos1'] }],
    ['414', { fnc1: false, minLength: 13, maxLength: 13, cset: 'N', linters: ['csum', 'gcppos1'] }],
    ['420', { fnc1: true, minLength: 1, maxLength: 20, cset: 'X', linters: [] }],
    ['8003', { fnc1: true, minLength: 14, maxLength: 30, cset: 'N', linters: ['zero'] }],
    ['8004', { fnc1: true, minLength: 1, maxLength: 30, cset: 'X', linters: ['gcppos1'] }],
  ])('AI (%s)', (ai, expected) => {
    const definition = lookupAi(ai);
    expect(definition).toBeDefined();
    expect({
      fnc1: definition?.fnc1,
      minLength: definition?.minLength,
      maxLength: definition?.maxLength,
      cset: definition?.components[0]?.cset,
      linters: definition?.components[0]?.linters,
    }).toEqual(expected);
  });

  it('knows no AI 3106 (n is 0 to 5 decimals) and no AI 04', () => {
    expect(lookupAi('3106')).toBeUndefined();
    expect(lookupAi('04')).toBeUndefined();
  });

  it('GTIN takes the Digital Link key qualifiers 22, 10, 21 in that order, or 235; SSCC takes none', () => {
    expect(lookupAi('01')?.dlPrimaryKey).toEqual([['22', '10', '21'], ['235']]);
    expect(lookupAi('00')?.dlPrimaryKey).toEqual([[]]);
    expect(lookupAi('10')?.dlPrimaryKey).toBeUndefined();
  });
});

describe('parseSyntaxDictionary', () => {
  it('reads flags, optional components, linters, attributes and titles', () => {
    const rows = parseSyntaxDictionary(
      [
        '# comment',
        '',
        '8003        ?  N1,zero N13,csum,gcppos1 [X..16]  dlpkey                                           # GRAI',
        '3100-3105  *?  N6                                req=01,02 ex=310n                                # NET WEIGHT (kg)',
        '8110        ?  X..70,couponcode',
      ].join('\n'),
    );
    expect(rows).toEqual([
      {
        ais: '8003',
        fnc1: true,
        dlAttribute: true,
        components: [
          { cset: 'N', min: 1, max: 1, optional: false, linters: ['zero'] },
          { cset: 'N', min: 13, max: 13, optional: false, linters: ['csum', 'gcppos1'] },
          { cset: 'X', min: 1, max: 16, optional: true, linters: [] },
        ],
        dlPrimaryKey: [[]],
        title: 'GRAI',
      },
      {
        ais: '3100-3105',
        fnc1: false,
        dlAttribute: true,
        components: [{ cset: 'N', min: 6, max: 6, optional: false, linters: [] }],
        req: ['01,02'],
        ex: ['310n'],
        title: 'NET WEIGHT (kg)',
      },
      { ais: '8110', fnc1: true, dlAttribute: true, components: [{ cset: 'X', min: 1, max: 70, optional: false, linters: ['couponcode'] }], title: '' },
    ]);
  });

  it('refuses a line it cannot read', () => {
    expect(() => parseSyntaxDictionary('0A  N6')).toThrow(/expected an AI/);
    expect(() => parseSyntaxDictionary('99  Q6')).toThrow(/no specification/);
  });
});
