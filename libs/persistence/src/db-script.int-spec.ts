/**
 * scripts/db.js against a real PostgreSQL (DATABASE_URL's server, default 127.0.0.1:5432): a throwaway app under
 * <repo>/tmp (inside the repo so that its generated client resolves @prisma/client), a database of its own.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { createPrismaAdapter } from './prisma-adapter';

const repoRoot = path.resolve(__dirname, '../../..');
const runId = randomBytes(4).toString('hex');
const appsDir = path.join(repoRoot, 'tmp', `db-script-${runId}`, 'apps');
const appDir = path.join(appsDir, 'demo-app');
const schemaFile = path.join(appDir, 'prisma', 'schema.prisma');
const migrationsDir = path.join(appDir, 'prisma', 'migrations');

const serverUrl = new URL(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/lotbridge');
const databaseName = `lotbridge_test_${runId}`;
const databaseUrl = Object.assign(new URL(serverUrl.toString()), { pathname: `/${databaseName}` }).toString();
const adminUrl = Object.assign(new URL(serverUrl.toString()), { pathname: '/postgres' }).toString();

const schemaV1 = `
generator client {
  provider     = "prisma-client"
  output       = "../src/__generated__/prisma"
  moduleFormat = "cjs"
}

datasource db {
  provider = "postgresql"
}

model Lot {
  id        Int        @id @default(autoincrement())
  batch     String
  quantity  Decimal    @db.Decimal(38, 12)
  movements Movement[]

  @@unique([batch])
}

model Movement {
  id    Int    @id @default(autoincrement())
  lotId Int
  lot   Lot    @relation(fields: [lotId], references: [id])
  kind  String
}
`;
const schemaV2 = schemaV1.replace('  kind  String\n', '  kind  String\n  note  String?\n');

/** What this test uses of the demo app's client, which is generated while the test runs and so has no static types. */
interface DemoPrismaClient {
  lot: {
    create(args: { data: { batch: string; quantity: string; movements: { create: { kind: string; note: string } } } }): Promise<{ id: number }>;
    findUniqueOrThrow(args: { where: { id: number }; include: { movements: true } }): Promise<{
      batch: string;
      quantity: { toFixed(decimalPlaces: number): string };
      movements: unknown[];
    }>;
  };
  $queryRawUnsafe(query: string): Promise<unknown>;
  $disconnect(): Promise<void>;
}
type DemoPrismaModule = { PrismaClient: new (options: { adapter: ReturnType<typeof createPrismaAdapter> }) => DemoPrismaClient };

function db(...args: string[]): string {
  try {
    return execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'db.js'), ...args], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: databaseUrl, LOTBRIDGE_APPS_DIR: appsDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    throw new Error(`db.js ${args.join(' ')} failed:\n${err.stdout ?? ''}${err.stderr ?? ''}`);
  }
}

async function sql<T extends Record<string, unknown>>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

jest.setTimeout(120_000);

// The per-app Prisma CLI config convention documented in scripts/db.js (`prisma generate` runs from the app folder).
const prismaConfig = `import { defineConfig } from 'prisma/config';
const url = new URL(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/lotbridge');
url.searchParams.set('schema', 'demo_app');
export default defineConfig({ schema: 'prisma/schema.prisma', migrations: { path: 'prisma/migrations' }, datasource: { url: url.toString() } });
`;

beforeAll(() => {
  fs.mkdirSync(path.dirname(schemaFile), { recursive: true });
  fs.writeFileSync(schemaFile, schemaV1);
  fs.writeFileSync(path.join(appDir, 'prisma.config.ts'), prismaConfig);
});

afterAll(async () => {
  await sql(adminUrl, `DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
  fs.rmSync(path.dirname(appsDir), { recursive: true, force: true });
});

describe('scripts/db.js', () => {
  it('creates migrations from schema diffs and refuses when nothing changed', () => {
    expect(db('migration', 'demo-app', 'init')).toMatch(/created .*_init\/migration\.sql/);
    expect(() => db('migration', 'demo-app', 'again')).toThrow(/no schema changes/);

    fs.writeFileSync(schemaFile, schemaV2);
    expect(db('migration', 'demo-app', 'add note')).toMatch(/created .*_add_note\/migration\.sql/);

    const names = fs.readdirSync(migrationsDir).sort();
    expect(names).toEqual([expect.stringMatching(/^\d{14}_init$/), expect.stringMatching(/^\d{14}_add_note$/), 'migration_lock.toml']);
    expect(fs.readFileSync(path.join(migrationsDir, 'migration_lock.toml'), 'utf8')).toContain('provider = "postgresql"');
    const second = fs.readFileSync(path.join(migrationsDir, names[1]!, 'migration.sql'), 'utf8');
    expect(second).toContain('ALTER TABLE "Movement" ADD COLUMN');
    expect(second).not.toContain('CREATE TABLE');
  });

  it('setup creates the database, applies the migrations once, and generates the client once', async () => {
    expect(db('setup')).toMatch(/demo-app -> schema demo_app: 2 migrations, 2 applied .*client generated/);
    expect(db('setup')).toMatch(/demo-app -> schema demo_app: 2 migrations, 0 applied; client up to date/);

    const columns = await sql<{ table_name: string; column_name: string }>(
      databaseUrl,
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'demo_app' ORDER BY 1, 2`,
    );
    const byTable = (t: string) => columns.filter((c) => c.table_name === t).map((c) => c.column_name);
    expect(byTable('Lot')).toEqual(['batch', 'id', 'quantity']);
    expect(byTable('Movement')).toEqual(['id', 'kind', 'lotId', 'note']);
    expect(byTable('_prisma_migrations')).toContain('checksum');
    const elsewhere = await sql(databaseUrl, `SELECT 1 FROM information_schema.tables WHERE table_schema = 'public'`);
    expect(elsewhere).toHaveLength(0);

    const rows = await sql<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      databaseUrl,
      'SELECT migration_name, checksum, finished_at FROM demo_app._prisma_migrations ORDER BY migration_name',
    );
    const expected = fs
      .readdirSync(migrationsDir)
      .filter((n) => n !== 'migration_lock.toml')
      .sort()
      .map((n) => ({
        migration_name: n,
        checksum: createHash('sha256').update(fs.readFileSync(path.join(migrationsDir, n, 'migration.sql'))).digest('hex'),
        finished_at: expect.any(Date),
      }));
    expect(rows).toEqual(expected);
  });

  it('round-trips a Decimal(38,12) and a batch number through the generated client', async () => {
    // The generated client is TypeScript (moduleFormat cjs) compiled by ts-jest like our own sources.
    const { PrismaClient } = (await import(path.join(appDir, 'src', '__generated__', 'prisma', 'client'))) as DemoPrismaModule;
    const prisma = new PrismaClient({ adapter: createPrismaAdapter('demo_app', databaseUrl) });
    try {
      const batch = '批次-001 ';
      const created = await prisma.lot.create({
        data: { batch, quantity: '12345678901234567890.123456789012', movements: { create: { kind: 'receipt', note: 'n' } } },
      });
      const back = await prisma.lot.findUniqueOrThrow({ where: { id: created.id }, include: { movements: true } });
      expect(Buffer.from(back.batch, 'utf8')).toEqual(Buffer.from(batch, 'utf8'));
      expect(back.quantity.toFixed(12)).toBe('12345678901234567890.123456789012');
      expect(back.movements).toEqual([expect.objectContaining({ kind: 'receipt', note: 'n' })]);
      // search_path follows the schema too, for raw SQL with unqualified names
      expect(await prisma.$queryRawUnsafe('SELECT quantity::text AS q FROM "Lot"')).toEqual([{ q: '12345678901234567890.123456789012' }]);
    } finally {
      await prisma.$disconnect();
    }
  });

  it('reset drops the data and re-applies the migrations', async () => {
    expect(db('reset', 'demo-app')).toMatch(/schema demo_app recreated: 2 of 2 migrations applied/);
    expect(await sql(databaseUrl, 'SELECT * FROM demo_app."Lot"')).toHaveLength(0);
  });
});
