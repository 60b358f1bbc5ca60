export * from './prisma-adapter';
export * from './schema-name';
