export * from './prisma-adapter';
export * from './schema-name';
export * from './applied-messages';
export * from './prisma-outbox.store';
export * from './raw-sql';
export * from './inbound-document-intake';
export * from './intake-answer';
