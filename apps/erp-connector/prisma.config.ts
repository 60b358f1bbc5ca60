// Read by the Prisma CLI only (migrate commands on a machine that can download its engine); see scripts/db.js.
import { defineConfig } from 'prisma/config';

const url = new URL(process.env['DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/lotbridge');
url.searchParams.set('schema', 'erp_connector');

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: url.toString() },
});
