import { schemaNameForApp } from './schema-name';

describe('schemaNameForApp', () => {
  it('replaces dashes with underscores', () => {
    expect(schemaNameForApp('inventory-service')).toBe('inventory_service');
    expect(schemaNameForApp('gateway')).toBe('gateway');
  });

  it('refuses names that would need quoting', () => {
    expect(() => schemaNameForApp('Inventory')).toThrow(/schema name/);
    expect(() => schemaNameForApp('a"b')).toThrow(/schema name/);
  });
});
