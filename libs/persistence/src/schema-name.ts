/**
 * PostgreSQL schema that holds an app's tables: the app folder name with '-' replaced by '_'
 * (apps/inventory-service -> inventory_service). scripts/db.js applies the same rule.
 */
export function schemaNameForApp(app: string): string {
  const schema = app.replace(/-/g, '_');
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`app name '${app}' does not give a plain PostgreSQL schema name`);
  }
  return schema;
}
