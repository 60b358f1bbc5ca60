import { PrismaPg } from '@prisma/adapter-pg';

/**
 * Driver adapter for an app's generated PrismaClient:
 *   new PrismaClient({ adapter: createPrismaAdapter('inventory_service') })
 * `schema` makes the client qualify every table ("inventory_service"."Lot"); a `?schema=` in the URL is NOT read
 * by adapter-pg. search_path is set as well so that $queryRaw with unqualified names sees the same tables
 * (an `options` parameter inside DATABASE_URL would override it).
 */
export function createPrismaAdapter(appSchema: string, databaseUrl = process.env.DATABASE_URL): PrismaPg {
  if (!databaseUrl) throw new Error('DATABASE_URL is not set');
  if (!/^[a-z_][a-z0-9_]*$/.test(appSchema)) throw new Error(`'${appSchema}' is not a plain PostgreSQL schema name`);
  return new PrismaPg({ connectionString: databaseUrl, options: `-c search_path=${appSchema}` }, { schema: appSchema });
}
