import { readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { OUTPUT, generateContracts, listSchemaFiles } from '../scripts/generate-contracts';
import { evolutionProblem } from './schema-evolution';

const read = (file: string): object => JSON.parse(readFileSync(file, 'utf8')) as object;

/** Frozen versions of one schema, oldest first. */
function historyOf(schemaFile: string): string[] {
  const dir = join(dirname(schemaFile), 'history');
  const name = basename(schemaFile, '.avsc');
  return readdirSync(dir)
    .map((file) => ({ file, version: new RegExp(`^${name}\\.v(\\d+)\\.avsc$`).exec(file)?.[1] }))
    .filter((entry): entry is { file: string; version: string } => entry.version !== undefined)
    .sort((a, b) => Number(a.version) - Number(b.version))
    .map((entry) => join(dir, entry.file));
}

describe('schemas/', () => {
  const schemaFiles = listSchemaFiles();

  it('holds the four contracts of the foundation', () => {
    expect(schemaFiles.map((file) => basename(file))).toEqual(
      expect.arrayContaining(['LotMovement.avsc', 'LotMasterData.avsc', 'LotStatusChanged.avsc', 'DeadLetter.avsc']),
    );
  });

  it('and the generated TypeScript agree (run `npm run contracts:generate` after changing a schema)', () => {
    expect(readFileSync(OUTPUT, 'utf8')).toBe(generateContracts());
  });

  describe.each(schemaFiles.map((file) => [basename(file), file]))('%s', (_name, file) => {
    it('is frozen as its newest history version', () => {
      const versions = historyOf(file);
      expect(versions.length).toBeGreaterThan(0);
      expect(read(versions[versions.length - 1]!)).toEqual(read(file));
    });

    it('reads data written by every earlier version', () => {
      for (const version of historyOf(file)) {
        expect({ version: basename(version), problem: evolutionProblem(read(file), read(version)) }).toEqual({
          version: basename(version),
          problem: undefined,
        });
      }
    });
  });

  it('the evolution check refuses a reader that adds a field without a default', () => {
    const writer = read(join(dirname(OUTPUT), '../../../../schemas/lot/LotMovement.avsc')) as { fields: object[] };
    const reader = { ...writer, fields: [...writer.fields, { name: 'plant', type: 'string' }] };
    expect(evolutionProblem(reader, writer)).toMatch(/plant/);
  });

  it('the evolution check accepts a reader that adds an optional field', () => {
    const writer = read(join(dirname(OUTPUT), '../../../../schemas/lot/LotMovement.avsc')) as { fields: object[] };
    const reader = { ...writer, fields: [...writer.fields, { name: 'plant', type: ['null', 'string'], default: null }] };
    expect(evolutionProblem(reader, writer)).toBeUndefined();
  });
});
