/**
 * Regenerates libs/gs1/src/ai-table.ts from the GS1 Barcode Syntax Dictionary.
 *   npx ts-node --transpile-only libs/gs1/scripts/generate-ai-table.ts [path/to/gs1-syntax-dictionary.txt]
 * Default input: test/samples/gs1-barcode/gs1-syntax-dictionary.txt. The test ai-table.spec.ts fails
 * whenever the committed table and the dictionary differ.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSyntaxDictionary, renderAiTable, syntaxDictionaryRelease } from '../src/syntax-dictionary';

const root = join(__dirname, '..', '..', '..');
const input = process.argv[2] ?? join(root, 'test', 'samples', 'gs1-barcode', 'gs1-syntax-dictionary.txt');
const output = join(__dirname, '..', 'src', 'ai-table.ts');

const text = readFileSync(input, 'utf8');
const rows = parseSyntaxDictionary(text);
writeFileSync(output, renderAiTable(rows, syntaxDictionaryRelease(text)));
console.log(`wrote ${rows.length} rows to ${output}`);
